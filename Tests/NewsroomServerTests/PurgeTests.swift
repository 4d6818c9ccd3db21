import Foundation
import PostgresClient
import TestSupport
import Testing

/// `newsroom purge` against a local listener standing in for a CDN's purge endpoint.
@Suite("reader site: purging caches in front")
struct PurgeTests {
    static func progress(_ connection: PostgresConnection) throws -> (through: Int64, latest: Int64) {
        let row = try connection.queryOne(
            "SELECT (SELECT through FROM purge_progress) AS through, (SELECT max(id) FROM reader_changes) AS latest")
        return (try row.decode("through"), try row.decode("latest"))
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"))!
    }

    @Test("every page a change alters is told; a change made while the worker was stopped is told when it is back; a failing cache is told again; one worker per hook")
    func purge() throws {
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            try newsroom.steps([("adam", ["config", "set", "site.base_url", "https://news.example"])])
            let cache = try HTTPRecorder()
            let hook = "http://127.0.0.1:\(cache.port)/purge?url={url}"
            let worker = try NewsroomBinary.start(["purge", "--hook", hook], database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 10) { worker.stderr.contains("purging") }, "\(worker.stderr)")
            // A new hook starts with the next change; the strip's pages are told at start (the
            // clock may have moved the strip while no worker ran).
            let strip = ["/", "/api/v1/ticker"].map { "/purge?url=" + Self.encoded("https://news.example" + $0) }
            #expect(RunningNewsroom.eventually(seconds: 2) { cache.targets == strip }, "\(cache.targets)")
            cache.clear()

            // Published: the story's pages, its section's, the front page, feeds and sitemaps.
            let id = try ReaderServerTests.publishSample(newsroom)
            let month = String(ISO8601DateFormatter().string(from: Date()).prefix(7))
            let pages = ["/stories/\(id)", "/api/v1/stories/\(id)", "/api/v1/stories/\(id).ninjs", "/", "/api/v1/stories",
                         "/feed.atom", "/feed.rss", "/sitemap-news.xml", "/sitemap.xml", "/sitemaps/\(month).xml",
                         "/sections/politics", "/sections/politics/feed.atom", "/sections/politics/feed.rss",
                         "/api/v1/stories?section=politics"]
            let expected = pages.map { "/purge?url=" + Self.encoded("https://news.example" + $0) }
            #expect(RunningNewsroom.eventually(seconds: 2) { Set(cache.targets).isSuperset(of: expected) }, "\(cache.targets)")
            #expect(cache.requests.allSatisfy { $0.hasPrefix("PURGE ") })
            #expect(cache.targets.count == Set(cache.targets).count, "each page once")
            #expect(RunningNewsroom.eventually(seconds: 2) { (try? Self.progress(connection)).map { $0.through == $0.latest } == true })

