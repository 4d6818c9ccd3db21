import Foundation
import PostgresClient
import TestSupport
import Testing

// What the pages hold: search, bad parameters, escaping, freshness, paging.
extension ReaderServerTests {
    @Test("search on the site and in the API finds published stories only, with marks on the words as written")
    func search() throws {
        try NewsroomFixture.with { newsroom in
            let published = try Self.publishSample(newsroom)
            let draft = try newsroom.run(["draft", "create", "--headline", "نظام الكفالة في مسودة", "--section", "politics"], as: "layla")
            #expect(draft.status == 0)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let query = "الكفاله".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let api = try server.get("/api/v1/search?q=\(query)")
            #expect(api.status == 200)
            let object = try JSONSerialization.jsonObject(with: api.body) as! [String: Any]
            let hits = object["hits"] as! [[String: Any]]
            #expect(hits.map { ($0["id"] as! NSNumber).stringValue } == [published], "the draft stays out")
            #expect(hits.first?["url"] as? String == "http://localhost:8080/stories/\(published)" || (hits.first?["url"] as? String)?.hasSuffix("/stories/\(published)") == true)
            #expect(hits.first?["status"] == nil, "readers see only published stories; no status to tell")
            let marked = (hits.first?["snippet_marked"] as? [[String: Any]])?.filter { $0["marked"] as! Bool }.map { $0["text"] as! String }
            #expect(marked == ["الكفالات"])

            let page = try server.get("/search?q=\(query)")
            #expect(page.status == 200)
            #expect(page.text.contains("<mark>الكفالات</mark>"))
            #expect(page.text.contains("value=\"الكفاله\""))
            #expect(!page.text.contains("مسودة"))
            #expect(page.header("cache-control") == "no-cache")

            let form = try server.get("/search")
            #expect(form.status == 200 && form.text.contains("<form class=\"search\""))
            for bad in ["/api/v1/search?q=%22unclosed", "/api/v1/search?q=%D9%8B", "/api/v1/search", "/api/v1/search?q=" + String(repeating: "a%20", count: 300)] {
                let answer = try server.get(bad)
                #expect(answer.status == 400, "\(bad): \(answer.status)")
                #expect((try? JSONSerialization.jsonObject(with: answer.body)) != nil, "\(bad): a JSON error")
            }
            #expect(try server.get("/search?q=%22unclosed").status == 400)
        }
    }

    @Test("a malformed parameter is a 400 that names it")
    func badParameters() throws {
        try NewsroomFixture.with { newsroom in
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let cases: [(String, String)] = [
                ("/api/v1/stories?limit=0", "limit"), ("/api/v1/stories?limit=101", "limit"), ("/api/v1/stories?limit=ten", "limit"),
                ("/api/v1/stories?before=yesterday", "before"), ("/api/v1/stories?section=Bad%20Slug", "section"),
                ("/api/v1/stories?limit=5&limit=6", "limit"), ("/api/v1/stories?limit=%zz", "limit"), ("/api/v1/stories?limit=", "limit"),
            ]
            for (path, parameter) in cases {
                let answer = try server.get(path)
                #expect(answer.status == 400, "\(path)")
                #expect(answer.header("content-type") == "application/json; charset=utf-8")
                let error = try #require((try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["error"] as? [String: Any])
                #expect(error["parameter"] as? String == parameter, "\(path)")
                #expect((error["message"] as? String)?.isEmpty == false)
            }
            #expect(try server.get("/sections/politics?before=x").status == 400)
            #expect(try server.get("/sections/nowhere").status == 404)
            #expect(try server.get("/api/v1/stories?section=nowhere").status == 404)
            #expect(try server.get("/" + String(repeating: "a", count: 3000)).status == 414)
        }
    }

