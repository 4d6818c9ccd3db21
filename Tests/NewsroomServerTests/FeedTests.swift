import Foundation
import TestSupport
import Testing

/// Feeds and sitemaps as feed readers and search engines read them (PyPI's feedparser and
/// Python's XML parser, through scripts/lib/check_feeds.py).
@Suite("interchange: Atom, RSS and sitemaps")
struct FeedTests {
    static func check(_ answers: [HTTPAnswer]) throws -> [[String: Any]] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for (index, answer) in answers.enumerated() {
            let file = folder.appendingPathComponent("\(index).xml")
            try answer.body.write(to: file)
            files.append(file.path)
        }
        let run = try Spawn.run("/usr/bin/env", ["python3", PageCheckTests.repository.appendingPathComponent("scripts/lib/check_feeds.py").path] + files,
                                environment: ProcessInfo.processInfo.environment)
        try #require(run.status == 0, "\(run.output)")
        let line = try #require(run.output.split(separator: "\n").last { $0.hasPrefix("[") })
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [[String: Any]])
    }

    @Test("Atom and RSS, whole and per section: read without complaint, right to left, no withdrawn or scheduled story; the withdrawn one as a tombstone")
    func feeds() throws {
        try NewsroomFixture.with { newsroom in
            let first = try ReaderServerTests.publishSample(newsroom, headline: "خبر أول <مع> \"علامات\" & رموز")
            let second = try ReaderServerTests.publishSample(newsroom, headline: "خبر أمني", section: "security")
            let gone = try ReaderServerTests.publishSample(newsroom, headline: "خبر سُحب")
            try newsroom.steps([("huda", ["story", "withdraw", gone, "--reason", "legal"])])
            let later = try newsroom.draft(headline: "خبر مجدول للغد")
            try newsroom.steps([("huda", ["story", "assign", later, "--editor", "omar"]), ("layla", ["story", "submit", later]),
                                ("omar", ["story", "approve", later]), ("omar", ["story", "publish", later, "--at", "+1d"])])
            try newsroom.database.connect().executeScript("""
                INSERT INTO settings (key, value) VALUES ('site.base_url', 'https://news.example.com');
                UPDATE settings SET value = 'Asia/Baghdad' WHERE key = 'timezone';
                """)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let paths = ["/feed.atom", "/feed.rss", "/sections/politics/feed.atom", "/sections/security/feed.rss"]
            let answers = try paths.map { try server.get($0) }
            #expect(answers.map(\.status) == [200, 200, 200, 200])
            #expect(answers.map { $0.header("content-type") ?? "" } == [
                "application/atom+xml; charset=utf-8", "application/rss+xml; charset=utf-8",
                "application/atom+xml; charset=utf-8", "application/rss+xml; charset=utf-8",
            ])
            #expect(answers.allSatisfy { $0.header("etag") != nil && $0.header("cache-control")?.hasPrefix("public, max-age=") == true })
            let read = try Self.check(answers)
            for (path, feed) in zip(paths, read) {
                #expect(feed["wellFormed"] as? Bool == true, "\(path)")
                #expect(feed["bozo"] as? Bool == false, "\(path): \(feed["bozoException"] ?? "")")
                let entries = feed["entries"] as? [[String: Any]] ?? []
                let links = entries.compactMap { $0["link"] as? String }
                #expect(!links.contains("https://news.example.com/stories/\(gone)"), "\(path)")
                #expect(!links.contains("https://news.example.com/stories/\(later)"), "\(path)")
                #expect(entries.allSatisfy { ($0["published"] as? String)?.isEmpty == false }, "\(path)")
            }
            // RFC 4287's structure, as jing checks it against the RELAX NG in the fixtures,
            // tombstones included; and the rules beyond a grammar.
            for (path, feed) in zip(paths, read) where path.hasSuffix(".atom") {
                let relaxNG = feed["relaxNG"] as? [String: Any]
                #expect(relaxNG?["valid"] as? Bool == true, "\(path): \(relaxNG?["errors"] ?? "not checked")")
                #expect((feed["atomRules"] as? [String]) == [], "\(path): \(feed["atomRules"] ?? "")")
            }
            let atom = read[0], rss = read[1], politics = read[2], security = read[3]
            #expect(atom["version"] as? String == "atom10" && rss["version"] as? String == "rss20")
            #expect(atom["lang"] as? String == "ar" && rss["language"] as? String == "ar")
            #expect((atom["contentDirections"] as? [String]) == ["rtl", "rtl"])
            #expect(((atom["entries"] as? [[String: Any]])?.compactMap { $0["title"] as? String }) == ["خبر أمني", "خبر أول <مع> \"علامات\" & رموز"])
            #expect((atom["deleted"] as? [[String: Any]])?.first?["ref"] as? String == "https://news.example.com/stories/\(gone)")
            #expect(((atom["deleted"] as? [[String: Any]])?.first?["when"] as? String)?.hasSuffix("+03:00") == true)
            #expect((politics["entries"] as? [[String: Any]])?.compactMap { $0["link"] as? String } == ["https://news.example.com/stories/\(first)"])
            #expect((security["entries"] as? [[String: Any]])?.compactMap { $0["link"] as? String } == ["https://news.example.com/stories/\(second)"])
            #expect(try server.get("/sections/nowhere/feed.atom").status == 404)

            // A withdrawal leaves the feeds at once.
            try newsroom.steps([("huda", ["story", "withdraw", first, "--reason", "legal"])])
            #expect(RunningNewsroom.eventually(seconds: 1) { (try? server.get("/feed.rss").text.contains("/stories/\(first)<")) == false })
        }
    }

    @Test("the Atom check can fail: documents RFC 4287 refuses are reported, by the grammar and by the rules beyond it")
    func atomCheckRefuses() throws {
        let head = #"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">"#
        let documents = [
            // two titles, a time without its offset
            head + "<id>x</id><title>a</title><title>b</title><updated>2026-11-30T10:00:00</updated></feed>",
            // XHTML content that is not one div
            head + #"<id>x</id><title>a</title><updated>2026-11-30T10:00:00Z</updated><author><name>n</name></author>"#
                + #"<entry><id>e</id><title>t</title><updated>2026-11-30T10:00:00Z</updated><content type="xhtml">text</content></entry></feed>"#,
            // an entry with no author in a feed with none
            head + #"<id>x</id><title>a</title><updated>2026-11-30T10:00:00Z</updated>"#
                + #"<entry><id>e</id><title>t</title><updated>2026-11-30T10:00:00Z</updated></entry></feed>"#,
        ]
        let read = try Self.check(documents.map { HTTPAnswer(status: 200, headers: [:], body: Data($0.utf8)) })
        #expect((read[0]["relaxNG"] as? [String: Any])?["valid"] as? Bool == false)
        #expect((read[1]["relaxNG"] as? [String: Any])?["valid"] as? Bool == false)
        #expect((read[2]["relaxNG"] as? [String: Any])?["valid"] as? Bool == true)
        #expect((read[2]["atomRules"] as? [String])?.count == 1)
    }

    @Test("the news sitemap has the last two days' stories with their times and titles; the archive's index leads to every month")
    func sitemaps() throws {
        try NewsroomFixture.with { newsroom in
            let fresh = try ReaderServerTests.publishSample(newsroom, headline: "خبر اليوم")
            let gone = try ReaderServerTests.publishSample(newsroom, headline: "خبر سُحب")
            try newsroom.steps([("huda", ["story", "withdraw", gone, "--reason", "legal"])])
            let old = try ReaderServerTests.publishSample(newsroom, headline: "خبر قديم")
            // As if published three months ago (history, as the archive keeps it, aside).
            try newsroom.database.connect().executeScript("""
                SET session_replication_role = replica;
                UPDATE stories SET published_at = now() - interval '92 days' WHERE id = \(old);
                """)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let news = try server.get("/sitemap-news.xml")
            let index = try server.get("/sitemap.xml")
            #expect(news.status == 200 && news.header("content-type") == "application/xml; charset=utf-8")
            let read = try Self.check([news, index])
            #expect(read.allSatisfy { $0["wellFormed"] as? Bool == true })
            #expect(read[0]["locs"] as? [String] == ["http://127.0.0.1:\(server.port)/stories/\(fresh)"])
            #expect((read[0]["newsDates"] as? [String])?.first?.contains("T") == true)
            #expect(news.text.contains("<news:title>خبر اليوم</news:title>") && news.text.contains("<news:language>ar</news:language>"))
            let months = try #require(read[1]["locs"] as? [String])
            #expect(months.count == 2, "\(months)")
            var listed: [String] = []
            for month in months {
                let path = String(month.dropFirst("http://127.0.0.1:\(server.port)".count))
                let sitemap = try server.get(path)
                #expect(sitemap.status == 200, "\(path)")
                listed += (try Self.check([sitemap]).first?["locs"] as? [String]) ?? []
            }
            #expect(Set(listed) == ["http://127.0.0.1:\(server.port)/stories/\(fresh)", "http://127.0.0.1:\(server.port)/stories/\(old)"])
            #expect(try server.get("/sitemaps/1999-01.xml").status == 404)
            #expect(try server.get("/sitemaps/2026-13.xml").status == 404)
        }
    }
}
