#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CLibCurl
import Foundation
import NewsroomCore
import NewsroomSite
import NewsroomStore

/// `newsroom-server purge` (`newsroom purge` hands over to it): tells the caches in front
/// which pages changed, from the database's durable record of changes, so a legal takedown
/// does not wait for a max-age. One HTTP request per changed page, to a URL template the
/// cache understands; a page is told again until its cache answers (at least once, in order,
/// resumed after a restart from the progress kept in the database).
struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Tell the caches in front (a CDN, Varnish, nginx) which pages each change alters.",
        discussion: """
            For every change readers could see (a story published, corrected or withdrawn; a ticker \
            line; a section, byline or site setting), one request per page it alters: the story, its \
            API and ninjs documents, its sections, the front page, the feeds and the sitemaps. A \
            change every page shows (a setting, a ticker line taken back) is one request for the path \
            /*. In the template, {url} is the page's address (site.base_url, or --base-url, and the \
            path) and {path} its path; after a ? both are percent-encoded. 2xx and 404 (not cached) \
            count as done; anything else is tried again, every 1 s up to every 30 s, and nothing \
            later is told before it (a page is never skipped). Progress is kept in the database per \
            hook name: a restarted worker resumes there; a new name starts with the next change \
            (or with the whole record, --from-start). The front page and /api/v1/ticker are also \
            told when a ticker line starts or ends by the clock, and once when the worker starts. \
            Runs on the primary (it writes its progress) as a login that may read the reader views and write purge_progress (the owner today). \
            SIGTERM or Ctrl-C: stops between requests, exit 0.
            """
    )

    @Option(help: ArgumentHelp("The request for one page, such as 'https://cdn.example/purge?url={url}' or 'http://varnish:6081{path}'.", valueName: "url-template"))
    var hook: String

    @Option(help: ArgumentHelp("The HTTP method the cache expects.", valueName: "method"))
    var method = "PURGE"

    @Option(name: .customLong("header-file"), help: ArgumentHelp("Headers to send with every request, one 'Name: value' a line (keys stay off the command line).", valueName: "path"))
    var headerFile: String?

    @Option(help: ArgumentHelp("The name progress is kept under (default: the template).", valueName: "name"))
    var name: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The site's public address for {url} (default: the site.base_url setting).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .customLong("from-start"), help: "A new hook name starts with the oldest change on record, not the next one.")
    var fromStart = false

    @Flag(help: "Tell what is pending, then exit (for cron, or to catch up by hand).")
    var once = false

    @Option(help: ArgumentHelp("A libpq connection string or URI.", valueName: "conninfo"))
    var database: String?

    func validate() throws {
        guard hook.hasPrefix("http://") || hook.hasPrefix("https://"), hook.contains("{url}") || hook.contains("{path}") else {
            throw ValidationError("--hook must be an http:// or https:// address with {url} or {path} in it, such as 'http://127.0.0.1:6081{path}'")
        }
        guard !method.isEmpty, method.utf8.allSatisfy({ (65...90).contains($0) }) else {
            throw ValidationError("--method must be an HTTP method in capitals, such as PURGE, BAN or POST")
        }
        if let baseURL, SiteRules.baseURL(baseURL) == nil {
            throw ValidationError("--base-url \"\(baseURL)\" is not a site address; use http:// or https://, a host, and an optional port and path")
        }
        let hookName = name ?? hook
        guard !hookName.isEmpty, hookName.count <= 200, !hookName.contains(where: \.isNewline) else {
            throw ValidationError("the hook's name (--name, else the template) must be one line of at most 200 characters")
        }
    }

    func run() throws {
        let headers = try readHeaders()
        let hookName = name ?? hook
        let options = try Serve.databaseOptions(database, connectTimeout: "5", lockTimeout: "5000ms")
        let stop = StopSignal()
        let client = try PurgeClient(method: method, headers: headers)
        var reportedDown = false
        while !stop.requested {
            let reader: ReaderStore, ledger: PurgeLedger
            var through: Int64
            do {
                reader = try ReaderStore.open(options)
                ledger = PurgeLedger(sharingConnectionOf: reader)
                through = try ledger.claim(hook: hookName, fromStart: fromStart)
                try reader.listenForChanges()
            } catch let error as NewsroomError where error.kind == .conflict {
                Self.say(error.message)
                throw ExitCode(75)
            } catch let error as MigrationError {
                Self.say("the database does not match this worker: \(NewsroomSession.explain(error).message)")
                throw ExitCode(78)
            } catch {
                let explained = NewsroomSession.explain(error)
                if once || explained.kind == .notAllowed {
                    Self.say(explained.message)
                    throw ExitCode(explained.kind == .notAllowed ? 77 : 69)
                }
                if !reportedDown { Self.say("cannot reach the database: \(explained.message); trying again every 2 s") }
                reportedDown = true
                if stop.wait(seconds: 2) { break }
                continue
            }
            reportedDown = false
            Self.say("purging \(hookName): changes after \(through)")
            do {
                // The strip changes by the clock too (a line starts or ends), which no change
                // records: its pages are told at each such time, and once at start for any
                // passed while no worker ran.
                guard tell(PurgeTargets.strip, base: try baseURL ?? reader.settings().baseURL, client: client, stop: stop) else { return }
                var boundary: Date?  // when the strip next changes by the clock, as last looked up
                while !stop.requested {
                    let changes = try reader.changes(after: through, limit: 200)
                    guard let last = changes.last else {
                        if once { return }
                        let (next, now) = try reader.tickerNextChange()
                        if let boundary, now >= boundary {  // passed while waiting, or while telling changes
                            guard tell(PurgeTargets.strip, base: try baseURL ?? reader.settings().baseURL, client: client, stop: stop) else { return }
                        }
                        boundary = next
                        let untilStrip = next.map { $0.timeIntervalSince(now) + 0.1 } ?? 5
                        _ = stop.wait(seconds: max(0, min(5, untilStrip)), orReadable: reader.socket)
                        _ = try reader.takeChanges()
                        continue
                    }
                    let base = try baseURL ?? reader.settings().baseURL
                    var paths = PurgeTargets.paths(for: changes)
                    if paths != [PurgeTargets.everything] {
                        // A story's photos too: a withdrawal turns their files to 410.
                        paths += try reader.photoPaths(of: changes.compactMap { $0.kind == .story ? $0.storyID : nil })
                    }
                    guard tell(paths, base: base, client: client, stop: stop) else { return }  // stopped: progress stays
                    try ledger.finished(hook: hookName, through: last.id)
                    through = last.id
                    let range = changes[0].id == last.id ? "change \(last.id)" : "changes \(changes[0].id)–\(last.id)"
                    FileHandle.standardOutput.write(Data("purged \(paths.count) page\(paths.count == 1 ? "" : "s") for \(range)\n".utf8))
                }
            } catch {
                Self.say("lost the database: \(NewsroomSession.explain(error).message); resuming from the last change told")
                if once { throw ExitCode(69) }
            }
        }
    }

    /// Every path told, in order, each until its cache takes it; false if a stop came first.
    private func tell(_ paths: [String], base: String, client: PurgeClient, stop: StopSignal) -> Bool {
        var wait = 1.0
        for path in paths {
            let url = PurgeTargets.hookURL(template: hook, path: path, baseURL: base)
            while true {
                if stop.requested { return false }
                switch client.send(url) {
                case .success(let status) where (200...299).contains(status) || status == 404:
                    wait = 1
                case .success(let status):
                    Self.say("\(method) \(url): the cache answered \(status); trying again in \(Int(wait)) s")
                    if stop.wait(seconds: wait) { return false }
                    wait = min(wait * 2, 30)
                    continue
                case .failure(let reason):
                    Self.say("\(method) \(url): \(reason); trying again in \(Int(wait)) s")
                    if stop.wait(seconds: wait) { return false }
                    wait = min(wait * 2, 30)
                    continue
                }
                break
            }
        }
        return true
    }

    private func readHeaders() throws -> [String] {
        guard let headerFile else { return [] }
        guard let text = try? String(contentsOfFile: headerFile, encoding: .utf8) else {
            throw ValidationError("cannot read --header-file \(headerFile)")
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  line[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw ValidationError("--header-file: \"\(line.prefix(40))\" is not 'Name: value'")
            }
        }
        return lines
    }

    static func say(_ message: String) {
        FileHandle.standardError.write(Data("newsroom purge: \(message)\n".utf8))
    }
}

