import Foundation
import TestSupport
import Testing

/// Every kind of page as the standards and a browser see it: the Nu HTML Checker, and headless
/// Chromium rendering the front page and the sample article right to left.
@Suite("reader site: checked as a person would")
struct PageCheckTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A site with the sample article, a withdrawn story, a correction and the sample's strip.
    static func sampleSite(_ newsroom: NewsroomFixture) throws -> (server: ReaderServer, article: String, withdrawn: String) {
        let article = try ReaderServerTests.publishSample(newsroom)
        try newsroom.steps([("omar", ["story", "edit", article, "--dateline", "بغداد اليوم - محافظة ديالى", "--correction", "المحافظة"])])
        let withdrawn = try ReaderServerTests.publishSample(newsroom, headline: "خبر سُحب", section: "security")
        try newsroom.steps([("huda", ["story", "withdraw", withdrawn, "--reason", "legal"])])
        let lines = try ReaderServerTests.tickerLines()
        try newsroom.steps([
            ("omar", ["ticker", "schedule", "--text", lines[0], "--for", "4h", "--story", article]),
            ("omar", ["ticker", "schedule", "--text", lines[1], "--urgent", "--for", "2h"]),
            ("omar", ["ticker", "schedule", "--text", lines[2], "--for", "6h"]),
            ("omar", ["ticker", "schedule", "--text", lines[3], "--for", "1h"]),
            ("omar", ["ticker", "schedule", "--text", lines[4], "--for", "3h"]),
        ])
        let connection = try newsroom.database.connect()
        try connection.executeScript("""
            UPDATE settings SET value = 'Asia/Baghdad' WHERE key = 'timezone';
            INSERT INTO settings (key, value) VALUES ('site.name', 'بغداد اليوم');
            """)
        return (try ReaderServer(database: newsroom.database.conninfo), article, withdrawn)
    }

    @Test("front, section, article, withdrawn, not found, bad request and search pages pass the Nu HTML Checker")
    func nuChecker() throws {
        try NewsroomFixture.with { newsroom in
            let (server, article, withdrawn) = try Self.sampleSite(newsroom)
            let rich = try RichArticleTests.publish(newsroom)
            let pages = ["front": "/", "section": "/sections/politics", "article": "/stories/\(article)", "rich-article": "/stories/\(rich)",
                         "withdrawn": "/stories/\(withdrawn)", "not-found": "/stories/424242", "bad-request": "/sections/politics?before=x",
                         "empty-section": "/sections/security", "search-form": "/search",
                         "search": "/search?q=" + "الكفالة".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
                         "search-bad": "/search?q=%22unclosed"]
            var bodies: [String: Data] = [:]
            for (name, path) in pages {
                let answer = try server.get(path)
                #expect(answer.header("content-type") == "text/html; charset=utf-8", "\(path)")
                bodies[name] = answer.body
            }
            let check = try NuChecker.check(bodies)
            #expect(check.clean, "\(check.report)")
        }
    }

    @Test("headless Chromium lays the headline, body, strip and search snippets out right to left, urgent line first; +A enlarges the text; marks show")
    func chromium() throws {
        try NewsroomFixture.with { newsroom in
            let (server, article, _) = try Self.sampleSite(newsroom)
            let rich = try RichArticleTests.publish(newsroom)
            let asked = ProcessInfo.processInfo.environment["NEWSROOM_SCREENSHOTS"].map(URL.init(fileURLWithPath:))
            let shots = asked ?? FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-shots-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            // Kept only where NEWSROOM_SCREENSHOTS asks for them.
            defer { if asked == nil { try? FileManager.default.removeItem(at: shots) } }
            let base = "http://127.0.0.1:\(server.port)"
            let run = try Spawn.run("/usr/bin/env", [
                "python3", Self.repository.appendingPathComponent("scripts/lib/browser_check.py").path,
                base + "/", shots.appendingPathComponent("front-page.png").path,
                base + "/stories/\(article)", shots.appendingPathComponent("article.png").path,
                base + "/search?q=" + "الكفاله".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, shots.appendingPathComponent("search.png").path,
                base + "/stories/\(rich)", shots.appendingPathComponent("rich-article.png").path,
            ], environment: ProcessInfo.processInfo.environment)
            try #require(run.status == 0, "\(run.output)")
            let jsonLine = try #require(run.output.split(separator: "\n").last { $0.hasPrefix("[") })
            let pages = try #require(try JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [[String: Any]])
            try #require(pages.count == 4)
            let (front, story, search, richStory) = (pages[0], pages[1], pages[2], pages[3])

            for page in pages {
                #expect(page["lang"] as? String == "ar" && page["dir"] as? String == "rtl")
                #expect(page["h1Count"] as? Int == 1)
                #expect((page["consoleErrors"] as? [String] ?? []).isEmpty, "\(page["consoleErrors"] ?? "")")
            }
            let strip = try #require(front["ticker"] as? [[String: Any]])
            #expect(strip.count == 5)
            #expect(strip.first?["urgent"] as? Bool == true)
            #expect((strip.first?["text"] as? String)?.contains("الشمس ضربت الأرض") == true)
            #expect(strip.dropFirst().allSatisfy { $0["urgent"] as? Bool == false })
            #expect(strip.contains { $0["link"] as? String == "/stories/\(article)" })

            let headline = try #require(story["h1"] as? [String: Any])
            #expect(headline["direction"] as? String == "rtl")
            #expect(headline["rightToLeft"] as? Bool == true, "first letter drawn right of the last: \(headline)")
            #expect(headline["startsAtRightEdge"] as? Bool == true, "\(headline)")
            #expect((headline["text"] as? String)?.hasPrefix("العراق يخنق") == true)
            let paragraph = try #require(story["paragraph"] as? [String: Any])
            #expect(paragraph["direction"] as? String == "rtl")
            #expect(paragraph["rightToLeft"] as? Bool == true, "\(paragraph)")
            #expect(paragraph["startsAtRightEdge"] as? Bool == true, "\(paragraph)")
            #expect(story["subheadings"] as? [String] == ["متى ظهر؟", "التمويل الخارجي"])
            let size = try #require(story["textSize"] as? [String: Any])
            #expect(size["controlsVisible"] as? Bool == true)
            #expect((size["after"] as? Double ?? 0) > (size["before"] as? Double ?? 0))
            // The search page: the snippet right to left, the word marked as written and highlighted.
            let snippet = try #require(search["snippet"] as? [String: Any])
            #expect(snippet["direction"] as? String == "rtl" && snippet["rightToLeft"] as? Bool == true, "\(snippet)")
            let marks = try #require(search["marks"] as? [[String: Any]])
            #expect(marks.contains { $0["text"] as? String == "الكفالات" && $0["highlighted"] as? Bool == true }, "\(marks)")
            // The rich article: every element there, in a right-to-left page.
            let parts = try #require(richStory["body"] as? [String: Any])
            let links = try #require(parts["links"] as? [[String: Any]])
            #expect(links.map { $0["href"] as? String } == ["https://mod.mil.iq/ar/statement?id=2023-08-03", "/stories/1"])
            #expect(links.allSatisfy { $0["rel"] as? String == "noopener" })
            #expect(parts["linkAfterPrecedingText"] as? Bool == true, "the link is drawn to the left of the words before it: \(parts)")
            #expect(parts["strong"] as? [String] == ["\"البنك المتنقل\""])
            let quotation = try #require(parts["quotation"] as? [String: Any])
            #expect(quotation["direction"] as? String == "rtl" && quotation["indented"] as? Bool == true, "\(quotation)")
            #expect(parts["attribution"] as? [String] == ["— الخبير الأمني احسان الجبوري"])
            #expect((parts["items"] as? [String])?.first == "مسؤول الكفالات في منطقة العظيم" && parts["nested"] as? Int == 1, "\(parts)")
            #expect(parts["subheadings3"] as? [String] == ["ما تطلبه اللجنة"])
            #expect((richStory["consoleErrors"] as? [String] ?? []).isEmpty)
            // Its photos: the lead chosen as WebP and decoded at load, the body's lazy, each with its words.
            let photos = try #require(richStory["photos"] as? [[String: Any]])
            #expect(photos.map { $0["lead"] as? Bool } == [true, false], "\(photos)")
            let lead = photos[0]
            #expect(lead["complete"] as? Bool == true && (lead["naturalWidth"] as? Int ?? 0) >= 320, "\(lead)")
            #expect((lead["currentSrc"] as? String)?.hasSuffix(".webp") == true && (lead["shownWidth"] as? Double ?? 0) > 300, "\(lead)")
            #expect(photos[1]["loading"] as? String == "lazy" && photos[1]["alt"] as? String == "طريق في ديالى", "\(photos[1])")
            #expect((photos[1]["caption"] as? String)?.hasSuffix("بغداد اليوم") == true)
            for name in ["front-page.png", "article.png", "search.png", "rich-article.png"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: shots.appendingPathComponent(name).path)
                #expect((attributes[.size] as? Int ?? 0) > 10_000, "\(name) was drawn")
            }
        }
    }
    @Test("on a phone (390 × 844) the strip shows one line at a time, scrolling sideways, and the first headline is on the first screen: with script, without, and with reduced motion")
    func phone() throws {
        try NewsroomFixture.with { newsroom in
            let (server, _, _) = try Self.sampleSite(newsroom)
            let shot = ProcessInfo.processInfo.environment["NEWSROOM_SCREENSHOTS"].map { URL(fileURLWithPath: $0).appendingPathComponent("front-page-phone.png").path } ?? "-"
            let run = try Spawn.run("/usr/bin/env", [
                "python3", Self.repository.appendingPathComponent("scripts/lib/browser_check.py").path, "--phone", "http://127.0.0.1:\(server.port)/", shot,
            ], environment: ProcessInfo.processInfo.environment)
            try #require(run.status == 0, "\(run.output)")
            let jsonLine = try #require(run.output.split(separator: "\n").last { $0.hasPrefix("[") })
            let page = try #require((try JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [[String: Any]])?.first)
            let variants = try #require(page["variants"] as? [String: [String: Any]])
            for name in ["scripted", "noScript", "reducedMotion"] {
                let strip = try #require(variants[name], "\(name)")
                #expect(strip["lines"] as? Int == 5, "\(name): every line is in the list: \(strip)")
                #expect(strip["visible"] as? Int == 1, "\(name): one line at a time: \(strip)")
                #expect(strip["scrollsSideways"] as? Bool == true && strip["focusable"] as? Bool == true, "\(name): \(strip)")
                #expect((strip["stripHeight"] as? Double ?? 999) < 120, "\(name): the strip takes \(strip["stripHeight"] ?? "?") px")
                #expect((strip["firstHeadingTop"] as? Double ?? 999) < 300, "\(name): the first heading at \(strip["firstHeadingTop"] ?? "?") px")
                #expect(strip["pageWiderThanScreen"] as? Bool == false, "\(name): the page itself never scrolls sideways")
            }
            #expect(variants["scripted"]?["scrollBehavior"] as? String == "smooth")
            #expect(variants["reducedMotion"]?["scrollBehavior"] as? String == "auto", "no animated scrolling with prefers-reduced-motion")
            #expect((page["consoleErrors"] as? [String] ?? []).isEmpty, "\(page["consoleErrors"] ?? "")")
        }
    }

    @Test("headless Chromium: an open page's strip follows the ticker stream without reloading (an urgent line appears with its badge)")
    func liveStrip() throws {
        try NewsroomFixture.with { newsroom in
            let id = try ReaderServerTests.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            var environment = ProcessInfo.processInfo.environment
            environment["NEWSROOM_DATABASE_URL"] = newsroom.database.conninfo
            environment["NEWSROOM_AS"] = "omar"
            let text = "عاجل من البث الحي"
            let run = try Spawn.run("/usr/bin/env", [
                "python3", Self.repository.appendingPathComponent("scripts/lib/browser_check.py").path,
                "--live", "http://127.0.0.1:\(server.port)/stories/\(id)", text,
                try NewsroomBinary.path(), "ticker", "schedule", "--text", text, "--urgent", "--for", "1h", "--story", id,
            ], environment: environment)
            try #require(run.status == 0, "\(run.output)")
            let jsonLine = try #require(run.output.split(separator: "\n").last { $0.hasPrefix("[") })
            let result = try #require((try JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [[String: Any]])?.first)
            #expect(result["commandStatus"] as? Int == 0, "\(result["commandError"] ?? "")")
            let before = try #require(result["before"] as? [String: Any])
            #expect(before["hidden"] as? Bool == true, "an empty strip is in the page, hidden")
            #expect(result["seconds"] is Double, "the line never appeared: \(result)")
            let after = try #require(result["after"] as? [String: Any])
            #expect(after["marker"] as? Bool == true, "the page was reloaded")
            #expect(after["hidden"] as? Bool == false)
            let lines = try #require(after["lines"] as? [[String: Any]])
            #expect(lines.count == 1)
            #expect(lines.first?["badge"] as? String == "عاجل")
            #expect(lines.first?["link"] as? String == "/stories/\(id)")
            #expect((lines.first?["text"] as? String)?.hasSuffix(text) == true)
            #expect((result["consoleErrors"] as? [String] ?? ["?"]).isEmpty, "\(result["consoleErrors"] ?? "")")
        }
    }
}
