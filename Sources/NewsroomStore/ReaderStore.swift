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
            var story = try Self.published(row, corrections: corrections)
            story.photos = try photos(of: [id])[id] ?? []
            story.agency = try connection.query(
                "SELECT source, guid, version, creditline FROM reader.story_origins WHERE story_id = $1", [id.rawValue]
            ).first.map { row in
                AgencyOrigin(source: try row.decode("source"), guid: try row.decode("guid"), version: Int(try row.decode("version", as: Int32.self)),
                             creditline: try row.decode("creditline"))
            }
            return .published(story)
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

    /// Runs `body` on one snapshot at one time (`now()`): what it reads agrees with itself.
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try connection.transaction {
            try connection.executeScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try body()
        }
    }

    // MARK: Rows

    static func section(_ row: PostgresRow) throws -> Section {
        try section(row, slug: "slug", name: "name")
    }

    static func section(_ row: PostgresRow, slug: String, name: String) throws -> Section {
        Section(slug: SectionSlug(rawValue: try row.decode(slug)), name: try row.decode(name))
    }

    /// A published story's columns in `reader.stories`, as `published(_:corrections:)` reads them.
    static let publishedColumns = "id, section, section_name, headline, dateline, body, author_name, version, published_at, modified_at"

    static func published(_ row: PostgresRow, corrections: [Correction]) throws -> PublishedStory {
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

    static func summary(_ row: PostgresRow) throws -> StorySummary {
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