    @Test("user text is escaped and isolated everywhere: headline, body, section name, ticker line")
    func escaping() throws {
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            try connection.executeScript("INSERT INTO sections (slug, name) VALUES ('hostile', 'قسم <b>\"عريض\"</b>')")
            let hostile = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> \u{2067}Latin name 42\u{2069}"
            // A body is markup: raw HTML in it is refused, and written escaped it is text.
            let refused = try newsroom.run(["draft", "create", "--section", "hostile", "--headline", hostile, "--body-file", "-"], as: "layla",
                                           stdin: Data("فقرة \"><img src=x onerror=alert(3)>\n".utf8))
            #expect(refused.status != 0 && refused.stderr.contains("line 1: raw HTML cannot be stored"), "\(refused)")
            let created = try newsroom.run(["draft", "create", "--section", "hostile", "--headline", hostile, "--body-file", "-"], as: "layla",
                                           stdin: Data("فقرة \"\\>\\<img src=x onerror=alert(3)>\n\n## \\<script>x\\</script>\n".utf8))
            #expect(created.status == 0, "\(created)")
            let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try Self.publish(newsroom, id)
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "<script>alert(4)</script> \u{2067}abc\u{2069}", "--story", id])])
            let server = try ReaderServer(database: newsroom.database.conninfo)
            for path in ["/", "/sections/hostile", "/stories/\(id)"] {
                let text = try server.get(path).text
                #expect(!text.contains("<script>alert") && !text.contains("<img") && !text.contains("<b>"), "\(path)")
                #expect(text.contains("&lt;script&gt;alert("), "\(path)")
                #expect(text.contains("\u{2067}"), "\(path): controls kept, inside isolating markup")
            }
            let article = try server.get("/stories/\(id)").text
            #expect(article.contains("<h1 dir=\"auto\">&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
            #expect(article.contains("<p dir=\"auto\">فقرة &quot;&gt;&lt;img src=x onerror=alert(3)&gt;</p>"))
            #expect(article.contains("<bdi>قسم &lt;b&gt;&quot;عريض&quot;&lt;/b&gt;</bdi>"))
            #expect(!(try Self.jsonLDText(article)).contains("<"), "no '<' inside the JSON-LD block")
            #expect(try Self.jsonLD(article)["headline"] as? String == hostile)
        }
    }

    @Test("publication, correction, withdrawal, the scheduler and the strip's clock show within a second")
    func fresh() throws {
        try NewsroomFixture.with { newsroom in
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let id = try newsroom.draft(headline: "خبر سيُنشر بعد قليل")
            #expect(try server.get("/stories/\(id)").status == 404)
            #expect(try server.get("/").text.contains("خبر سيُنشر") == false)  // the front page is now in memory
            try Self.publish(newsroom, id)
            #expect(RunningNewsroom.eventually(seconds: 1) { (try? server.get("/stories/\(id)").status) == 200 })
            #expect(RunningNewsroom.eventually(seconds: 1) { (try? server.get("/").text.contains("خبر سيُنشر بعد قليل")) == true })

            // A line that starts in two seconds shows within a second of its start.
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "سطر يبدأ بعد ثانيتين", "--from", "+2s", "--for", "1h"])])
            #expect(try server.get("/api/v1/ticker").text.contains("سطر يبدأ") == false)
            #expect(RunningNewsroom.eventually(seconds: 3.5) { (try? server.get("/api/v1/ticker").text.contains("سطر يبدأ")) == true })

            // Published by the scheduler once due.
            let later = try newsroom.draft(headline: "خبر مجدول")
            try newsroom.steps([("huda", ["story", "assign", later, "--editor", "omar"]), ("layla", ["story", "submit", later]),
                                ("omar", ["story", "approve", later]), ("omar", ["story", "publish", later, "--at", "+1s"])])
            #expect(try server.get("/stories/\(later)").status == 404)
            Thread.sleep(forTimeInterval: 1.2)
            let run = try newsroom.run(["scheduler", "run", "--once"])
            #expect(run.status == 0, "\(run)")
            #expect(RunningNewsroom.eventually(seconds: 1) { (try? server.get("/stories/\(later)").status) == 200 })

            try newsroom.steps([("huda", ["story", "withdraw", id, "--reason", "legal"])])
            #expect(RunningNewsroom.eventually(seconds: 1) { (try? server.get("/stories/\(id)").status) == 410 })
            #expect(RunningNewsroom.eventually(seconds: 1) { (try? server.get("/").text.contains("خبر سيُنشر بعد قليل")) == false })
        }
    }

    @Test("keyset paging: 'older' links walk the section without repeats or gaps")
    func paging() throws {
        try NewsroomFixture.with { newsroom in
            var ids: [String] = []
            for index in 0..<45 {
                let id = try newsroom.draft(headline: "خبر رقم \(index)")
                try newsroom.steps([("huda", ["story", "publish", id, "--skip-review", "--reason", "عاجل"])])
                ids.append(id)
            }
            let server = try ReaderServer(database: newsroom.database.conninfo)
            var seen: [Int] = []
            var next: String? = "/api/v1/stories?limit=20"
            while let path = next {
                let page = try #require(try JSONSerialization.jsonObject(with: server.get(path).body) as? [String: Any])
                seen += (page["stories"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                next = page["next"] as? String
            }
            #expect(seen == ids.compactMap(Int.init).reversed())
            var html: [String] = []
            var link: String? = "/sections/politics"
            while let path = link {
                let text = try server.get(path).text
                html += text.components(separatedBy: "<li><a href=\"/stories/").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                link = text.range(of: "<a rel=\"next\" href=\"").map { range in String(text[range.upperBound...].prefix { $0 != "\"" }) }
            }
            #expect(html == ids.reversed())
        }
    }

    @Test("a full page of 100 says that another follows, and the next page holds the rest")
    func fullPage() throws {
        try NewsroomFixture.with { newsroom in
            _ = try newsroom.scheduledBacklog(count: 101, dueIn: -1)
            let run = try newsroom.run(["scheduler", "run", "--once"])
            #expect(run.status == 0, "\(run)")
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let first = try #require(try JSONSerialization.jsonObject(with: server.get("/api/v1/stories?limit=100").body) as? [String: Any])
            #expect((first["stories"] as? [Any])?.count == 100)
            let next = try #require(first["next"] as? String)
            let second = try #require(try JSONSerialization.jsonObject(with: server.get(next).body) as? [String: Any])
            #expect((second["stories"] as? [Any])?.count == 1 && second["next"] is NSNull)
        }
    }
}
