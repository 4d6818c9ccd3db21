#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// One story the scheduler put out.
public struct Publication: Sendable, Equatable {
    public var storyID: StoryID
    public var headline: String
    public var scheduledFor: Date
    public var publishedAt: Date
    /// Who scheduled it: the scheduler publishes on their behalf.
    public var scheduledBy: String

    /// How late it went out, in seconds (never negative).
    public var lateness: TimeInterval { max(0, publishedAt.timeIntervalSince(scheduledFor)) }
}

/// One story the scheduler took off at the time its expiry was set for.
public struct Expiry: Sendable, Equatable {
    public var storyID: StoryID
    public var headline: String
    public var expireAt: Date
    public var expiredAt: Date
    /// Who set the expiry: the scheduler takes it off on their behalf.
    public var setBy: String
    public var endedTickerItems: [TickerItemID]
}

public struct SchedulerStatus: Sendable {
    public var now: Date
    public var dueCount: Int
    public var oldestDue: Date?
    public var nextPublication: Date?
    public var scheduledCount: Int
    /// Published stories whose expiry has come (the scheduler takes them off next), and the
    /// next expiry to come.
    public var expiringDueCount = 0
    public var nextExpiry: Date?
}

extension NewsroomStore {
    /// The channel on which schedule changes are announced (see `notifyIfScheduleChanged`).
    public static let scheduleChannel = "newsroom_schedule"

    /// What the scheduler does to a due story, for whoever asked for it: the action, the status
    /// it finds the story in, the column whose time makes it due, and the column naming who
    /// asked (the history line's actor).
    struct ScheduledMove {
        let action: StoryAction
        let from: StoryStatus
        let dueColumn: String
        let askedByColumn: String
        let note: String

        static let publication = ScheduledMove(
            action: .publishScheduled, from: .scheduled, dueColumn: "publish_at", askedByColumn: "scheduled_by", note: "published by the scheduler")
        static let expiry = ScheduledMove(
            action: .expire, from: .published, dueColumn: "expire_at", askedByColumn: "expire_by", note: "taken off by the scheduler at the time set")
    }

    /// Claims up to `limit` stories due for `move`, oldest due first, and moves them in one
    /// statement: the move and its history line are the ones every transition writes
    /// (`moveAssignments`, `historyColumns`), each line in the name of whoever asked. Rows
    /// are claimed with SKIP LOCKED, so any number of schedulers share the work and each
    /// story moves exactly once; a story someone is changing right now is skipped, and once
    /// that commits it is no longer due. Returns the moved rows (`moveColumns`,
    /// `scheduled_by` and the headline). `among` keeps the claim to those stories.
    func claimDue(_ move: ScheduledMove, limit: Int, among ids: [StoryID]? = nil) throws -> [PostgresRow] {
        let effects = Workflow.effects(of: move.action, from: move.from)!
        return try connection.query(
            """
            WITH due AS (
                SELECT id AS due_id FROM stories
                 WHERE status = '\(move.from.rawValue)' AND \(move.dueColumn) <= now()
                   AND ($21::bigint[] IS NULL OR id = ANY ($21::bigint[]))
                 ORDER BY \(move.dueColumn), id
                 LIMIT $1
                 FOR UPDATE SKIP LOCKED
            ), moved AS (
                UPDATE stories s SET \(Self.moveAssignments)
                  FROM due
                 WHERE s.id = due.due_id
                RETURNING \(Self.moveColumns), scheduled_by
            ), logged AS (
                INSERT INTO story_history (\(Self.historyColumns))
                SELECT id, \(move.askedByColumn), $16, $17, status, version, $18,
                       CASE WHEN $19 THEN publish_at END, CASE WHEN $20 THEN expire_at END
                  FROM moved
            )
            SELECT m.*, t.headline
              FROM moved m JOIN story_texts t ON t.story_id = m.id
             ORDER BY m.\(move.dueColumn), m.id
            """,
            [limit] + Self.moveParameters(effects, editor: nil, publishAt: nil, by: .scheduler)
                + [move.action.rawValue, move.from.rawValue, move.note, move.action.recordsScheduledTime, move.action.recordsExpiryTime,
                   ids.map { PostgresTextArray(values: $0.map(\.rawValue)) }]
        )
    }

    /// Publishes up to `limit` due stories in one transaction and returns them, each in the
    /// name of whoever scheduled it (`claimDue`). A story whose expiry passed before a late
    /// scheduler got to it is taken off in the same transaction, so readers never see it;
    /// those expiries come back too.
    public func publishDue(limit: Int) throws -> (published: [Publication], expired: [Expiry]) {
        try write(by: .scheduler, rollback: false) {
            var overdue: [StoryID] = []
            let published = try claimDue(.publication, limit: limit).map { row in
                let publication = Publication(
                    storyID: StoryID(rawValue: try row.decode("id")),
                    headline: try row.decode("headline"),
                    scheduledFor: try row.decode("publish_at"),
                    publishedAt: try row.decode("published_at"),
                    scheduledBy: try row.decode("scheduled_by")
                )
                if let expireAt = try row.decode("expire_at", as: Date?.self), expireAt <= publication.publishedAt { overdue.append(publication.storyID) }
                return publication
            }
            return (published, overdue.isEmpty ? [] : try takeOffDue(limit: overdue.count, among: overdue))
        }
    }