            // Stopped (SIGTERM: exit 0); a correction meanwhile; back, with the cache failing:
            // told again until the cache takes it, and the progress waits for it.
            worker.signal(SIGTERM)
            #expect(worker.wait(seconds: 10) == 0, "\(worker.stderr)")
            cache.clear()
            try newsroom.steps([("omar", ["story", "edit", id, "--headline", "عنوان مصحح", "--correction", "تصحيح العنوان"])])
            cache.answer(503)
            let again = try NewsroomBinary.start(["purge", "--hook", hook], database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 10) { cache.requests.count >= 2 }, "told again after a 503")
            #expect(Set(cache.targets) == [strip[0]], "nothing after the page that failed: \(cache.targets)")
            let waiting = try Self.progress(connection)
            #expect(waiting.through < waiting.latest)
            #expect(again.stderr.contains("the cache answered 503"))

            // A second worker for the same hook is refused.
            let second = try newsroom.run(["purge", "--hook", hook, "--once"])
            #expect(second.status == 75, "\(second)")
            #expect(second.stderr.contains("another purge worker is running"))

            cache.answer(200)
            #expect(RunningNewsroom.eventually(seconds: 10) { (try? Self.progress(connection)).map { $0.through == $0.latest } == true })
            #expect(Set(cache.targets).isSuperset(of: expected))

            // A change every page shows: one request for everything.
            #expect(RunningNewsroom.eventually(seconds: 2) { Set(cache.targets).isSuperset(of: expected) })
            cache.clear()
            try newsroom.steps([("adam", ["config", "set", "site.name", "بغداد اليوم"])])
            #expect(RunningNewsroom.eventually(seconds: 2) { cache.targets == ["/purge?url=" + Self.encoded("https://news.example/*")] }, "\(cache.targets)")

            // A line that starts by the clock, two seconds on: the strip's pages are told then too.
            cache.clear()
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "سطر لاحق", "--from", "+2s", "--for", "1h"])])
            #expect(RunningNewsroom.eventually(seconds: 2) { cache.targets.count == 2 }, "\(cache.targets)")  // the insert: / and the strip's API
            let scheduled = Date()
            #expect(RunningNewsroom.eventually(seconds: 4) { cache.targets.count == 4 }, "\(cache.targets)")
            #expect(Date().timeIntervalSince(scheduled) > 1, "told at the line's start, not before")
            #expect(Array(cache.targets.suffix(2)) == strip)
            again.signal(SIGTERM)
            #expect(again.wait(seconds: 10) == 0)
        }
    }

    @Test("a template with {path}, headers from a file, --from-start and --once; bad options are refused before anything is sent")
    func options() throws {
        try NewsroomFixture.with { newsroom in
            let id = try ReaderServerTests.publishSample(newsroom)
            let cache = try HTTPRecorder()
            let headers = FileManager.default.temporaryDirectory.appendingPathComponent("purge-headers-\(UUID().uuidString)")
            try "# the CDN's key\nFastly-Key: secret\n".write(to: headers, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: headers) }
            let run = try newsroom.run(["purge", "--hook", "http://127.0.0.1:\(cache.port){path}", "--method", "BAN",
                                        "--header-file", headers.path, "--from-start", "--once", "--name", "varnish"])
            #expect(run.status == 0, "\(run)")
            // The strip's pages at start; from the start of the record, the fixture's settings: a
            // change every page shows.
            #expect(cache.requests == ["BAN / HTTP/1.1", "BAN /api/v1/ticker HTTP/1.1", "BAN /* HTTP/1.1"], "\(cache.requests)")
            #expect(cache.heads.allSatisfy { $0.contains("\r\nFastly-Key: secret") }, "\(cache.heads)")
            #expect(run.stdout.contains("purged 1 page for changes"))
            // Nothing pending: nothing sent. Then a story published while no worker ran.
            cache.clear()
            #expect(try newsroom.run(["purge", "--hook", "http://127.0.0.1:\(cache.port){path}", "--once", "--name", "varnish"]).status == 0)
            #expect(cache.targets == ["/", "/api/v1/ticker"])
            try newsroom.steps([("omar", ["story", "edit", id, "--headline", "عنوان آخر", "--correction", "تصحيح"])])
            #expect(try newsroom.run(["purge", "--hook", "http://127.0.0.1:\(cache.port){path}", "--method", "BAN", "--once", "--name", "varnish"]).status == 0)
            #expect(cache.requests.contains("BAN /stories/\(id) HTTP/1.1"), "\(cache.requests)")
            #expect(cache.requests.contains("BAN /sections/politics HTTP/1.1"), "\(cache.requests)")

            for (arguments, message) in [
                (["--hook", "ftp://x/{path}"], "--hook must be an http"),
                (["--hook", "http://x/purge"], "{url} or {path}"),
                (["--hook", "http://x{path}", "--method", "purge"], "--method must be"),
                (["--hook", "http://x{path}", "--header-file", "/nonexistent"], "cannot read --header-file"),
            ] {
                let refused = try newsroom.run(["purge"] + arguments + ["--once"])
                #expect(refused.status == 64, "\(arguments)")
                #expect(refused.stderr.contains(message), "\(refused.stderr)")
            }
        }
    }
}
