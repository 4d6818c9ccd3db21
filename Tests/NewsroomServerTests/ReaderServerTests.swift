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