    /// Takes off up to `limit` published stories whose expiry has come, in one transaction,
    /// and returns them: each withdrawn in the name of whoever set the expiry (`claimDue`),
    /// and its ticker lines ended as a withdrawal ends them.
    public func expireDue(limit: Int) throws -> [Expiry] {
        try write(by: .scheduler, rollback: false) { try takeOffDue(limit: limit) }
    }

    /// `expireDue`'s work, in the transaction in hand (`among`: only those stories).
    private func takeOffDue(limit: Int, among ids: [StoryID]? = nil) throws -> [Expiry] {
        // The log needs the headline alone.
        let expired = try claimDue(.expiry, limit: limit, among: ids).map { try Story(row: $0, headline: try $0.decode("headline"), dateline: nil, body: "") }
        guard !expired.isEmpty else { return [] }
        // Their ticker lines end as a withdrawal's do, in the same name (only the few
        // stories that have live lines cost more than the one statement above).
        let linked = Set(try connection.query(
            "SELECT DISTINCT story_id FROM ticker_items WHERE story_id = ANY ($1::bigint[]) AND cancelled_at IS NULL AND ends_at > now()",
            [PostgresTextArray(values: expired.map(\.id.rawValue))]
        ).map { StoryID(rawValue: try $0.decode("story_id")) })
        return try expired.map { story in
            // An expired story has both, and its withdrawal time (the database's constraints).
            let setter = story.expireBy!, withdrawn = story.withdrawnAt!
            let ended = linked.contains(story.id)
                ? try endTickerItems(linkedTo: story, from: .published, by: .scheduler, inTheNameOf: setter.rawValue, because: "story \(story.id) expired")
                : []
            return Expiry(storyID: story.id, headline: story.headline, expireAt: story.expireAt!, expiredAt: withdrawn,
                          setBy: setter.rawValue, endedTickerItems: ended)
        }
    }

    /// Publishes, then takes off, batch after batch until nothing is due, or `stop` says so;
    /// `each` and `eachExpired` see every batch. A dry run puts the batches in one
    /// transaction and rolls that back, so later batches still see the earlier ones.
    @discardableResult
    public func publishAllDue(
        batchSize: Int, stop: () -> Bool = { false }, each: ([Publication]) -> Void = { _ in }, eachExpired: ([Expiry]) -> Void = { _ in }
    ) throws -> (published: Int, expired: Int) {
        func batches() throws -> (Int, Int) {
            var total = (published: 0, expired: 0)
            while true {
                let batch = try publishDue(limit: batchSize)
                total.published += batch.published.count
                total.expired += batch.expired.count
                each(batch.published)
                if !batch.expired.isEmpty { eachExpired(batch.expired) }
                if stop() { return total }
                if batch.published.count < batchSize { break }
            }
            // After the publications, so a story published and expiring in one run is taken off.
            while true {
                let batch = try expireDue(limit: batchSize)
                total.expired += batch.count
                eachExpired(batch)
                if batch.count < batchSize || stop() { return total }
            }
        }
        guard dryRun else { return try batches() }
        return try connection.transaction(rollback: true) {
            let total = try batches()
            try connection.executeScript("SET CONSTRAINTS ALL IMMEDIATE")  // what commit would check
            return total
        }
    }

    public func schedulerStatus() throws -> SchedulerStatus {
        let row = try connection.queryOne(
            """
            SELECT now() AS now,
                   count(*) FILTER (WHERE publish_at <= now()) AS due,
                   min(publish_at) FILTER (WHERE publish_at <= now()) AS oldest_due,
                   min(publish_at) FILTER (WHERE publish_at > now()) AS next,
                   count(*) AS scheduled,
                   (SELECT count(*) FROM stories WHERE status = 'published' AND expire_at <= now()) AS expiring_due,
                   (SELECT min(expire_at) FROM stories WHERE status = 'published' AND expire_at > now()) AS next_expiry
              FROM stories WHERE status = 'scheduled'
            """
        )
        var status = SchedulerStatus(
            now: try row.decode("now"),
            dueCount: try row.decode("due"),
            oldestDue: try row.decode("oldest_due"),
            nextPublication: try row.decode("next"),
            scheduledCount: try row.decode("scheduled")
        )
        status.expiringDueCount = try row.decode("expiring_due")
        status.nextExpiry = try row.decode("next_expiry")
        return status
    }

    /// The earliest scheduled publication or expiry, due or not.
    public func nextScheduledChange() throws -> (next: Date?, now: Date) {
        let row = try connection.queryOne(
            """
            SELECT least((SELECT min(publish_at) FROM stories WHERE status = 'scheduled'),
                         (SELECT min(expire_at) FROM stories WHERE status = 'published' AND expire_at IS NOT NULL)) AS next,
                   now() AS now
            """
        )
        return (try row.decode("next"), try row.decode("now"))
    }
}
