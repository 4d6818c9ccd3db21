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
            #expect((result["section"] as? String)?.isEmpty == false, "a section chosen with the arrow key")
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

extension DeskBrowserTests {
    /// A published sample (two versions, a note, a ticker line linked to it) and a draft.
    static func newsroomToLookAt(_ fixture: DeskFixture) throws -> String {
        let newsroom = fixture.newsroom
        let headline = try String(contentsOf: Samples.folder.appendingPathComponent("article-headline.txt"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let made = try newsroom.run(["draft", "create", "--headline", headline, "--section", "security", "--dateline", "بغداد اليوم - ديالى",
                                     "--body-file", Samples.folder.appendingPathComponent("article-rich.md").path], as: "layla")
        let id = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try newsroom.steps([
            ("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id]),
            ("omar", ["story", "edit", id, "--dateline", "بغداد اليوم - محافظة ديالى"]), ("omar", ["story", "approve", id]),
            ("omar", ["story", "publish", id]), ("omar", ["story", "note", id, "--text", "@layla راجعي اسم المسؤول"]),
            ("omar", ["ticker", "schedule", "--text", "عاجل: الشمس ضربت الأرض", "--urgent", "--for", "2h", "--story", id]),
        ])
        _ = try newsroom.draft(by: "layla", headline: "مسودة عن الكهرباء في ديالى")
        return id
    }

    @Test("axe-core finds nothing serious or critical on any desk page, at desktop and phone widths; no page is wider than a phone; screenshots are drawn")
    func audit() throws {
        try DeskFixture.with { fixture in
            let id = try Self.newsroomToLookAt(fixture)
            let asked = ProcessInfo.processInfo.environment["NEWSROOM_SCREENSHOTS"]
            let shots = asked ?? FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-desk-shots-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
            defer { if asked == nil { try? FileManager.default.removeItem(atPath: shots) } }
            let search = "/search?q=" + "الكفالة".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let pages: [[String: Any]] = [
                ["path": "/", "shot": "desk-my-desk"], ["path": "/stories", "shot": "desk-stories"], ["path": "/stories/\(id)", "shot": "desk-story"],
                ["path": "/stories/\(id)", "submit": "form[action='/stories/\(id)/lease'] button", "fill": ["correction-\(id)": "تصحيح المكان"], "shot": "desk-editor"],
                ["path": "/stories/new", "fill": ["headline": String(repeating: "عنوان طويل ", count: 30), "section": "\u{E015}", "body": "نص."],
                 "submit": "form.editor button[type='submit']", "shot": "desk-refusal"],
                ["path": "/stories/\(id)/diff?from=1&to=2"], ["path": "/ticker"], ["path": "/photos"], ["path": search],
                ["path": "/staff"], ["path": "/sections"], ["path": "/settings"], ["path": "/stories?status=published&day=today"],
            ]
            var config = Self.base(fixture)
            config.merge(["as": "huda", "pages": pages, "shots": shots]) { $1 }
            let results = try #require(try Self.run("audit", config) as? [[String: Any]])
            #expect(results.count == pages.count * 2)
            for page in results {
                let label = "\(page["path"] ?? "") at \(page["width"] ?? "")px"
                let violations = page["violations"] as? [[String: Any]] ?? [["id": "unread"]]
                let serious = violations.filter { ["serious", "critical"].contains($0["impact"] as? String ?? "critical") }
                #expect(serious.isEmpty, "\(label): \(serious)")
                #expect(page["widerThanScreen"] as? Bool == false, "\(label) scrolls sideways")
                #expect((page["consoleErrors"] as? [String] ?? ["?"]).filter { !$0.contains("status of 422") }.isEmpty, "\(label): \(page["consoleErrors"] ?? "")")
                if let shot = page["screenshot"] as? String {
                    let size = try FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int ?? 0
                    #expect(size > 10_000, "\(shot) was drawn")
                }
            }
        }
    }

    @Test("every kind of desk page passes the Nu HTML Checker")
    func nuChecker() throws {
        try DeskFixture.with { fixture in
            let id = try Self.newsroomToLookAt(fixture)
            let huda = try fixture.browser(signedInAs: "huda")
            var pages: [String: String] = [:]
            let signIn = DeskBrowser(fixture.desk)
            pages["sign-in"] = try signIn.get("/sign-in").text
            for (name, path) in [("my-desk", "/"), ("stories", "/stories"), ("story", "/stories/\(id)"), ("new", "/stories/new"),
                                 ("diff", "/stories/\(id)/diff?from=1&to=2"), ("ticker", "/ticker"), ("photos", "/photos"), ("staff", "/staff"),
                                 ("sections", "/sections"), ("settings", "/settings"), ("not-found", "/nothing"),
                                 ("search", "/search?q=" + "الكفالة".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)] {
                pages[name] = try huda.get(path).text
            }
            try huda.get("/stories/\(id)")
            #expect(try huda.post("/stories/\(id)/lease", [("correction", "تصحيح")]).status == 303)
            pages["editor"] = try huda.get("/stories/\(id)/edit?correction=x").text
            try huda.get("/stories/new")
            pages["refusal"] = try huda.post("/stories", [("headline", ""), ("section", "politics"), ("body", "نص")]).text
            let check = try NuChecker.check(pages.mapValues { Data($0.utf8) })
            #expect(check.clean, "\(check.report)")
        }
    }
}
