#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

// What readers could see that changed: the server's caches follow it.
extension ReaderStore {
    /// Whether the database is a hot standby (recovering: it replays the primary's changes,
    /// takes no writes and cannot LISTEN), and the newest change readers could see in it.
    public func changeState() throws -> (standby: Bool, latest: Int64) {
        let row = try connection.queryOne(
            "SELECT pg_is_in_recovery() AS standby, coalesce((SELECT max(id) FROM reader.changes), 0) AS latest")
        return (try row.decode("standby"), try row.decode("latest"))
    }

    /// The changes after `id`, oldest first.
    public func changes(after id: Int64, limit: Int) throws -> [ReaderChange] {
        try connection.query(
            """
            SELECT id, kind, story_id, array_to_string(sections, ' ') AS sections, published_at, ticker
              FROM reader.changes WHERE id > $1 ORDER BY id LIMIT $2
            """,
            [id, Int64(limit)]
        ).map { row in
            let kind: String = try row.decode("kind")
            let sections: String? = try row.decode("sections")  // slugs hold no spaces
            return ReaderChange(
                id: try row.decode("id"),
                kind: ReaderChange.Kind(rawValue: kind) ?? .site,
                storyID: try row.decode("story_id", as: Int64?.self).map(StoryID.init(rawValue:)),
                sections: (sections ?? "").split(separator: " ").compactMap { try? SectionSlug.parse(String($0)) },
                publishedAt: try row.decode("published_at"),
                ticker: try row.decode("ticker")
            )
        }
    }

    /// Asks the database to tell this connection of every change readers could see.
    public func listenForChanges() throws {
        try connection.executeScript("LISTEN \(Self.changeChannel)")
    }

    /// The connection's socket, to wait on for notifications.
    public var socket: Int32 { connection.socket }

    /// How many change notifications arrived since the last call (reads the socket without waiting).
    public func takeChanges() throws -> Int {
        try connection.notifications().count
    }
}
