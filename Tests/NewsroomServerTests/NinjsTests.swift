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

    @Test("newsroom export: every published story, then every withdrawn one, one valid ninjs document a line; --since keeps the recent")
    func archive() throws {
        try NewsroomFixture.with { newsroom in
            var published: [String] = []
            for index in 0..<3 { published.append(try ReaderServerTests.publishSample(newsroom, headline: "خبر \(index)")) }
            let withdrawn = try ReaderServerTests.publishSample(newsroom, headline: "نص سيُسحب")
            try newsroom.steps([("huda", ["story", "withdraw", withdrawn, "--reason", "legal"])])
            let draft = try newsroom.draft()
            let run = try newsroom.run(["export", "--format", "ninjs"])
            #expect(run.status == 0, "\(run)")
            let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == 4 && run.stdout.hasSuffix("\n"))
            let documents = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            #expect(documents.map { $0["uri"] as? String } == (published + [withdrawn]).map { "http://127.0.0.1:8080/stories/\($0)" })
            #expect(documents.map { $0["pubstatus"] as? String } == ["usable", "usable", "usable", "canceled"])
            #expect(!run.stdout.contains("نص سيُسحب") && !run.stdout.contains("/stories/\(draft)\""))
            let check = try Self.validate(lines.map { Data($0.utf8) })
            #expect(check.status == 0, "\(check.output)")

            // Since a moment ago: only what changed after it.
            // (With the fraction: a time cut to the second could fall before the withdrawal.)
            Thread.sleep(forTimeInterval: 1.1)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let since = formatter.string(from: Date().addingTimeInterval(-0.5))
            try newsroom.steps([("omar", ["story", "edit", published[1], "--headline", "عنوان جديد", "--correction", "تصحيح"])])
            let recent = try newsroom.run(["export", "--format", "ninjs", "--since", since])
            #expect(recent.status == 0, "\(recent)")
            #expect(recent.stdout.split(separator: "\n").count == 1 && recent.stdout.contains("/stories/\(published[1])\""))
            #expect(try newsroom.run(["export", "--format", "csv"]).status == 64)
            #expect(try newsroom.run(["export", "--since", "yesterday-ish"]).status != 0)
        }
    }

    @Test("story export --format atom-entry: an Atom entry of its own, or a withdrawn story's tombstone")
    func atomEntry() throws {
        try NewsroomFixture.with { newsroom in
            let published = try ReaderServerTests.publishSample(newsroom)
            let withdrawn = try ReaderServerTests.publishSample(newsroom, headline: "نص سيُسحب")
            try newsroom.steps([("huda", ["story", "withdraw", withdrawn, "--reason", "legal"])])
            let entry = try newsroom.run(["story", "export", published, "--format", "atom-entry"])
            let tombstone = try newsroom.run(["story", "export", withdrawn, "--format", "atom-entry"])
            #expect(entry.status == 0 && tombstone.status == 0, "\(entry)\n\(tombstone)")
            let read = try FeedTests.check([
                HTTPAnswer(status: 200, headers: [:], body: entry.stdoutData), HTTPAnswer(status: 200, headers: [:], body: tombstone.stdoutData),
            ])
            #expect(read[0]["wellFormed"] as? Bool == true && read[0]["root"] as? String == "{http://www.w3.org/2005/Atom}entry")
            #expect(read[0]["lang"] as? String == "ar" && (read[0]["contentDirections"] as? [String]) == ["rtl"])
            #expect((read[0]["relaxNG"] as? [String: Any])?["valid"] as? Bool == true, "\(read[0]["relaxNG"] ?? "")")
            #expect((read[0]["atomRules"] as? [String]) == [])
            #expect(read[1]["root"] as? String == "{http://purl.org/atompub/tombstones/1.0}deleted-entry")
            #expect(!tombstone.stdout.contains("نص سيُسحب"))
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
