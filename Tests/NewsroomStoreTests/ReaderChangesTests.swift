import Foundation
import PostgresClient
import TestSupport
import Testing

/// The durable record of changes readers could see (Migrations/0013): what goes in, what
/// stays out, and numbers that follow commit order.
@Suite("reader changes: the durable record")
struct ReaderChangesTests {
    struct Row: Equatable {
        let kind: String
        let story: Int64?
        let sections: String?
        let ticker: Bool
    }

    static func rows(_ connection: PostgresConnection, after id: Int64) throws -> [Row] {
        try connection.query(
            "SELECT kind, story_id, array_to_string(sections, ',') AS sections, ticker FROM reader_changes WHERE id > $1 ORDER BY id", [id]
        ).map { Row(kind: try $0.decode("kind"), story: try $0.decode("story_id"), sections: try $0.decode("sections"), ticker: try $0.decode("ticker")) }
    }

    static func latest(_ connection: PostgresConnection) throws -> Int64 {
        try connection.queryOne("SELECT coalesce(max(id), 0) AS id FROM reader_changes").decode("id")
    }

    @Test("desk moves leave no entry; publication, correction, withdrawal, ticker, section, byline and site settings do")
    func entries() throws {
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            var mark = try Self.latest(connection)
            let id = try newsroom.draft(headline: "خبر")
            try newsroom.steps([("layla", ["story", "edit", id, "--headline", "خبر معدل"]), ("huda", ["story", "assign", id, "--editor", "omar"]),
                                ("layla", ["story", "submit", id]), ("omar", ["story", "approve", id])])
            #expect(try Self.rows(connection, after: mark).isEmpty, "a story on the desk is nobody's business but the desk's")

            try newsroom.steps([("omar", ["story", "publish", id])])
            let story = Int64(id)!
            #expect(try Self.rows(connection, after: mark) == [Row(kind: "story", story: story, sections: "politics", ticker: false)])
            mark = try Self.latest(connection)

            // A line linked to the story: the story's later changes may alter the strip.
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "سطر", "--for", "1h", "--story", id])])
            #expect(try Self.rows(connection, after: mark) == [Row(kind: "ticker", story: nil, sections: nil, ticker: true)])
            mark = try Self.latest(connection)
            try newsroom.steps([("omar", ["story", "edit", id, "--headline", "خبر مصحح", "--correction", "تصحيح الاسم"])])
            #expect(try Self.rows(connection, after: mark) == [Row(kind: "story", story: story, sections: "politics", ticker: true)])
            mark = try Self.latest(connection)

            try newsroom.steps([("huda", ["story", "withdraw", id, "--reason", "legal"])])
            let withdrawal = try Self.rows(connection, after: mark)
            #expect(withdrawal.first == Row(kind: "story", story: story, sections: "politics", ticker: true))
            // Its line ends with it: a line taken back was on every page.
            #expect(withdrawal.dropFirst().allSatisfy { $0 == Row(kind: "site", story: nil, sections: nil, ticker: true) })
            mark = try Self.latest(connection)

            try newsroom.steps([("adam", ["config", "set", "site.name", "بغداد اليوم"])])
            #expect(try Self.rows(connection, after: mark) == [Row(kind: "site", story: nil, sections: nil, ticker: true)])
            mark = try Self.latest(connection)
            try connection.query("UPDATE staff SET name = 'ليلى ح.' WHERE handle = 'layla'")
            try connection.query("UPDATE staff SET active = active WHERE handle = 'omar'")  // nothing a reader sees
            #expect(try Self.rows(connection, after: mark) == [Row(kind: "site", story: nil, sections: nil, ticker: false)])
        }
    }

    @Test("numbers follow commit order: a transaction that began first but commits last gets the larger number")
    func commitOrder() throws {
        try NewsroomFixture.with { newsroom in
            let early = try newsroom.database.connect()
            let late = try newsroom.database.connect()
            let reader = try newsroom.database.connect()
            let insert = """
                INSERT INTO ticker_items (text, starts_at, ends_at, created_by) VALUES ($1, now(), now() + interval '1 hour', 'omar')
                """
            try early.executeScript("BEGIN")
            try early.query(insert, ["بدأ أولا"])
            try late.transaction { _ = try late.query(insert, ["انتهى أولا"]) }
            let seen = try Self.latest(reader)  // a follower reads up to here
            try early.executeScript("COMMIT")
            let after = try reader.query(
                "SELECT c.id FROM reader_changes c WHERE c.id > $1", [seen]).count
            #expect(seen > 0)
            #expect(after == 1, "the later commit is numbered after what a follower had already read")
        }
    }
}