/// One libcurl handle, kept: requests to the same cache reuse its connection.
final class PurgeClient {
    enum Outcome {
        case success(Int)
        case failure(String)
    }

    private let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let method: String

    init(method: String, headers: [String]) throws {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        guard let handle = curl_easy_init() else { throw ValidationError("libcurl could not start") }
        self.handle = handle
        self.method = method
        for header in headers { headerList = curl_slist_append(headerList, header) }
        _ = newsroom_curl_set_list(handle, CURLOPT_HTTPHEADER, headerList)
        _ = newsroom_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, method)
        _ = newsroom_curl_set_long(handle, CURLOPT_TIMEOUT, 10)
        _ = newsroom_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, 5)
        _ = newsroom_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = newsroom_curl_set_string(handle, CURLOPT_USERAGENT, "newsroom-purge")
        // The answer's body is not needed; counted and dropped.
        _ = newsroom_curl_set_write_callback(handle) { _, size, count, _ in size * count }
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
    }

    func send(_ url: String) -> Outcome {
        _ = newsroom_curl_set_string(handle, CURLOPT_URL, url)
        let result = curl_easy_perform(handle)
        guard result == CURLE_OK else { return .failure(String(cString: curl_easy_strerror(result))) }
        var status = 0
        _ = newsroom_curl_response_code(handle, &status)
        return .success(status)
    }
}
