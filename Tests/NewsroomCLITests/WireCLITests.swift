import Foundation
import PostgresClient
import Testing
import TestSupport

/// Agency copy end to end (issue 32): a folder and an HTTP endpoint deliver items, an update and a
/// kill; the queue, a take with its provenance, the update's note and the kill's urgent alarm.
@Suite("wire: folder and HTTP sources, the queue, take, updates and kills", .serialized)
struct WireCLITests {
    static let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures/wire")

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wire-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func deliver(_ fixture: String, into folder: URL, as name: String? = nil) throws {
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(fixture), to: folder.appendingPathComponent(name ?? fixture))
    }

    @Test("a folder: items in, delivered twice stored once, taken into a draft with provenance, an update noted, a kill alarmed; hostile files to rejected/")
    func folderSource() throws {
        try NewsroomFixture.with { newsroom in
            let inbox = try Self.folder()
            defer { try? FileManager.default.removeItem(at: inbox) }
            let refused = try newsroom.run(["wire", "source", "add", "ina", "--folder", inbox.path, "--settle", "0"], as: "layla")
            #expect(refused.status == 1 && refused.stderr.contains("chiefs and admins"), "\(refused)")
            let added = try newsroom.run(["wire", "source", "add", "ina", "--folder", inbox.path, "--settle", "0"], as: "huda")
            #expect(added.status == 0, "\(added)")

            try Self.deliver("arabic-newsitem-v1.xml", into: inbox)
            try Self.deliver("arabic-newsitem-v1.xml", into: inbox, as: "again.xml")
            try Self.deliver("arabic-ninjs-2.json", into: inbox)
            try Self.deliver("still-writing.part", into: inbox, as: "x.xml.part")
            let secret = inbox.appendingPathComponent("secret.txt.part")
            try "TOP-SECRET-CANARY".write(to: secret, atomically: true, encoding: .utf8)
            try "<?xml version=\"1.0\"?><!DOCTYPE newsItem [<!ENTITY x SYSTEM \"file://\(secret.path)\">]><newsItem guid=\"g\" version=\"1\"><contentMeta><headline>&x;</headline></contentMeta></newsItem>"
                .write(to: inbox.appendingPathComponent("xxe.xml"), atomically: true, encoding: .utf8)
            let run = try newsroom.run(["wire", "run", "--once"])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("wire: 2 stored, 1 already there, 1 rejected"), "\(run.stdout)")
            #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("x.xml.part").path), "a file still being written is left")
            let reason = try String(contentsOf: inbox.appendingPathComponent("rejected/xxe.xml.reason.txt"), encoding: .utf8)
            #expect(reason.contains("DTD") && !reason.contains("TOP-SECRET"), "\(reason)")
            #expect(try newsroom.count("SELECT count(*) FROM wire_versions WHERE headline LIKE '%SECRET%'") == 0)
            #expect(try newsroom.count("SELECT count(*) FROM wire_versions") == 2)

            let listed = try #require(try NewsroomFixture.json(try newsroom.run(["wire", "list", "--json"], as: "layla")) as? [[String: Any]])
            #expect(listed.count == 2 && listed.first?["headline"] as? String != nil, "\(listed)")
            let item = try #require(listed.first { ($0["guid"] as? String)?.contains("diyala") == true })
            let itemID = String(try #require(item["id"] as? Int))
            let urgent = try #require(try NewsroomFixture.json(try newsroom.run(["wire", "list", "--urgency", "2", "--json"], as: "layla")) as? [[String: Any]])
            #expect(urgent.count == 1 && urgent.first?["urgency"] as? Int == 2, "the ninjs item alone is urgency 2")
            let found = try newsroom.run(["wire", "search", "البنك", "المتنقل"], as: "layla")
            #expect(found.status == 0 && found.stdout.contains(itemID), "\(found)")

            let taken = try newsroom.run(["wire", "take", itemID, "--section", "politics"], as: "layla")
            #expect(taken.status == 0, "\(taken)")
            let story = taken.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let shown = try #require(try NewsroomFixture.json(try newsroom.run(["story", "show", story, "--json"], as: "layla")) as? [String: Any])
            let wire = try #require(shown["wire"] as? [String: Any])
            #expect(wire["source"] as? String == "ina" && wire["guid"] as? String == "urn:newsml:ina.iq:20230803:diyala-kafala" && wire["version"] as? Int == 1)
            #expect(wire["creditline"] as? String == "بغداد اليوم" && shown["dateline"] as? String == "بغداد اليوم - ديالى" && shown["status"] as? String == "draft")
            #expect((shown["body"] as? String)?.contains("## متى ظهر؟") == true)

            try Self.deliver("arabic-newsitem-v2.xml", into: inbox)
            #expect(try newsroom.run(["wire", "run", "--once"]).stdout.contains("told story \(story)"))
            let note = try newsroom.database.connect().queryOne(
                "SELECT author, text FROM story_notes WHERE story_id = $1 ORDER BY id DESC LIMIT 1", [Int64(story)!])
            #expect(try note.decode("author") as String == "agency.wire")
            let noteText: String = try note.decode("text")
            #expect(noteText.contains("version 2") && noteText.contains("+ ثلاث") && noteText.contains("- عدّة"), "\(noteText)")

            try newsroom.steps([
                ("huda", ["story", "assign", story, "--editor", "omar"]), ("layla", ["story", "submit", story]),
                ("omar", ["story", "approve", story]), ("omar", ["story", "publish", story]),
            ])
            let watch = try NewsroomBinary.start(["watch", "--json"], database: newsroom.database.conninfo, environment: ["NEWSROOM_AS": "huda"])
            defer { watch.signal(SIGTERM); _ = watch.wait() }
            Thread.sleep(forTimeInterval: 1)
            try Self.deliver("arabic-newsitem-kill.xml", into: inbox)
            #expect(try newsroom.run(["wire", "run", "--once"]).stdout.contains("KILLED"))
            #expect(try newsroom.count("SELECT count(*) FROM wire_notices WHERE kind = 'kill' AND urgent") == 1)
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND status = 'published'", [Int64(story)!]) == 1, "never withdrawn by itself")
            let killed = try newsroom.run(["story", "list", "--wire-killed", "--json"], as: "huda")
            #expect(killed.stdout.contains("\"id\":\(story)") || killed.stdout.contains("\"id\": \(story)"), "\(killed.stdout)")
            #expect(RunningNewsroom.eventually(seconds: 10) { watch.stdout.contains("\"action\":\"wire kill\"") && watch.stdout.contains("\"urgent\":true") },
                    "newsroom watch tells the kill, urgent: \(watch.stdout)")
            let retake = try newsroom.run(["wire", "take", itemID, "--section", "politics"], as: "layla")
            #expect(retake.status == 1 && retake.stderr.contains("canceled"), "a killed item is not taken: \(retake)")
            let exported = try newsroom.run(["story", "export", story])
            #expect(exported.stdout.contains("urn:newsml:ina.iq:20230803:diyala-kafala") && exported.stdout.contains("rightsinfo"), "\(exported.stdout)")
        }
    }

    @Test("two workers at once over the same folder store each version once")
    func twoWorkers() throws {
        try NewsroomFixture.with { newsroom in
            let inbox = try Self.folder()
            defer { try? FileManager.default.removeItem(at: inbox) }
            #expect(try newsroom.run(["wire", "source", "add", "kuna", "--folder", inbox.path, "--settle", "0"], as: "huda").status == 0)
            let template = try String(contentsOf: Self.fixtures.appendingPathComponent("arabic-ninjs-2.json"), encoding: .utf8)
            for number in 1...60 {
                try template.replacingOccurrences(of: "basra-port", with: "item-\(number)")
                    .write(to: inbox.appendingPathComponent("item-\(number).json"), atomically: true, encoding: .utf8)
                try template.replacingOccurrences(of: "basra-port", with: "item-\(number)")
                    .write(to: inbox.appendingPathComponent("copy-\(number).json"), atomically: true, encoding: .utf8)
            }
            let first = try NewsroomBinary.start(["wire", "run"], database: newsroom.database.conninfo)
            let second = try NewsroomBinary.start(["wire", "run"], database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 30) { (try? newsroom.count("SELECT count(*) FROM wire_items")) == 60 && (try? FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".json") }.count) == 0 })
            first.signal(SIGTERM)
            second.signal(SIGTERM)
            _ = first.wait()
            _ = second.wait()
            #expect(try newsroom.count("SELECT count(*) FROM wire_versions") == 60, "\(first.stdout)\n\(second.stdout)")
        }
    }

    @Test("the queue: newest first, the more urgent first among items sent at the same time, an item without urgency last")
    func listOrder() throws {
        try NewsroomFixture.with { newsroom in
            let inbox = try Self.folder()
            defer { try? FileManager.default.removeItem(at: inbox) }
            #expect(try newsroom.run(["wire", "source", "add", "spa", "--folder", inbox.path, "--settle", "0"], as: "huda").status == 0)
            let template = try String(contentsOf: Self.fixtures.appendingPathComponent("arabic-ninjs-2.json"), encoding: .utf8)
            // Written so that neither the file order nor the id order is the answer.
            let items: [(name: String, urgency: String, sent: String)] = [
                ("routine", "\"urgency\": 5,", "2023-08-03T12:00:00+03:00"), ("none", "", "2023-08-03T12:00:00+03:00"),
                ("flash", "\"urgency\": 1,", "2023-08-03T12:00:00+03:00"), ("later", "\"urgency\": 9,", "2023-08-03T12:05:00+03:00"),
            ]
            for item in items {
                try template.replacingOccurrences(of: "basra-port", with: item.name).replacingOccurrences(of: "\"urgency\": 2,", with: item.urgency)
                    .replacingOccurrences(of: "2023-08-03T12:00:00+03:00", with: item.sent)
                    .write(to: inbox.appendingPathComponent("\(item.name).json"), atomically: true, encoding: .utf8)
            }
            #expect(try newsroom.run(["wire", "run", "--once"]).stdout.contains("wire: 4 stored"))
            let listed = try #require(try NewsroomFixture.json(try newsroom.run(["wire", "list", "--json"], as: "layla")) as? [[String: Any]])
            let order = listed.compactMap { ($0["guid"] as? String)?.components(separatedBy: ":").last }
            #expect(order == ["later", "flash", "routine", "none"], "\(order)")
            let bySource = try #require(try NewsroomFixture.json(try newsroom.run(["wire", "list", "--source", "spa", "--urgency", "5", "--json"], as: "layla")) as? [[String: Any]])
            #expect(bySource.compactMap { ($0["guid"] as? String)?.components(separatedBy: ":").last } == ["flash", "routine"])
        }
    }
}
