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

    /// Publishes up to `limit` due stories in one transaction and returns them. Rows are
    /// claimed with SKIP LOCKED, so any number of schedulers share the work and each story
    /// goes out exactly once; a story being edited or unscheduled right now is locked and
    /// skipped, and once that commits it is no longer scheduled. The move and its history
    /// line are the ones every transition writes (`moveAssignments`, `historyColumns`),
    /// each line in the name of whoever scheduled the story.
    public func publishDue(limit: Int) throws -> [Publication] {
        let action = StoryAction.publishScheduled
        let effects = Workflow.effects(of: action, from: .scheduled)!
        return try write(by: .scheduler, rollback: false) {
            try connection.query(
                """
                WITH due AS (
                    SELECT id FROM stories
                     WHERE status = 'scheduled' AND publish_at <= now()
                     ORDER BY publish_at, id
                     LIMIT $1
                     FOR UPDATE SKIP LOCKED
                ), published AS (
                    UPDATE stories s SET \(Self.moveAssignments)
                      FROM due
                     WHERE s.id = due.id
                    RETURNING s.id, s.status, s.publish_at, s.published_at, s.scheduled_by, s.version
                ), logged AS (
                    INSERT INTO story_history (\(Self.historyColumns))
                    SELECT id, scheduled_by, $15, $16, status, version, $17, CASE WHEN $18 THEN publish_at END, NULL::timestamptz
                      FROM published
                )
                SELECT p.id, t.headline, p.publish_at, p.published_at, p.scheduled_by
                  FROM published p JOIN story_texts t ON t.story_id = p.id
                 ORDER BY p.publish_at, p.id
                """,
                [limit] + Self.moveParameters(effects, editor: nil, publishAt: nil, by: .scheduler)
                    + [action.rawValue, StoryStatus.scheduled.rawValue, "published by the scheduler", action.recordsScheduledTime]
            ).map { row in
                Publication(
                    storyID: StoryID(rawValue: try row.decode("id")),
                    headline: try row.decode("headline"),
                    scheduledFor: try row.decode("publish_at"),
                    publishedAt: try row.decode("published_at"),
                    scheduledBy: try row.decode("scheduled_by")
                )
            }
        }
    }

    /// Takes off up to `limit` published stories whose expiry has come, in one transaction,
    /// and returns them: each withdrawn by the one move every transition writes, with a
    /// history line in the name of whoever set the expiry, and its ticker lines ended as a
    /// withdrawal ends them. Claimed with SKIP LOCKED like publications: exactly once.
    public func expireDue(limit: Int) throws -> [Expiry] {
        let action = StoryAction.expire
        let effects = Workflow.effects(of: action, from: .published)!
        return try write(by: .scheduler, rollback: false) {
            let expired = try connection.query(
                """
                WITH due AS (
                    SELECT id AS due_id FROM stories
                     WHERE status = 'published' AND expire_at <= now()
                     ORDER BY expire_at, id
                     LIMIT $1
                     FOR UPDATE SKIP LOCKED
                ), expired AS (
                    UPDATE stories s SET \(Self.moveAssignments)
                      FROM due
                     WHERE s.id = due.due_id
                    RETURNING \(Self.moveColumns)
                ), logged AS (
                    INSERT INTO story_history (\(Self.historyColumns))
                    SELECT id, expire_by, $15, $16, status, version, $17, NULL, expire_at
                      FROM expired
                )
                SELECT e.*, t.headline
                  FROM expired e JOIN story_texts t ON t.story_id = e.id
                 ORDER BY e.expire_at, e.id
                """,
                [limit] + Self.moveParameters(effects, editor: nil, publishAt: nil, by: .scheduler)
                    + [action.rawValue, StoryStatus.published.rawValue, "taken off by the scheduler at the time set"]
            ).map { try Story(row: $0, headline: try $0.decode("headline"), dateline: nil, body: "") }  // the log needs the headline alone
            guard !expired.isEmpty else { return [] }
            // Their ticker lines end as a withdrawal's do, in the same name (only the few
            // stories that have live lines cost more than the one statement above).
            let linked = Set(try connection.query(
                "SELECT DISTINCT story_id FROM ticker_items WHERE story_id = ANY ($1::bigint[]) AND cancelled_at IS NULL AND ends_at > now()",
                [PostgresTextArray(values: expired.map(\.id.rawValue))]
            ).map { StoryID(rawValue: try $0.decode("story_id")) })
            return try expired.map { story in
                var ended: [TickerItemID] = []
                if linked.contains(story.id), let setter = story.expireBy {
                    ended = try endTickerItems(linkedTo: story, from: .published, by: .scheduler, inTheNameOf: setter.rawValue,
                                               because: "story \(story.id) expired")
                }
                return Expiry(storyID: story.id, headline: story.headline, expireAt: story.expireAt ?? story.withdrawnAt!,
                              expiredAt: story.withdrawnAt!, setBy: story.expireBy?.rawValue ?? "", endedTickerItems: ended)
            }
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
                total.published += batch.count
                each(batch)
                if stop() { return total }
                if batch.count < batchSize { break }
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
