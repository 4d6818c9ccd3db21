#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

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
        var stories = try connection.query(
            """
            SELECT \(Self.publishedColumns) FROM reader.stories \(filter) ORDER BY published_at DESC, id DESC LIMIT $1
            """,
            parameters
        ).map { try Self.published($0, corrections: []) }
        let photos = try self.photos(of: stories.map(\.id))
        for index in stories.indices { stories[index].photos = photos[stories[index].id] ?? [] }
        return stories
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
