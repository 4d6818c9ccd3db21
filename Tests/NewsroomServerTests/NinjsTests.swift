import Foundation
import TestSupport
import Testing

/// IPTC ninjs, as partners' systems take it: valid against IPTC's own schema in every state a
/// reader may know of, the same from the server and the CLI, and nothing of a withdrawn text.
@Suite("interchange: IPTC ninjs")
struct NinjsTests {
    static var fixtures: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/ninjs") }

    /// Runs IPTC's schema over the documents; the errors by file.
    static func validate(_ documents: [Data]) throws -> (status: Int32, output: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-ninjs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for (index, document) in documents.enumerated() {
            let file = folder.appendingPathComponent("\(index).json")
            try document.write(to: file)
            files.append(file.path)
        }
        let run = try Spawn.run("/usr/bin/env", ["python3", PageCheckTests.repository.appendingPathComponent("scripts/lib/validate_ninjs.py").path,
                                                 fixtures.path] + files, environment: ProcessInfo.processInfo.environment)
        return (run.status, run.output)
    }

    @Test("published and withdrawn stories are valid ninjs 2.2; the withdrawn one is canceled with nothing of its text")
    func valid() throws {
        try NewsroomFixture.with { newsroom in
            let published = try ReaderServerTests.publishSample(newsroom)
            try newsroom.steps([("omar", ["story", "edit", published, "--headline", "عنوان مصحح", "--correction", "تصحيح"])])
            let withdrawn = try ReaderServerTests.publishSample(newsroom, headline: "نص سيُسحب")
            try newsroom.steps([("huda", ["story", "withdraw", withdrawn, "--reason", "legal"])])
            let draft = try newsroom.draft()
            try newsroom.database.connect().executeScript("""
                INSERT INTO settings (key, value) VALUES ('site.base_url', 'https://news.example.com'), ('site.language', 'ar-IQ');
                UPDATE settings SET value = 'Asia/Baghdad' WHERE key = 'timezone';
                """)
            let server = try ReaderServer(database: newsroom.database.conninfo)

            let live = try server.get("/api/v1/stories/\(published).ninjs")
            #expect(live.status == 200 && live.header("content-type") == "application/json; charset=utf-8")
            let story = try #require(try JSONSerialization.jsonObject(with: live.body) as? [String: Any])
            #expect(story["uri"] as? String == "https://news.example.com/stories/\(published)")
            #expect(story["pubstatus"] as? String == "usable" && story["language"] as? String == "ar-IQ")
            #expect(story["version"] as? String == "6")
            #expect((story["versioncreated"] as? String)?.hasSuffix("+03:00") == true)
            #expect(((story["headlines"] as? [[String: Any]])?.first?["value"] as? String) == "عنوان مصحح")
            #expect(story["located"] as? String == "بغداد اليوم - ديالى" && story["by"] as? String == "ليلى حسن")
            let bodies = try #require(story["bodies"] as? [[String: Any]])
            #expect(bodies.map { $0["contenttype"] as? String } == ["text/plain", "text/html"])
            #expect((bodies[1]["value"] as? String)?.contains("<h2 dir=\"auto\">متى ظهر؟</h2>") == true)
            #expect((bodies[0]["value"] as? String)?.contains("## ") == false)
            #expect(((story["subjects"] as? [[String: Any]])?.first?["name"] as? String) == "سياسة")

            let gone = try server.get("/api/v1/stories/\(withdrawn).ninjs")
            #expect(gone.status == 200)
            let canceled = try #require(try JSONSerialization.jsonObject(with: gone.body) as? [String: Any])
            #expect(Set(canceled.keys) == ["uri", "type", "version", "versioncreated", "pubstatus"])
            #expect(canceled["pubstatus"] as? String == "canceled")
            #expect(!gone.text.contains("نص سيُسحب") && !gone.text.contains("legal"))

            #expect(try server.get("/api/v1/stories/\(draft).ninjs").status == 404)
            #expect(try server.get("/api/v1/stories/\(draft).ninjs").body == (try server.get("/api/v1/stories/987654.ninjs")).body)

            let check = try Self.validate([live.body, gone.body])
            #expect(check.status == 0, "\(check.output)")

            // The CLI writes the same documents.
            for id in [published, withdrawn] {
                let export = try newsroom.run(["story", "export", id, "--format", "ninjs"])
                #expect(export.status == 0, "\(export)")
                let fromCLI = try JSONSerialization.jsonObject(with: export.stdoutData) as? NSDictionary
                let fromServer = try JSONSerialization.jsonObject(with: server.get("/api/v1/stories/\(id).ninjs").body) as? NSDictionary
                #expect(fromCLI == fromServer, "story \(id)")
            }
            let refused = try newsroom.run(["story", "export", draft])
            #expect(refused.status == 1 && refused.stderr.contains("only published and withdrawn stories"))
            #expect(try newsroom.run(["story", "export", published, "--format", "rss"]).status == 64)
        }
    }

    @Test("the schema check can fail: a document IPTC's schema refuses is reported")
    func validatorRefuses() throws {
        let bad = Data(#"{"uri": "not a uri", "pubstatus": "bogus", "version": 6, "extra": true}"#.utf8)
        let check = try Self.validate([bad])
        #expect(check.status == 1)
        #expect(check.output.contains("pubstatus") && check.output.contains("version") && check.output.contains("extra"))
    }
}
