import Foundation
import NewsroomCore
import NewsroomStore
import NewsroomWires

/// What the worker takes in from each source, a pass at a time: the files a folder holds once
/// they are complete, and what an endpoint serves when it has something new. Each file is one
/// decision: all its items stored (it moves to `done/`), or none and it moves to `rejected/`
/// beside a reason file; the rest of the batch goes on. One line per file on stdout.
final class WireWorker {
    let store: NewsroomStore
    let log: (String) -> Void
    /// Files seen still being written: their size and time, to see them stand still.
    private var growing: [String: (size: Int, modified: Date)] = [:]

    init(store: NewsroomStore, log: @escaping (String) -> Void) {
        self.store = store
        self.log = log
    }

    struct Tally { var stored = 0, already = 0, rejected = 0, waiting = 0 }

    /// One pass over every active source. `force`: poll endpoints whether or not they are due.
    func pass(force: Bool) throws -> Tally {
        var tally = Tally()
        for source in try store.wireSources() where source.active {
            guard try store.claimWireSource(source.name) else { continue }
            defer { try? store.releaseWireSource(source.name) }
            switch source.kind {
            case .folder: try folder(source, &tally)
            case .url:
                let due = source.polledAt.map { Date().timeIntervalSince($0) >= Double(source.pollSeconds) } ?? true
                if force || due { try poll(source, &tally) }
            }
        }
        return tally
    }

    // MARK: Folders

    /// Names an agency writes under before renaming the file complete (a convention most use).
    static func isPartial(_ name: String) -> Bool {
        name.hasPrefix(".") || [".tmp", ".part", ".partial", ".filepart", ".crdownload", ".uploading"].contains { name.lowercased().hasSuffix($0) }
    }

