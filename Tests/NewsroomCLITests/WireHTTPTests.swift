import Foundation
import PostgresClient
import Testing
import TestSupport

/// An agency's HTTP API (scripts/lib/wire_http_source.py: an Atom feed of ninjs inline and
/// NewsML-G2 linked, with ETag and Last-Modified) polled by `wire run`: items, an unchanged
/// feed asked conditionally, an update told to the story taken from it, and a kill.
@Suite("wire: an HTTP source", .serialized)
struct WireHTTPTests {
    final class Agency {
        let folder: URL
        let log: URL
        let port: Int
        let process = Process()

        init() throws {
            folder = try WireCLITests.folder()
            let scratch = try WireCLITests.folder()
            log = scratch.appendingPathComponent("requests.log")
            let portFile = scratch.appendingPathComponent("port")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Repository.root.appendingPathComponent("scripts/lib/wire_http_source.py").path, folder.path, portFile.path, log.path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            guard RunningNewsroom.eventually(seconds: 10, { FileManager.default.fileExists(atPath: portFile.path) }),
                  let port = Int(try String(contentsOf: portFile, encoding: .utf8)) else {
                kill(process.processIdentifier, SIGKILL)
                throw FixtureFailure(message: "the agency's server did not start")
            }
            self.port = port
        }

        func deliver(_ fixture: String) throws {
            try WireCLITests.deliver(fixture, into: folder)
            Thread.sleep(forTimeInterval: 0.02)  // each file its own modification time, so the feed's order is the delivery's
        }

        var requests: [String] { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }

        deinit {
            // SIGKILL: a child of a test thread may start with SIGTERM blocked.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: log.deletingLastPathComponent())
        }
    }

    @Test("items from the feed, an unchanged feed not read again (304), an update told to the story, a kill alarmed")
    func httpSource() throws {
        try NewsroomFixture.with { newsroom in
            let agency = try Agency()
            let feed = "http://127.0.0.1:\(agency.port)/feed"
            let refused = try newsroom.run(["wire", "source", "add", "afp", "--url", "ftp://127.0.0.1/feed"], as: "huda")
            #expect(refused.status != 0 && !refused.stderr.isEmpty, "\(refused)")
            let added = try newsroom.run(["wire", "source", "add", "afp", "--url", feed, "--poll", "1"], as: "huda")
            #expect(added.status == 0, "\(added)")
            try agency.deliver("arabic-newsitem-v1.xml")
            try agency.deliver("arabic-ninjs-2.json")

            let first = try newsroom.run(["wire", "run", "--once"])
            #expect(first.status == 0 && first.stdout.contains("wire: 2 stored, 0 already there, 0 rejected"), "\(first)")
            #expect(try newsroom.count("SELECT count(*) FROM wire_items WHERE source = 'afp'") == 2)
            #expect(agency.requests.contains { $0.hasPrefix("GET /items/arabic-newsitem-v1.xml") && $0.hasSuffix(" 200") }, "the linked item was fetched: \(agency.requests)")

            let second = try newsroom.run(["wire", "run", "--once"])
            #expect(second.status == 0 && second.stdout.contains("wire: 0 stored, 0 already there, 0 rejected"), "\(second)")
            let conditional = try #require(agency.requests.last)
            #expect(conditional.hasPrefix("GET /feed \"") && conditional.hasSuffix(" 304"), "asked with its ETag and answered 304: \(agency.requests)")

            let listed = try #require(try NewsroomFixture.json(try newsroom.run(["wire", "list", "--source", "afp", "--json"], as: "layla")) as? [[String: Any]])
            let item = try #require(listed.first { ($0["guid"] as? String)?.contains("diyala") == true }, "\(listed)")
            let taken = try newsroom.run(["wire", "take", String(try #require(item["id"] as? Int)), "--section", "politics"], as: "layla")
            #expect(taken.status == 0, "\(taken)")
            let story = taken.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

            try agency.deliver("arabic-newsitem-v2.xml")
            let update = try newsroom.run(["wire", "run", "--once"])
            #expect(update.stdout.contains("version 1 → 2") && update.stdout.contains("told story \(story)"), "\(update)")
            #expect(update.stdout.contains("2 already there"), "the feed lists version 1 and the ninjs item again; each is stored once: \(update.stdout)")
            #expect(try newsroom.count("SELECT count(*) FROM story_notes WHERE story_id = $1 AND author = 'agency.wire'", [Int64(story)!]) == 1)

            try agency.deliver("arabic-newsitem-kill.xml")
            let kill = try newsroom.run(["wire", "run", "--once"])
            #expect(kill.stdout.contains("KILLED"), "\(kill)")
            #expect(try newsroom.count("SELECT count(*) FROM wire_notices WHERE kind = 'kill' AND story_id = $1", [Int64(story)!]) == 1)
            #expect(try newsroom.count("SELECT count(*) FROM wire_versions") == 4, "v1, v2, the kill and the ninjs item, each once")
        }
    }

    @Test("an address that does not answer, or answers 404, is logged and tried again; nothing stored")
    func unreachable() throws {
        try NewsroomFixture.with { newsroom in
            let agency = try Agency()
            #expect(try newsroom.run(["wire", "source", "add", "gone", "--url", "http://127.0.0.1:\(agency.port)/nothing-here"], as: "huda").status == 0)
            #expect(try newsroom.run(["wire", "source", "add", "down", "--url", "http://127.0.0.1:1/feed"], as: "huda").status == 0)
            let run = try newsroom.run(["wire", "run", "--once"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("answered 404") && run.stdout.contains("could not be read"), "\(run.stdout)")
            #expect(try newsroom.count("SELECT count(*) FROM wire_items") == 0)
        }
    }
}
