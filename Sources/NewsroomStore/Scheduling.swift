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

public struct SchedulerStatus: Sendable {
    public var now: Date
    public var dueCount: Int
    public var oldestDue: Date?
    public var nextPublication: Date?
    public var scheduledCount: Int
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
                    SELECT id, scheduled_by, $12, $13, status, version, $14, CASE WHEN $15 THEN publish_at END
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

    /// Publishes batch after batch until nothing is due, or `stop` says so; `each` sees
    /// every batch. A dry run puts the batches in one transaction and rolls that back, so
    /// later batches still see the earlier ones.
    @discardableResult
    public func publishAllDue(batchSize: Int, stop: () -> Bool = { false }, each: ([Publication]) -> Void = { _ in }) throws -> Int {
        func batches() throws -> Int {
            var total = 0
            while true {
                let batch = try publishDue(limit: batchSize)
                total += batch.count
                each(batch)
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
                   count(*) AS scheduled
              FROM stories WHERE status = 'scheduled'
            """
        )
        return SchedulerStatus(
            now: try row.decode("now"),
            dueCount: try row.decode("due"),
            oldestDue: try row.decode("oldest_due"),
            nextPublication: try row.decode("next"),
            scheduledCount: try row.decode("scheduled")
        )
    }

    /// The earliest scheduled publication, due or not.
    public func nextScheduledPublication() throws -> (next: Date?, now: Date) {
        let row = try connection.queryOne(
            "SELECT (SELECT min(publish_at) FROM stories WHERE status = 'scheduled') AS next, now() AS now"
        )
        return (try row.decode("next"), try row.decode("now"))
    }
}
