#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// A new ticker line as typed: text checked, times resolved.
public struct NewTickerItem: Sendable {
    public var text: String
    public var urgent: Bool
    public var startsAt: Date
    public var endsAt: Date
    public var storyID: StoryID?

    public init(text: String, urgent: Bool, startsAt: Date, endsAt: Date, storyID: StoryID?) {
        self.text = text
        self.urgent = urgent
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.storyID = storyID
    }
}

/// One page of a listing, and whether more follow it.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var hasMore: Bool
}

public enum TickerListing: Sendable {
    /// Live at the time: urgent first, then the most recent start first.
    case live
    /// Starting after the time, soonest first.
    case upcoming
    /// Everything, ended and cancelled included, the most recent start first.
    case all
}

public struct TickerHistoryEntry: Sendable {
    public var at: Date
    public var actor: String
    public var action: TickerAction
    public var note: String?
    public var endsBefore: Date?
    public var endsAfter: Date?
}

extension NewsroomStore {
    static let tickerColumns = """
        id, text, urgent, starts_at, ends_at, story_id, created_by, created_at,
        cancelled_at, cancelled_by, cancel_reason, end_reason
        """

    /// The default window of a new line (`config set ticker.duration 2h`).
    public func tickerDuration() throws -> TimeInterval {
        try NewsroomTime.duration(try setting(.tickerDuration), field: "ticker.duration", max: TickerRules.longestWindow)
    }

    /// - Parameter now: the server's clock when the times were read (`clock()`), for the
    ///   window check; a line may not start in the past.
    public func scheduleTickerItem(_ item: NewTickerItem, now: Date, by actor: Actor) throws -> TickerItemID {
        try check { try TickerRules.authorizeChange(by: actor, doing: "schedule ticker lines") }
        return try write(by: actor) {
            try check { try TickerRules.checkWindow(startsAt: item.startsAt, endsAt: item.endsAt, now: now) }
            if let storyID = item.storyID {
                // Shared lock: a withdrawal of the story at this moment waits for this line
                // (and then ends it), or goes first (and then this line is refused here).
                let story = try lockedStory(storyID, exclusive: false).story
                try check { try TickerRules.checkLink(story: storyID, status: story.status, publishAt: story.publishAt, itemStartsAt: item.startsAt) }
            }
            let row = try connection.queryOne(
                """
                INSERT INTO ticker_items (text, urgent, starts_at, ends_at, story_id, created_by)
                VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
                """,
                [item.text, item.urgent, item.startsAt, item.endsAt, item.storyID?.rawValue, actor.name]
            )
            let id = TickerItemID(rawValue: try row.decode("id"))
            try recordTicker(id, name: actor.name, action: .schedule, note: nil, endsBefore: nil, endsAfter: item.endsAt)
            return id
        }
    }

    public func tickerItem(_ id: TickerItemID) throws -> TickerItem {
        let rows = try connection.query("SELECT \(Self.tickerColumns) FROM ticker_items WHERE id = $1", [id.rawValue])
        guard let row = rows.first else { throw Self.noTickerItem(id) }
        return try TickerItem(row: row)
    }

    /// The lines of a listing as they stood at `time` (a line cancelled later was still on
    /// the strip then), at most `limit` of them, continuing after line `after` when given.
    public func tickerItems(_ listing: TickerListing, at time: Date, limit: Int = 200, after: TickerItemID? = nil) throws -> Page<TickerItem> {
        if let after { _ = try tickerItem(after) }  // "no ticker item N" rather than an empty page
        // $3 is the line to continue after: rows after it in the listing's own order.
        let sql: String
        switch listing {
        case .live:
            // The range expression matches the GiST index ticker_items_window_all.
            sql = """
                SELECT \(Self.tickerColumns) FROM ticker_items
                 WHERE tstzrange(starts_at, ends_at) @> $1::timestamptz
                   AND (cancelled_at IS NULL OR cancelled_at > $1::timestamptz)
                   AND ($3::bigint IS NULL OR (urgent, starts_at, id) < (SELECT urgent, starts_at, id FROM ticker_items WHERE id = $3))
                 ORDER BY urgent DESC, starts_at DESC, id DESC LIMIT $2
                """
        case .upcoming:
            sql = """
                SELECT \(Self.tickerColumns) FROM ticker_items
                 WHERE starts_at > $1::timestamptz AND (cancelled_at IS NULL OR cancelled_at > $1::timestamptz)
                   AND ($3::bigint IS NULL OR (starts_at, id) > (SELECT starts_at, id FROM ticker_items WHERE id = $3))
                 ORDER BY starts_at, id LIMIT $2
                """
        case .all:
            sql = """
                SELECT \(Self.tickerColumns) FROM ticker_items
                 WHERE $1::timestamptz IS NOT NULL
                   AND ($3::bigint IS NULL OR (starts_at, id) < (SELECT starts_at, id FROM ticker_items WHERE id = $3))
                 ORDER BY starts_at DESC, id DESC LIMIT $2
                """
        }
        let items = try connection.query(sql, [time, limit + 1, after?.rawValue]).map { try TickerItem(row: $0) }
        return Page(items: Array(items.prefix(limit)), hasMore: items.count > limit)
    }

    public func tickerHistory(_ id: TickerItemID) throws -> [TickerHistoryEntry] {
        try connection.query(
            "SELECT at, actor, action, note, ends_before, ends_after FROM ticker_history WHERE item_id = $1 ORDER BY id",
            [id.rawValue]
        ).map { row in
            let action: String = try row.decode("action")
            guard let known = TickerAction(rawValue: action) else {
                throw PostgresError.decoding(column: "action", message: "\"\(action)\" is not a ticker action this binary knows")
            }
            return TickerHistoryEntry(
                at: try row.decode("at"), actor: try row.decode("actor"), action: known,
                note: try row.decode("note"), endsBefore: try row.decode("ends_before"), endsAfter: try row.decode("ends_after")
            )
        }
    }