    func folder(_ source: WireSource, _ tally: inout Tally) throws {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: source.location) else {
            log("\(source.name): cannot read the folder \(source.location); check that it exists and this user may read it")
            return
        }
        for name in names.sorted() where !Self.isPartial(name) {
            let path = source.location + "/" + name
            guard let attributes = try? files.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType == .typeRegular,
                  let size = (attributes[.size] as? NSNumber)?.intValue, let modified = attributes[.modificationDate] as? Date else { continue }
            // Complete when it has stood still (size and time) for the source's settle time.
            let settled = Date().timeIntervalSince(modified) >= Double(source.settleSeconds)
            if let seen = growing[path], seen.size == size, seen.modified == modified, settled {
                growing[path] = nil
            } else if !settled || growing[path] != nil {
                growing[path] = (size, modified)
                tally.waiting += 1
                continue
            }
            try take(path, name: name, size: size, source: source, &tally)
        }
    }

    func take(_ path: String, name: String, size: Int, source: WireSource, _ tally: inout Tally) throws {
        if size > source.maxBytes {
            return reject(path, name: name, source: source,
                          WireRefusal(.tooLarge, "it is \(size) bytes, over the source's limit of \(source.maxBytes) (wire source add --max-bytes)"), &tally)
        }
        guard let data = FileManager.default.contents(atPath: path) else { return }  // another worker moved it
        do {
            let outcomes = try ingest([UInt8](data), charset: nil, origin: path, source: source)
            report(outcomes, what: name, source: source, &tally)
            move(path, to: source.location + "/done/" + Self.day(), name: name)
        } catch let refusal as WireRefusal {
            reject(path, name: name, source: source, refusal, &tally)
        }
    }

    /// Every document of the bytes through the rules first, then each stored: all or none.
    func ingest(_ bytes: [UInt8], charset: String?, origin: String, source: WireSource) throws -> [(WireVersion, WireIngest)] {
        let documents = try WireFile.documents(bytes, maxBytes: source.maxBytes, charset: charset)
        let versions = try documents.map { document throws(WireRefusal) in try WireRules.version(of: document) }
        return try versions.map { ($0, try store.ingest($0, from: source.name, origin: origin)) }
    }

    func report(_ outcomes: [(WireVersion, WireIngest)], what: String, source: WireSource, _ tally: inout Tally) {
        for (version, outcome) in outcomes {
            let document = version.document
            let head = "\(Self.stamp())  \(source.name)  \(what)  "
            let words = "\u{2068}\(document.headline)\u{2069}"
            switch outcome {
            case .new(let id):
                tally.stored += 1
                log(head + "item \(id) version \(document.version)\(document.isKill ? " (killed)" : ""): " + words)
            case .updated(let id, let from, let told):
                tally.stored += 1
                let stories = told.isEmpty ? "" : "; told stor\(told.count == 1 ? "y" : "ies") \(told.map(\.description).joined(separator: ", "))"
                log(head + "item \(id) version \(from) → \(document.version)\(document.isKill ? " KILLED" : "")\(stories): " + words)
            case .older(let id, let current):
                tally.stored += 1
                log(head + "item \(id): version \(document.version) kept as history (the queue has version \(current))")
            case .already(let id):
                tally.already += 1
                log(head + "item \(id) version \(document.version) was stored already; nothing changed")
            }
            if let note = version.bodyNote { log(head + "note: \(note)") }
        }
    }

    func reject(_ path: String, name: String, source: WireSource, _ refusal: WireRefusal, _ tally: inout Tally) {
        tally.rejected += 1
        let folder = source.location + "/rejected"
        let moved = move(path, to: folder, name: name)
        let reason = "\(moved ?? name) was refused (\(refusal.kind.rawValue)): \(refusal.message)\n"
        if let moved { _ = FileManager.default.createFile(atPath: folder + "/" + moved + ".reason.txt", contents: Data(reason.utf8)) }
        log("\(Self.stamp())  \(source.name)  \(name)  rejected (\(refusal.kind.rawValue)): \(refusal.message)")
    }

    /// Moves the file into the folder under its name (numbered if taken); nil if it is gone.
    @discardableResult
    func move(_ path: String, to folder: String, name: String) -> String? {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var target = name
        var number = 1
        while FileManager.default.fileExists(atPath: folder + "/" + target) {
            number += 1
            target = "\(name).\(number)"
        }
        return rename(path, folder + "/" + target) == 0 ? target : nil
    }

    // MARK: Endpoints

    func poll(_ source: WireSource, _ tally: inout Tally) throws {
        switch HTTPFetch.get(source.location, etag: source.etag, lastModified: source.lastModified, maxBytes: source.maxBytes) {
        case .failure(let failure):
            log("\(Self.stamp())  \(source.name)  \(source.location)  could not be read (\(failure.message)); trying again in \(source.pollSeconds)s")
            try store.recordWirePoll(source.name, etag: nil, lastModified: nil)
        case .success(let response):
            if response.status == 304 { return try store.recordWirePoll(source.name, etag: nil, lastModified: nil) }
            guard response.status == 200 else {
                log("\(Self.stamp())  \(source.name)  \(source.location)  answered \(response.status); trying again in \(source.pollSeconds)s")
                return try store.recordWirePoll(source.name, etag: nil, lastModified: nil)
            }
            if response.tooLarge {
                log("\(Self.stamp())  \(source.name)  \(source.location)  rejected (too large): over the source's limit of \(source.maxBytes) bytes")
                tally.rejected += 1
            } else {
                try items(response, at: source.location, source: source, &tally)
            }
            // Only once everything served is stored: a poll cut short is asked again in full.
            try store.recordWirePoll(source.name, etag: response.etag, lastModified: response.lastModified)
        }
    }

    func items(_ response: HTTPFetch.Response, at url: String, source: WireSource, _ tally: inout Tally) throws {
        let charset = HTTPFetch.charset(of: response.contentType)
        do {
            guard let entries = try AtomFeed.entries(response.body) else {
                return report(try ingest(response.body, charset: charset, origin: url, source: source), what: url, source: source, &tally)
            }
            for entry in entries {
                switch entry {
                case .inline(let bytes):
                    do { report(try ingest(bytes, charset: nil, origin: url, source: source), what: url, source: source, &tally) } catch let refusal as WireRefusal {
                        tally.rejected += 1
                        log("\(Self.stamp())  \(source.name)  an entry of \(url)  rejected (\(refusal.kind.rawValue)): \(refusal.message)")
                    }
                case .link(let href):
                    let link = HTTPFetch.resolve(href, against: url)
                    switch HTTPFetch.get(link, etag: nil, lastModified: nil, maxBytes: source.maxBytes) {
                    case .success(let item) where item.status == 200 && !item.tooLarge:
                        do { report(try ingest(item.body, charset: HTTPFetch.charset(of: item.contentType), origin: link, source: source), what: link, source: source, &tally) } catch let refusal as WireRefusal {
                            tally.rejected += 1
                            log("\(Self.stamp())  \(source.name)  \(link)  rejected (\(refusal.kind.rawValue)): \(refusal.message)")
                        }
                    case .success(let item):
                        tally.rejected += 1
                        log("\(Self.stamp())  \(source.name)  \(link)  " + (item.tooLarge ? "rejected (too large)" : "answered \(item.status)"))
                    case .failure(let failure):
                        log("\(Self.stamp())  \(source.name)  \(link)  could not be read (\(failure.message))")
                    }
                }
            }
        } catch let refusal as WireRefusal {
            tally.rejected += 1
            log("\(Self.stamp())  \(source.name)  \(url)  rejected (\(refusal.kind.rawValue)): \(refusal.message)")
        }
    }

    static func stamp() -> String { Date().ISO8601Format() }
    static func day() -> String { String(Date().ISO8601Format().prefix(10)) }
}
