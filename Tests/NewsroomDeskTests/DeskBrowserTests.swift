import Foundation
import NewsroomCore
import Testing
import TestSupport

/// The desk used in headless Chromium as staff use it (scripts/lib/desk_check.py drives it).
@Suite("the desk in headless Chromium: the sample article from the reporter's keyboard to the reader site; axe-core and screenshots")
struct DeskBrowserTests {
    static let script = Repository.root.appendingPathComponent("scripts/lib/desk_check.py").path

    /// Runs the script on a config of its own; its last line is the JSON it prints.
    static func run(_ mode: String, _ config: [String: Any]) throws -> Any {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-desk-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("config.json")
        try JSONSerialization.data(withJSONObject: config).write(to: file)
        let run = try Spawn.run("/usr/bin/env", ["python3", script, mode, file.path], environment: ProcessInfo.processInfo.environment)
        try #require(run.status == 0, "\(run.output)")
        let line = try #require(run.output.split(separator: "\n").last { $0.hasPrefix("[") || $0.hasPrefix("{") })
        return try JSONSerialization.jsonObject(with: Data(line.utf8))
    }

    static func base(_ fixture: DeskFixture) -> [String: Any] {
        ["desk": fixture.desk.origin, "password": DeskFixture.password, "logins": fixture.logins]
    }

    @Test("the reporter writes the sample by keyboard and submits; the editor is told live, edits under the lease while she is told, loses his session and keeps his text, approves and publishes; readers see it")
    func journey() throws {
        try DeskFixture.with { fixture in
            let reader = try ReaderServer(database: fixture.newsroom.database.conninfo)
            let headline = try String(contentsOf: Samples.folder.appendingPathComponent("article-headline.txt"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let newHeadline = "العراق يخنق \"الرقم السري\" لبنك داعش المتنقل"
            var config = Self.base(fixture)
            config.merge(["reader": "http://127.0.0.1:\(reader.port)", "headline": Samples.folder.appendingPathComponent("article-headline.txt").path,
                          "body": Samples.folder.appendingPathComponent("article-body.txt").path, "dateline": "بغداد اليوم - ديالى",
                          "omarHandle": "omar", "newHeadline": newHeadline]) { $1 }
            let result = try #require(try Self.run("journey", config) as? [String: Any])
            #expect(result["focusRingOnHeadline"] as? Bool == true, "the focused field shows it")
            #expect(result["headlineCount"] as? String == String(headline.count), "the live count is the core's (graphemes): \(result["headlineCount"] ?? "")")
            #expect((result["toolbarInserted"] as? String)?.hasPrefix("## ") == true && result["toolbarFocusedBody"] as? Bool == true)
            let seconds = try #require(result["editorToldSeconds"] as? Double, "the editor was never told")
            #expect(seconds < 8, "told after \(seconds) s")
            let story = try #require(result["story"] as? String)
            #expect((result["editorLiveLine"] as? String)?.contains("#\(story)") == true)
            #expect((result["reporterToldOfLease"] as? String)?.contains("omar") == true, "\(result["reporterToldOfLease"] ?? "")")
            #expect((result["sessionEndedPage"] as? String)?.contains("انتهت جلستك") == true)
            #expect(result["offeredCopy"] as? Bool == true && result["restoredHeadline"] as? String == newHeadline, "the browser's copy came back")
            #expect(result["copyClearedAfterSave"] as? Bool == true)
            #expect((result["statusAfter"] as? String)?.contains("status-published") == true)
            #expect(result["readerHeadline"] as? String == newHeadline)
            // The one error a browser logs is the save refused with the session gone (401), as it should be.
            let errors = (result["consoleErrors"] as? [String] ?? ["?"]).filter { !$0.contains("/edit - Failed to load resource: the server responded with a status of 401") }
            #expect(errors.isEmpty, "\(errors)")
            // What she typed is what is stored, byte for byte as the core keeps a body (the
            // browser sends a textarea's line breaks as CR LF).
            let typed = try String(contentsOf: Samples.folder.appendingPathComponent("article-body.txt"), encoding: .utf8)
            let stored = try fixture.owner.queryOne("SELECT body, headline FROM story_texts WHERE story_id = $1::bigint", [story])
            #expect(try stored.decode("body", as: String.self) == EditorialText.body(typed))
            #expect(try stored.decode("headline", as: String.self) == newHeadline)
            #expect(try fixture.newsroom.count("SELECT count(*)::int AS n FROM story_history WHERE story_id = $1::bigint AND action IN ('submit', 'approve', 'publish')", [story]) == 3)
        }
    }
}