    public func cancelTickerItem(_ id: TickerItemID, reason: String?, by actor: Actor) throws -> TickerItem {
        try check { try TickerRules.authorizeChange(by: actor, doing: "cancel ticker lines") }
        return try write(by: actor) {
            let item = try lockTickerItem(id)
            let now = try self.now()
            try check { try TickerRules.checkCancel(item, now: now) }
            let row = try connection.queryOne(
                """
                UPDATE ticker_items SET cancelled_at = now(), cancelled_by = $2, cancel_reason = $3
                 WHERE id = $1 RETURNING \(Self.tickerColumns)
                """,
                [id.rawValue, actor.name, reason]
            )
            try recordTicker(id, name: actor.name, action: .cancel, note: reason, endsBefore: item.endsAt, endsAfter: item.endsAt)
            return try TickerItem(row: row)
        }
    }

    public func extendTickerItem(_ id: TickerItemID, until: Date, by actor: Actor) throws -> TickerItem {
        try check { try TickerRules.authorizeChange(by: actor, doing: "extend ticker lines") }
        return try write(by: actor) {
            let item = try lockTickerItem(id)
            let now = try self.now()
            let time = try self.time()
            try check { try TickerRules.checkExtension(item, until: until, now: now, describe: time.human) }
            let row = try connection.queryOne(
                "UPDATE ticker_items SET ends_at = $2 WHERE id = $1 RETURNING \(Self.tickerColumns)",
                [id.rawValue, until]
            )
            try recordTicker(id, name: actor.name, action: .extend, note: nil, endsBefore: item.endsAt, endsAfter: until)
            return try TickerItem(row: row)
        }
    }

    /// After a story changes: its live lines that may no longer point at it end now, and its
    /// upcoming ones are cancelled. Returns the ids touched, for the story's history note.
    /// `name` names who acts in the lines when it is not the actor (the scheduler ends them
    /// in the name of whoever set the story to expire).
    func endTickerItems(
        linkedTo story: Story, from previous: StoryStatus, by actor: Actor, inTheNameOf name: String? = nil, because reason: String
    ) throws -> [TickerItemID] {
        let name = name ?? actor.name
        // Only a story that leaves published or scheduled can have lines that may no longer point at it.
        guard previous == .published || previous == .scheduled, story.status != .published else { return [] }
        let rows = try connection.query(
            """
            SELECT \(Self.tickerColumns) FROM ticker_items
             WHERE story_id = $1 AND cancelled_at IS NULL AND ends_at > now()
             ORDER BY id FOR UPDATE
            """,
            [story.id.rawValue]
        )
        var touched: [TickerItemID] = []
        let now = try self.now()
        for item in try rows.map({ try TickerItem(row: $0) })
        where !TickerRules.linkAllowed(status: story.status, publishAt: story.publishAt, itemStartsAt: item.startsAt) {
            if item.startsAt <= now {
                try connection.query("UPDATE ticker_items SET ends_at = now(), end_reason = $2 WHERE id = $1", [item.id.rawValue, reason])
                try recordTicker(item.id, name: name, action: .end, note: reason, endsBefore: item.endsAt, endsAfter: now)
            } else {
                try connection.query(
                    "UPDATE ticker_items SET cancelled_at = now(), cancelled_by = $2, cancel_reason = $3 WHERE id = $1",
                    [item.id.rawValue, name, reason]
                )
                try recordTicker(item.id, name: name, action: .cancel, note: reason, endsBefore: item.endsAt, endsAfter: item.endsAt)
            }
            touched.append(item.id)
        }
        return touched
    }

    private func lockTickerItem(_ id: TickerItemID) throws -> TickerItem {
        let rows = try busyIfLocked("ticker item \(id)") {
            try connection.query("SELECT \(Self.tickerColumns) FROM ticker_items WHERE id = $1 FOR UPDATE", [id.rawValue])
        }
        guard let row = rows.first else { throw Self.noTickerItem(id) }
        return try TickerItem(row: row)
    }

    private func recordTicker(_ id: TickerItemID, name: String, action: TickerAction, note: String?, endsBefore: Date?, endsAfter: Date?) throws {
        try connection.query(
            """
            INSERT INTO ticker_history (item_id, actor, action, note, ends_before, ends_after)
            VALUES ($1, $2, $3, $4, $5, $6)
            """,
            [id.rawValue, name, action.rawValue, note, endsBefore, endsAfter]
        )
    }

    static func noTickerItem(_ id: TickerItemID) -> NewsroomError {
        NewsroomError.notFound("ticker item", String(id.rawValue), hint: "see newsroom ticker list --all")
    }
}

extension TickerItem {
    init(row: PostgresRow) throws {
        self.init(
            id: TickerItemID(rawValue: try row.decode("id")),
            text: try row.decode("text"),
            urgent: try row.decode("urgent"),
            startsAt: try row.decode("starts_at"),
            endsAt: try row.decode("ends_at"),
            storyID: try row.decode("story_id", as: Int64?.self).map(StoryID.init(rawValue:)),
            createdBy: Handle(rawValue: try row.decode("created_by")),
            createdAt: try row.decode("created_at"),
            cancelledAt: try row.decode("cancelled_at"),
            cancelledBy: try row.decode("cancelled_by", as: String?.self).map(Handle.init(rawValue:)),
            cancelReason: try row.decode("cancel_reason"),
            endReason: try row.decode("end_reason")
        )
    }
}
