#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// The published newsroom, read through the `reader` views only (Migrations/0011): what the
/// web server shows. A login that may read those views and nothing else can run it.
/// One connection; not shared between threads (the server keeps a pool of these).
public final class ReaderStore {
    let session: NewsroomSession
    var connection: PostgresConnection { session.connection }

    /// The channel the database notifies at the commit of every change readers could see.
    public static let changeChannel = "newsroom_readers"

    public init(session: NewsroomSession) {
        self.session = session
    }

    /// Connects, and refuses a database whose migrations are not those of this binary.
    public static func open(_ options: NewsroomSession.Options) throws -> ReaderStore {
        let session = try NewsroomSession.open(options, checkSchema: false)
        try Migrator().requireUpToDateForReaders(session.connection)
        return ReaderStore(session: session)
    }

    /// Whether the connection still answers (`/healthz`).
    public func ping() throws {
        _ = try connection.query("SELECT 1")
    }

    public func settings() throws -> SiteSettings {
        var values: [String: String] = [:]
        for row in try connection.query("SELECT key, value FROM reader.settings") {
            values[try row.decode("key")] = try row.decode("value")
        }
        return SiteSettings(values: values)
    }

    public func sections() throws -> [Section] {
        try connection.query("SELECT slug, name FROM reader.sections ORDER BY slug").map(Self.section)
    }

    public func section(_ slug: SectionSlug) throws -> Section? {
        try connection.query("SELECT slug, name FROM reader.sections WHERE slug = $1", [slug.rawValue]).first.map(Self.section)
    }

    /// A story as a reader may have it: published (with its corrections), withdrawn (its
    /// time only), or not found, whatever else it may be.
    public func story(_ id: StoryID) throws -> ReaderStoryLookup {
        let rows = try connection.query(
            """
            SELECT \(Self.publishedColumns) FROM reader.stories WHERE id = $1
            """,
            [id.rawValue]
        )
        if let row = rows.first {
            let corrections = try connection.query(
                "SELECT at, version FROM reader.corrections WHERE story_id = $1 ORDER BY at, version", [id.rawValue]
            ).map { row in Correction(at: try row.decode("at"), version: try row.decode("version")) }
            return .published(try Self.published(row, corrections: corrections))
        }
        let withdrawn = try connection.query("SELECT withdrawn_at, version FROM reader.withdrawn_stories WHERE id = $1", [id.rawValue])
        if let row = withdrawn.first, let at = try row.decode("withdrawn_at", as: Date?.self) {
            return .withdrawn(at: at, version: try row.decode("version"))
        }
        return .notFound
    }

    /// Published stories, newest first, after `cursor` (keyset: never an offset). Callers ask
    /// for one more than a page to learn whether another follows, so the bound is a page and one.
    public func stories(section: SectionSlug?, before cursor: ListingCursor?, limit: Int) throws -> [StorySummary] {
        let limit = min(max(limit, 1), SiteRules.longestListing + 1)
        var conditions: [String] = []
        var parameters: [any PostgresEncodable] = [Int64(limit)]
        if let section {
            parameters.append(section.rawValue)
            conditions.append("section = $\(parameters.count)")
        }
        if let cursor {
            parameters.append(cursor.publishedAt)
            parameters.append(cursor.id.rawValue)
            conditions.append("(published_at, id) < ($\(parameters.count - 1), $\(parameters.count))")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try connection.query(
            """
            SELECT id, section, section_name, headline, dateline, author_name, published_at
              FROM reader.stories \(filter)
             ORDER BY published_at DESC, id DESC LIMIT $1
            """,
            parameters
        ).map(Self.summary)
    }

    /// The front page: each section with its newest stories (sections without any left out).
    public func frontPage(perSection: Int) throws -> [(section: Section, stories: [StorySummary])] {
        let rows = try connection.query(
            """
            SELECT s.id, s.section, s.section_name, s.headline, s.dateline, s.author_name, s.published_at
              FROM reader.sections sec
             CROSS JOIN LATERAL (
                   SELECT st.id, st.section, st.section_name, st.headline, st.dateline, st.author_name, st.published_at
                     FROM reader.stories st WHERE st.section = sec.slug
                    ORDER BY st.published_at DESC, st.id DESC LIMIT $1) s
             ORDER BY sec.slug, s.published_at DESC, s.id DESC
            """,
            [Int64(perSection)]
        )
        var sections: [(section: Section, stories: [StorySummary])] = []
        for row in rows {
            let story = try Self.summary(row)
            if sections.last?.section.slug == story.section.slug {
                sections[sections.count - 1].stories.append(story)
            } else {
                sections.append((story.section, [story]))
            }
        }
        // The section with the newest story leads.
        return sections.sorted { ($0.stories.first?.publishedAt ?? .distantPast) > ($1.stories.first?.publishedAt ?? .distantPast) }
    }

    /// The strip as it stands, in strip order (urgent first, then newest).
    public func ticker() throws -> [TickerLine] {
        try connection.query("SELECT id, text, urgent, starts_at, ends_at, story_id FROM reader.ticker").map { row in
            TickerLine(
                id: TickerItemID(rawValue: try row.decode("id")),
                text: try row.decode("text"),
                urgent: try row.decode("urgent"),
                startsAt: try row.decode("starts_at"),
                endsAt: try row.decode("ends_at"),
                storyID: try row.decode("story_id", as: Int64?.self).map(StoryID.init(rawValue:))
            )
        }.sorted(by: TickerLine.stripOrder)
    }

    /// When the strip next changes by the clock alone, and the database's time now.
    public func tickerNextChange() throws -> (next: Date?, now: Date) {
        let row = try connection.queryOne("SELECT (SELECT at FROM reader.ticker_next_change) AS next, now() AS now")
        return (try row.decode("next"), try row.decode("now"))
    }

    /// Runs `body` on one snapshot at one time (`now()`): what it reads agrees with itself.
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try connection.transaction {
            try connection.executeScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try body()
        }
    }

