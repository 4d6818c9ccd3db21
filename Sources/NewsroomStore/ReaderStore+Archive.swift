#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

// MARK: The archive

extension ReaderStore {
    /// How many stories `exportArchive` will hand over (for progress).
    public func archiveCount(since: Date?) throws -> Int {
        let row = try connection.queryOne(
            """
            SELECT (SELECT count(*) FROM reader.stories WHERE $1::timestamptz IS NULL OR modified_at >= $1)
                 + (SELECT count(*) FROM reader.withdrawn_stories WHERE $1::timestamptz IS NULL OR withdrawn_at >= $1) AS n
            """,
            [since]
        )
        return Int(try row.decode("n", as: Int64.self))
    }

    /// Every published story, then every withdrawn one (changed since `since`, when given), in
    /// id order, `batch` rows at a time through a cursor, in one read-only snapshot: memory stays
    /// flat however large the archive. `each` gets the id and what a reader may know of it.
    public func exportArchive(since: Date?, batch: Int = 500, each: (StoryID, ReaderStoryLookup) throws -> Void) throws {
        try connection.transaction {
            try connection.executeScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            try connection.query(
                """
                DECLARE newsroom_archive_published NO SCROLL CURSOR FOR
                SELECT \(Self.publishedColumns) FROM reader.stories WHERE $1::timestamptz IS NULL OR modified_at >= $1 ORDER BY id
                """,
                [since]
            )
            while true {
                let rows = try connection.query("FETCH \(batch) FROM newsroom_archive_published")
                for row in rows {
                    let story = try Self.published(row, corrections: [])
                    try each(story.id, .published(story))
                }
                if rows.count < batch { break }
            }
            try connection.query(
                """
                DECLARE newsroom_archive_withdrawn NO SCROLL CURSOR FOR
                SELECT id, withdrawn_at, version FROM reader.withdrawn_stories
                 WHERE $1::timestamptz IS NULL OR withdrawn_at >= $1 ORDER BY id
                """,
                [since]
            )
            while true {
                let rows = try connection.query("FETCH \(batch) FROM newsroom_archive_withdrawn")
                for row in rows {
                    guard let at = try row.decode("withdrawn_at", as: Date?.self) else { continue }
                    try each(StoryID(rawValue: try row.decode("id")), .withdrawn(at: at, version: try row.decode("version")))
                }
                if rows.count < batch { break }
            }
        }
    }
}
