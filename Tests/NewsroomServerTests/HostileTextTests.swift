import Foundation
import TestSupport
import Testing
import TestRandom

/// Text that breaks a format, found under attack (issue 35): a noncharacter stored before the
/// rule refused it, and bytes of every kind in every route and parameter.
@Suite("reader site: hostile text")
struct HostileTextTests {
    @Test("a story stored with U+FFFE, U+FFFF, U+FDD0 and a control past the rules leaves every feed, sitemap and page well-formed, with U+FFFD in their place; the API keeps the text")
    func storedNoncharacters() throws {
        try NewsroomFixture.with { newsroom in
            let id = try ReaderServerTests.publishSample(newsroom, headline: "خبر عادي")
            // As a database from before 0028 could hold it (and a control, as only a write past
            // every rule could): the rules set aside for one write.
            let connection = try newsroom.database.connect()
            try connection.executeScript("""
                BEGIN;
                ALTER DOMAIN story_body DROP CONSTRAINT story_body_has_no_noncharacter;
                ALTER DOMAIN story_body DROP CONSTRAINT story_body_is_text;
                CREATE OR REPLACE FUNCTION newsroom_has_noncharacter(value text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT false';
                SET session_replication_role = replica;
                UPDATE story_texts SET headline = E'خبر\\uFFFE عاجل', body = E'فقرة\\uFFFF أولى\\n\\nفقرة \\uFDD0ثانية\\x07' WHERE story_id = \(id);
                COMMIT;
                """)
            let stored: String = try connection.queryOne("SELECT headline FROM story_texts WHERE story_id = \(id)").decode("headline")
            try #require(stored.unicodeScalars.contains(Unicode.Scalar(0xFFFE)!), "the test stores the character")
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let feeds = try ["/feed.atom", "/feed.rss", "/sections/politics/feed.atom", "/sitemap-news.xml"].map { try server.get($0) }
            #expect(feeds.map(\.status) == [200, 200, 200, 200])
            let read = try FeedTests.check(feeds)
            #expect(read.allSatisfy { $0["wellFormed"] as? Bool == true }, "\(read)")
            #expect(read.prefix(3).allSatisfy { $0["bozo"] as? Bool == false }, "\(read)")
            let page = try server.get("/stories/\(id)")
            let ninjs = try server.get("/api/v1/stories/\(id).ninjs")
            for (name, answer) in zip(["atom", "rss", "section atom", "news sitemap", "page", "ninjs"], feeds + [page, ninjs]) {
                let left = answer.text.unicodeScalars.filter { $0.properties.isNoncharacterCodePoint || $0 == "\u{7}" }.map(\.value)
                #expect(left.isEmpty, "a character XML forbids left the site in the \(name): \(left)")
                #expect(!answer.text.contains("\\u0007"), "escaped in JSON, the control would still reach whoever makes XML of it (\(name))")
            }
            #expect(page.text.contains("خبر\u{FFFD} عاجل") && feeds[0].text.contains("خبر\u{FFFD} عاجل"))
            #expect(ninjs.text.contains("فقرة\u{FFFD} أولى"))
            // The reader API is JSON, which carries any character: it gives the text as stored.
            let api = try server.get("/api/v1/stories/\(id)")
            #expect(api.status == 200 && api.text.unicodeScalars.contains(Unicode.Scalar(0xFFFE)!), "\(api.text.prefix(300))")
        }
    }

    @Test("a NUL or another control in a search is a 400 (a JSON error in the API), never a 500")
    func controlsInSearch() throws {
        try NewsroomFixture.with { newsroom in
            _ = try ReaderServerTests.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            for target in ["/search?q=%00", "/search?q=a%00b", "/search?q=%07bell", "/search?q=%EF%BF%BE"] {
                let answer = try server.get(target)
                #expect(answer.status == 400, "\(target): \(answer.status)")
                #expect(answer.text.contains("control character") || answer.text.contains("noncharacter"), "\(target)")
            }
            let api = try server.get("/api/v1/search?q=a%00b")
            #expect(api.status == 400 && api.header("content-type")?.hasPrefix("application/json") == true)
            #expect(api.text.contains("\"error\""), "\(api.text)")
            #expect(try server.get("/search?q=%D8%AE%D8%A8%D8%B1").status == 200, "an ordinary search still answers")
        }
    }

    /// Random bytes, percent-encoded, in every route and every query parameter the site reads:
    /// a fixed number of tries from a fixed seed (the same run each time), no 5xx, and the
    /// server still up and answering at the end.
    @Test("fuzz: random bytes in every reader route and parameter; no 5xx, and the server stays up")
    func fuzzRoutes() throws {
        try NewsroomFixture.with { newsroom in
            let id = try ReaderServerTests.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let templates = [
                "/stories/{}", "/stories/\(id)?{}", "/sections/{}", "/sections/politics?before={}", "/sections/{}/feed.atom",
                "/search?q={}", "/search?q=خبر&section={}", "/search?q=خبر&before={}", "/search?q={}&page={}",
                "/api/v1/search?q={}", "/api/v1/search?q=خبر&section={}&from={}&to={}&limit={}", "/api/v1/stories/{}",
                "/api/v1/stories/{}.ninjs", "/api/v1/stories?section={}&before={}&limit={}", "/api/v1/ticker?{}={}",
                "/feed.atom?{}", "/feed.rss?{}={}", "/sections/politics/feed.rss?before={}", "/sitemap-news.xml?{}", "/sitemap.xml?{}",
                "/sitemaps/{}.xml", "/assets/site.css?{}", "/assets/{}", "/api/v1/sections?{}", "/api/v1/stories?limit={}",
                "/api/v1/search?q=خبر&before={}&limit={}", "/search?q=خبر&limit={}", "/{}", "/?before={}", "/{}/{}/{}",
            ]
            var generator = SeededBytes(seed: 35)
            var failures: [String] = []
            for round in 0..<40 {
                for template in templates {
                    var target = ""
                    for (index, piece) in template.components(separatedBy: "{}").enumerated() {
                        if index > 0 { target += generator.percentEncoded(count: 1 + round % 12) }
                        target += piece.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.union(["/", "?", "&", "="])) ?? piece
                    }
                    let answer = try server.get(target)
                    if answer.status >= 500 { failures.append("\(target): \(answer.status) \(answer.text.prefix(200))") }
                }
            }
            #expect(failures.isEmpty, "\(failures.prefix(10))")
            #expect(server.process.isRunning)
            #expect(try server.get("/stories/\(id)").status == 200)
        }
    }
}

/// Random bytes for the fuzz test, from a seed: the same run every time.
struct SeededBytes {
    var generator: SeededGenerator
    init(seed: UInt64) { generator = SeededGenerator(state: seed) }

    /// `count` random bytes as %XX, with now and then a byte as it is or a character the
    /// routes treat specially, so both raw and decoded paths are reached.
    mutating func percentEncoded(count: Int) -> String {
        let specials = ["%00", "%25", "..", "%2F", "%C0%AF", "%EF%BF%BE", "%F4%90%80%80", "'", "%22", "%3C", "-1", "99999999999999999999"]
        var out = ""
        for _ in 0..<count {
            let value = generator.next()
            if value % 7 == 0 { out += specials[Int((value >> 8) % UInt64(specials.count))]; continue }
            let byte = UInt8(truncatingIfNeeded: value >> 16)
            out += String(format: "%%%02X", byte)
        }
        return out
    }
}