    /// Where the strip stands (see `TickerStreamPosition`).
    public func tickerPosition() throws -> TickerStreamPosition {
        let row = try connection.queryOne("SELECT change, boundary FROM reader.ticker_state")
        return TickerStreamPosition(change: try row.decode("change"), boundary: try row.decode("boundary"))
    }

    // MARK: Changes

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

    // MARK: Rows

    private static func section(_ row: PostgresRow) throws -> Section {
        try section(row, slug: "slug", name: "name")
    }

    private static func section(_ row: PostgresRow, slug: String, name: String) throws -> Section {
        Section(slug: SectionSlug(rawValue: try row.decode(slug)), name: try row.decode(name))
    }

    /// A published story's columns in `reader.stories`, as `published(_:corrections:)` reads them.
    static let publishedColumns = "id, section, section_name, headline, dateline, body, author_name, version, published_at, modified_at"

    private static func published(_ row: PostgresRow, corrections: [Correction]) throws -> PublishedStory {
        PublishedStory(
            id: StoryID(rawValue: try row.decode("id")),
            section: try section(row, slug: "section", name: "section_name"),
            headline: try row.decode("headline"),
            dateline: try row.decode("dateline"),
            body: try row.decode("body"),
            authorName: try row.decode("author_name"),
            version: try row.decode("version"),
            publishedAt: try row.decode("published_at"),
            modifiedAt: try row.decode("modified_at"),
            corrections: corrections
        )
    }

    private static func summary(_ row: PostgresRow) throws -> StorySummary {
        StorySummary(
            id: StoryID(rawValue: try row.decode("id")),
            section: try section(row, slug: "section", name: "section_name"),
            headline: try row.decode("headline"),
            dateline: try row.decode("dateline"),
            authorName: try row.decode("author_name"),
            publishedAt: try row.decode("published_at")
        )
    }
}

// MARK: Feeds and sitemaps

extension ReaderStore {
    /// The newest published stories with their text, for feeds (no corrections list).
    public func feed(section: SectionSlug?, limit: Int) throws -> [PublishedStory] {
        var parameters: [any PostgresEncodable] = [Int64(min(max(limit, 1), SiteRules.longestListing))]
        var filter = ""
        if let section {
            parameters.append(section.rawValue)
            filter = "WHERE section = $2"
        }
        return try connection.query(
            """
            SELECT \(Self.publishedColumns) FROM reader.stories \(filter) ORDER BY published_at DESC, id DESC LIMIT $1
            """,
            parameters
        ).map { try Self.published($0, corrections: []) }
    }

    /// Stories withdrawn in the last `days` days, newest first: feeds say they are gone.
    public func recentlyWithdrawn(days: Int) throws -> [(id: StoryID, at: Date)] {
        try connection.query(
            """
            SELECT id, withdrawn_at FROM reader.withdrawn_stories
             WHERE withdrawn_at > now() - make_interval(days => $1::int) ORDER BY withdrawn_at DESC, id DESC LIMIT 200
            """,
            [Int64(days)]
        ).map { (StoryID(rawValue: try $0.decode("id")), try $0.decode("withdrawn_at")) }
    }

    /// Published in the last `hours` hours, newest first (the news sitemap).
    public func publishedSince(hours: Int, limit: Int) throws -> [StorySummary] {
        try connection.query(
            """
            SELECT id, section, section_name, headline, dateline, author_name, published_at FROM reader.stories
             WHERE published_at > now() - make_interval(hours => $1::int) ORDER BY published_at DESC, id DESC LIMIT $2
            """,
            [Int64(hours), Int64(limit)]
        ).map(Self.summary)
    }

    /// The months (UTC) that have published stories, newest first, with when each last changed.
    public func archiveMonths() throws -> [(month: String, modified: Date)] {
        try connection.query(
            """
            SELECT to_char(date_trunc('month', published_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, max(modified_at) AS modified
              FROM reader.stories GROUP BY 1 ORDER BY 1 DESC
            """
        ).map { (try $0.decode("month"), try $0.decode("modified")) }
    }

    /// A month's published stories (`YYYY-MM`, UTC), oldest first, with when each last changed.
    public func archiveMonth(_ month: String) throws -> [(id: StoryID, modified: Date)] {
        try connection.query(
            """
            SELECT id, modified_at FROM reader.stories
             WHERE published_at >= ($1 || '-01 00:00:00+00')::timestamptz
               AND published_at < ($1 || '-01 00:00:00+00')::timestamptz + interval '1 month'
             ORDER BY published_at, id LIMIT 50000
            """,
            [month]
        ).map { (StoryID(rawValue: try $0.decode("id")), try $0.decode("modified_at")) }
    }
}

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
