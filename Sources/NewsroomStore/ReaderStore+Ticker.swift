#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

// The ticker strip as readers see it, and what the live stream follows.
extension ReaderStore {
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

    /// Where the strip stands (see `TickerStreamPosition`).
    public func tickerPosition() throws -> TickerStreamPosition {
        let row = try connection.queryOne("SELECT change, boundary FROM reader.ticker_state")
        return TickerStreamPosition(change: try row.decode("change"), boundary: try row.decode("boundary"))
    }
}
