import Foundation
import PostgresClient
import TestSupport
import Testing

/// The reader site as readers and caches meet it: the real `newsroom-server` against a test
/// database, spoken to over a plain socket.
@Suite("reader site: newsroom-server")
struct ReaderServerTests {
    /// A published story with the sample's text, dateline and subheadings; returns its id.
    static func publishSample(_ newsroom: NewsroomFixture, headline: String? = nil, section: String = "politics") throws -> String {
        var arguments = ["draft", "create", "--section", section, "--dateline", "بغداد اليوم - ديالى",
                         "--body-file", Samples.folder.appendingPathComponent("article-body.txt").path, "--headline"]
        let sampleHeadline = try String(contentsOf: Samples.folder.appendingPathComponent("article-headline.txt"), encoding: .utf8)
        arguments.append(headline ?? sampleHeadline.trimmingCharacters(in: .whitespacesAndNewlines))
        let created = try newsroom.run(arguments, as: "layla")
        guard created.status == 0 else { throw FixtureFailure(message: "draft create: \(created)") }
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try publish(newsroom, id)
        return id
    }

    static func publish(_ newsroom: NewsroomFixture, _ id: String) throws {
        try newsroom.steps([
            ("huda", ["story", "assign", id, "--editor", "omar"]),
            ("layla", ["story", "submit", id]),
            ("omar", ["story", "approve", id]),
            ("omar", ["story", "publish", id]),
        ])
    }

    static func tickerLines() throws -> [String] {
        try String(contentsOf: Samples.folder.appendingPathComponent("ticker-items.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    @Test("every route answers with its status, type, validators, caching and security headers")
    func routes() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publishSample(newsroom)
            let lines = try Self.tickerLines()
            try newsroom.steps([
                ("omar", ["ticker", "schedule", "--text", lines[0], "--for", "4h", "--story", id]),
                ("omar", ["ticker", "schedule", "--text", lines[1], "--urgent", "--for", "2h"]),
                ("omar", ["ticker", "schedule", "--text", lines[2], "--for", "2h"]),
            ])
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let routes: [(String, String)] = [
                ("/", "text/html; charset=utf-8"), ("/sections/politics", "text/html; charset=utf-8"),
                ("/stories/\(id)", "text/html; charset=utf-8"), ("/api/v1/stories", "application/json; charset=utf-8"),
                ("/api/v1/stories/\(id)", "application/json; charset=utf-8"), ("/api/v1/ticker", "application/json; charset=utf-8"),
                ("/api/v1/sections", "application/json; charset=utf-8"), ("/assets/site.css", "text/css; charset=utf-8"),
                ("/assets/site.js", "text/javascript; charset=utf-8"),
            ]
            for (path, type) in routes {
                let answer = try server.get(path)
                #expect(answer.status == 200, "\(path)")
                #expect(answer.header("content-type") == type, "\(path)")
                #expect(answer.header("etag")?.hasPrefix("\"") == true, "\(path): strong ETag")
                #expect(answer.header("last-modified")?.hasSuffix(" GMT") == true, "\(path)")
                #expect(answer.header("cache-control") == "public, max-age=10, stale-if-error=86400", "\(path)")
                #expect(answer.header("vary") == "Accept-Encoding", "\(path)")
                #expect(answer.header("x-content-type-options") == "nosniff", "\(path)")
                #expect(answer.header("referrer-policy") == "strict-origin-when-cross-origin", "\(path)")
                #expect(answer.header("content-security-policy")?.contains("script-src 'self'") == true, "\(path)")
                #expect(answer.header("content-length") == String(answer.body.count), "\(path)")
            }

            // The article, laid out like the sample.
            let article = try server.get("/stories/\(id)").text
            #expect(article.hasPrefix("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"))
            #expect(article.components(separatedBy: "<h1").count == 2, "one h1")
            #expect(article.contains("<h1 dir=\"auto\">العراق يخنق &quot;الرقم السري&quot; لبنك داعش المتنقل: لا يرحم حتى &quot;الجيل الرابع&quot;</h1>"))
            #expect(article.contains("<p class=\"dateline\" dir=\"auto\">بغداد اليوم - ديالى</p>"))
            #expect(article.contains("<h2 dir=\"auto\">متى ظهر؟</h2>") && article.contains("<h2 dir=\"auto\">التمويل الخارجي</h2>"))
            #expect(article.contains("<a href=\"/sections/politics\"><bdi>سياسة</bdi></a> | <time dir=\"ltr\" datetime=\""))
            // No site.base_url: the address the server listens on, and it says so at start.
            #expect(article.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:\(server.port)/stories/\(id)\">"))
            #expect(article.contains("<meta property=\"og:url\" content=\"http://127.0.0.1:\(server.port)/stories/\(id)\">"))
            #expect(server.process.stderr.contains("site.base_url is not set, so canonical links and feeds name http://127.0.0.1:\(server.port)"))
            #expect(article.contains("<link rel=\"alternate\" type=\"application/json\" href=\"/api/v1/stories/\(id)\">"))
            #expect(article.contains("<meta property=\"og:type\" content=\"article\">"))
            #expect(!article.contains("<script>") && !article.contains("onclick"), "no inline executable script")
            let ld = try Self.jsonLD(article)
            #expect(ld["@type"] as? String == "NewsArticle")
            #expect(ld["inLanguage"] as? String == "ar")
            #expect(ld["articleSection"] as? String == "سياسة")
            #expect((ld["datePublished"] as? String).map { $0.hasSuffix("+00:00") || $0.hasSuffix("Z") } == true)
            #expect(((ld["author"] as? [[String: Any]])?.first?["name"] as? String) == "ليلى حسن")
            #expect(((ld["publisher"] as? [String: Any])?["name"] as? String) == "Newsroom")

            // The front page: urgent first with its badge; a linked line links to its story.
            let front = try server.get("/").text
            let urgent = try #require(front.range(of: "<li class=\"urgent\"><strong class=\"badge\">عاجل</strong>"))
            let linked = try #require(front.range(of: "<a href=\"/stories/\(id)\" dir=\"auto\">\(Self.escaped(lines[0]))</a>"))
            #expect(urgent.lowerBound < linked.lowerBound)
            #expect(front.contains("آخر الأخبار"))

            // The API: only what a reader may see, with the newsroom's field names.
            let story = try #require(try JSONSerialization.jsonObject(with: server.get("/api/v1/stories/\(id)").body) as? [String: Any])
            #expect(story["headline"] as? String != nil && story["body"] as? String != nil && story["published_at"] as? String != nil)
            #expect(story["editor"] == nil && story["author"] == nil && story["history"] == nil)
            let ticker = try #require(try JSONSerialization.jsonObject(with: server.get("/api/v1/ticker").body) as? [String: Any])
            let items = try #require(ticker["ticker"] as? [[String: Any]])
            #expect(items.count == 3 && items.first?["urgent"] as? Bool == true)
            #expect(items.contains { $0["story_id"] as? Int == Int(id) })

            // HEAD: the same headers, no body. Other methods: 405.
            let head = try server.get("/stories/\(id)", method: "HEAD")
            #expect(head.status == 200 && head.body.isEmpty)
            #expect(head.header("content-length") == String(article.utf8.count))
            let post = try server.get("/stories/\(id)", method: "POST")
            #expect(post.status == 405 && post.header("allow") == "GET, HEAD")
        }
    }

    @Test("a draft, a story in review, approved, scheduled or spiked, and an id never used: the same 404, byte for byte")
    func unpublishedIsOneNotFound() throws {
        try NewsroomFixture.with { newsroom in
            let draft = try newsroom.draft()
            let review = try newsroom.draft()
            try newsroom.steps([("huda", ["story", "assign", review, "--editor", "omar"]), ("layla", ["story", "submit", review])])
            let approved = try newsroom.draft()
            try newsroom.steps([("huda", ["story", "assign", approved, "--editor", "omar"]), ("layla", ["story", "submit", approved]),
                                ("omar", ["story", "approve", approved])])
            let scheduled = try newsroom.draft()
            try newsroom.steps([("huda", ["story", "assign", scheduled, "--editor", "omar"]), ("layla", ["story", "submit", scheduled]),
                                ("omar", ["story", "approve", scheduled]), ("omar", ["story", "publish", scheduled, "--at", "+1h"])])
            let spiked = try newsroom.draft()
            try newsroom.steps([("omar", ["story", "spike", spiked])])
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let reference = try server.get("/stories/999999")
            let apiReference = try server.get("/api/v1/stories/999999")
            #expect(reference.status == 404 && apiReference.status == 404)
            for id in [draft, review, approved, scheduled, spiked] {
                let page = try server.get("/stories/\(id)")
                #expect(page.status == 404)
                #expect(page.body == reference.body, "story \(id)")
                #expect(page.header("etag") == reference.header("etag"))
                #expect(page.header("content-length") == reference.header("content-length"))
                let api = try server.get("/api/v1/stories/\(id)")
                #expect(api.status == 404 && api.body == apiReference.body)
            }
            #expect(try server.get("/nothing/here").body == reference.body)
            // Nor does a draft show on any listing.
            for path in ["/", "/sections/politics", "/api/v1/stories", "/api/v1/stories?section=politics"] {
                let answer = try server.get(path)
                #expect(answer.status == 200)
                for id in [draft, review, approved, scheduled, spiked] {
                    #expect(!answer.text.contains("/stories/\(id)\"") && !answer.text.contains("\"id\": \(id),"), "\(path) shows \(id)")
                }
            }
        }
    }

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

    @Test("a withdrawn story: 410, when it was withdrawn, and nothing of its text")
    func withdrawnIsGone() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publishSample(newsroom, headline: "عنوان سيُسحب لأسباب قانونية")
            try newsroom.steps([("huda", ["story", "withdraw", id, "--reason", "court order"])])
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let page = try server.get("/stories/\(id)")
            #expect(page.status == 410)
            #expect(page.text.contains("سُحب هذا الخبر في <time dir=\"ltr\" datetime=\""))
            #expect(!page.text.contains("عنوان سيُسحب") && !page.text.contains("داعش") && !page.text.contains("ديالى"))
            #expect(!page.text.contains("court order"))
            let api = try server.get("/api/v1/stories/\(id)")
            #expect(api.status == 410)
            let json = try #require(try JSONSerialization.jsonObject(with: api.body) as? [String: Any])
            #expect(Set(json.keys) == ["id", "status", "withdrawn_at"])
            #expect(!(try server.get("/").text.contains("/stories/\(id)\"")))
        }
    }

    @Test("an expired story: 410 like a withdrawn one once the scheduler takes it off, and out of the feed and the front page")
    func expiredIsGone() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft(headline: "عرض ينتهي قريبا")
            try newsroom.steps([("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id]),
                                ("omar", ["story", "approve", id]), ("omar", ["story", "publish", id, "--expire-at", "+2s"])])
            let server = try ReaderServer(database: newsroom.database.conninfo)
            #expect(try server.get("/stories/\(id)").status == 200)
            #expect(try server.get("/feed.rss").text.contains("/stories/\(id)<"))
            Thread.sleep(forTimeInterval: 2.2)
            let run = try newsroom.run(["scheduler", "run", "--once"])
            #expect(run.status == 0 && run.stdout.contains("took off 1 expired story"), "\(run)")
            #expect(RunningNewsroom.eventually(seconds: 2) { (try? server.get("/stories/\(id)").status) == 410 })
            #expect(try server.get("/api/v1/stories/\(id)").status == 410)
            #expect(!(try server.get("/feed.rss").text.contains("/stories/\(id)<")))
            #expect(try server.get("/feed.atom").text.contains("at:deleted-entry"), "Atom says it is gone (RFC 6721)")
            #expect(!(try server.get("/").text.contains("عرض ينتهي قريبا")))
        }
    }

    @Test("an erased story: 410 like a withdrawn one, out of the feeds, nothing of its text anywhere the site shows")
    func erasedIsGone() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publishSample(newsroom, headline: "عنوان يمحى بأمر المحكمة")
            let server = try ReaderServer(database: newsroom.database.conninfo)
            #expect(try server.get("/stories/\(id)").status == 200)
            try newsroom.steps([("huda", ["story", "erase", id, "--order", "أمر 5"]), ("adam", ["story", "erase", id, "--order", "أمر 5", "--confirm"])])
            #expect(RunningNewsroom.eventually(seconds: 2) { (try? server.get("/stories/\(id)").status) == 410 })
            #expect(try server.get("/api/v1/stories/\(id)").status == 410)
            for path in ["/stories/\(id)", "/", "/feed.rss", "/feed.atom", "/search?q=%D9%8A%D9%85%D8%AD%D9%89"] {
                let text = try server.get(path).text
                #expect(!text.contains("عنوان يمحى") && !text.contains("ديالى"), "\(path) still shows its text")
            }
        }
    }

    @Test("304 for If-None-Match and If-Modified-Since; a change makes both stale; gzip when asked")
    func conditionalAndCompressed() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let first = try server.get("/stories/\(id)")
            let etag = try #require(first.header("etag"))
            let modified = try #require(first.header("last-modified"))
            let byTag = try server.get("/stories/\(id)", headers: ["If-None-Match": etag])
            #expect(byTag.status == 304 && byTag.body.isEmpty && byTag.header("etag") == etag)
            #expect(try server.get("/stories/\(id)", headers: ["If-None-Match": "W/\(etag), \"other\""]).status == 304)
            #expect(try server.get("/stories/\(id)", headers: ["If-Modified-Since": modified]).status == 304)
            #expect(try server.get("/stories/\(id)", headers: ["If-None-Match": "\"other\"", "If-Modified-Since": modified]).status == 200,
                    "If-None-Match decides when present")

            let zipped = try server.get("/stories/\(id)", headers: ["Accept-Encoding": "br, gzip;q=0.8"])
            #expect(zipped.header("content-encoding") == "gzip")
            #expect(zipped.body.count < first.body.count && Array(zipped.body.prefix(2)) == [0x1f, 0x8b])
            #expect(zipped.header("etag") != etag)
            #expect(try server.get("/stories/\(id)", headers: ["Accept-Encoding": "gzip;q=0"]).header("content-encoding") == nil)

            // A correction: the old validators no longer match (within a second of the commit).
            try newsroom.steps([("omar", ["story", "edit", id, "--headline", "عنوان مصحَّح", "--correction", "اسم خاطئ"])])
            #expect(RunningNewsroom.eventually(seconds: 1) { (try? server.get("/stories/\(id)", headers: ["If-None-Match": etag]).status) == 200 })
            let corrected = try server.get("/stories/\(id)", headers: ["If-Modified-Since": modified])
            #expect(corrected.status == 200)
            #expect(corrected.text.contains("<h1 dir=\"auto\">عنوان مصحَّح</h1>"))
            #expect(corrected.text.contains("class=\"corrections\"") && !corrected.text.contains("اسم خاطئ"), "the correction's time, not its note")
        }
    }

    @Test("a change elsewhere: a page whose bytes stay the same keeps its Last-Modified and ETag, and still answers 304")
    func unchangedPageKeepsItsDate() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let first = try server.get("/stories/\(id)")
            let front = try #require(try server.get("/").header("etag"))
            let modified = try #require(first.header("last-modified"))
            // A story in another section: the front page changes (a new generation began) ...
            _ = try Self.publishSample(newsroom, headline: "خبر آخر في قسم آخر", section: "security")
            #expect(RunningNewsroom.eventually(seconds: 2) { (try? server.get("/").header("etag")) != front })
            // ... and the first story's page, made anew, is the same bytes: the same validators.
            let again = try server.get("/stories/\(id)")
            try #require(again.body == first.body, "the story's page changed with another story's publication")
            #expect(again.header("etag") == first.header("etag"))
            #expect(again.header("last-modified") == modified)
            #expect(try server.get("/stories/\(id)", headers: ["If-Modified-Since": modified]).status == 304)
        }
    }

    @Test("kept-alive connections: answers from memory are the same bytes and headers as any other, in the order asked")
    func keptAlive() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let requests: [(method: String, target: String, headers: [String: String])] = [
                ("GET", "/stories/\(id)", [:]), ("HEAD", "/stories/\(id)", [:]), ("GET", "/stories/\(id)", ["Accept-Encoding": "gzip"]),
                ("GET", "/api/v1/ticker", [:]), ("GET", "/sections/security", [:]), ("GET", "/assets/site.css", [:]),
                ("GET", "/stories/\(id)", [:]), ("GET", "/stories/123456", [:]), ("GET", "/api/v1/stories?limit=1", [:]),
            ]
            // Once the server follows the database's changes (it empties its memory when it starts
            // to, so answers kept before would be remade with a later Last-Modified; seen under load).
            #expect(RunningNewsroom.eventually(seconds: 10) { (try? server.get("/metrics").text.contains("newsroom_changes_following 1")) == true })
            // One request a connection: every answer goes through Hummingbird (and is kept).
            let single = try requests.map { try server.get($0.target, headers: $0.headers, method: $0.method) }
            // The same, kept alive, twice: now from memory, on the event loop.
            for round in 1...2 {
                let answers = try HTTPAnswer.pipelined(port: server.port, requests)
                #expect(answers.count == requests.count)
                for (index, (answer, reference)) in zip(answers, single).enumerated() {
                    #expect(answer.status == reference.status, "round \(round), \(requests[index].target)")
                    #expect(answer.body == reference.body, "round \(round), \(requests[index].target)")
                    var headers = answer.headers, expected = reference.headers
                    for name in ["date", "connection"] { headers[name] = nil; expected[name] = nil }
                    #expect(headers == expected, "round \(round), \(requests[index].target)")
                    #expect(answer.header("date")?.hasSuffix(" GMT") == true)
                }
            }
            // A cold page in the middle of kept-alive ones keeps its place.
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "سطر جديد", "--for", "1h"])])
            #expect(RunningNewsroom.eventually(seconds: 1) { (try? server.get("/api/v1/ticker").text.contains("سطر جديد")) == true })
            let mixed = try HTTPAnswer.pipelined(port: server.port, [
                ("GET", "/api/v1/ticker", [:]), ("GET", "/stories/\(id)", [:]), ("GET", "/assets/site.js", [:]), ("GET", "/api/v1/sections", [:]),
            ])
            #expect(mixed.map(\.status) == [200, 200, 200, 200])
            #expect(mixed.map { $0.header("content-type") ?? "" } == [
                "application/json; charset=utf-8", "text/html; charset=utf-8", "text/javascript; charset=utf-8", "application/json; charset=utf-8",
            ])
            #expect(mixed[0].text.contains("سطر جديد") && mixed[3].text.contains("\"sections\""))
            let metrics = try server.get("/metrics").text
            #expect(metrics.contains(#"newsroom_http_requests_total{route="story",status="200",source="memory"}"#))
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
            let created = try newsroom.run(["draft", "create", "--section", "hostile", "--headline", hostile, "--body-file", "-"], as: "layla",
                                           stdin: Data("فقرة \"><img src=x onerror=alert(3)>\n\n## <script>x</script>\n".utf8))
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

    static func jsonLDText(_ page: String) throws -> String {
        let start = try #require(page.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        return String(page[start.upperBound..<end.lowerBound])
    }

    static func jsonLD(_ page: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(jsonLDText(page).utf8)) as? [String: Any])
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
