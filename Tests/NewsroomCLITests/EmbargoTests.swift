import Foundation
import PostgresClient
import Testing
import TestSupport

/// Embargoes (issue 18): no path publishes a story before its embargo.
@Suite("embargo: never published before its time, by any path")
struct EmbargoTests {
    func object(_ run: NewsroomRun) throws -> [String: Any] {
        try #require(try NewsroomFixture.json(run) as? [String: Any], "\(run)")
    }

    func approved(_ newsroom: NewsroomFixture, headline: String = "حكم المحكمة") throws -> String {
        let id = try newsroom.draft(headline: headline)
        try newsroom.steps([("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id]), ("omar", ["story", "approve", id])])
        return id
    }

    @Test("alone it schedules for its time; --at not earlier; publish now, skip-review and ticker links refused before it; dropped on withdrawal")
    func rules() throws {
        try NewsroomFixture.with { newsroom in
            let id = try approved(newsroom)
            let early = try newsroom.run(["story", "publish", id, "--embargo-until", "+2h", "--at", "+1h"], as: "omar")
            #expect(early.status == 1 && early.stderr.contains("is before the embargo"), "\(early)")
            let scheduled = try object(try newsroom.run(["story", "publish", id, "--embargo-until", "+2h", "--json"], as: "omar"))
            #expect(scheduled["status"] as? String == "scheduled")
            #expect(scheduled["publish_at"] as? String == scheduled["embargo_until"] as? String, "alone, it goes out at the embargo")
            #expect(try newsroom.count("SELECT count(*) FROM story_history WHERE story_id = $1 AND action = 'schedule' AND note LIKE 'embargo until %'", [Int64(id)!]) == 1)

            // Unscheduled it stays under embargo: publishing now is refused, by the tool and by the database.
            try newsroom.steps([("omar", ["story", "unschedule", id])])
            let now = try newsroom.run(["story", "publish", id], as: "omar")
            #expect(now.status == 1 && now.stderr.contains("is under embargo until"), "\(now)")
            let connection = try newsroom.database.connect()
            do {
                try connection.executeScript("""
                    BEGIN;
                    SELECT set_config('newsroom.actor', 'omar', true);
                    UPDATE stories SET status = 'published', published_at = now(), version = version + 1 WHERE id = \(id);
                    INSERT INTO story_history (story_id, actor, action, from_status, to_status, version) SELECT id, 'omar', 'publish', 'approved', 'published', version FROM stories WHERE id = \(id);
                    COMMIT;
                    """)
                Issue.record("the database published a story under embargo")
            } catch {
                #expect("\(error)".contains("story_published_after_embargo"), "\(error)")
                try? connection.executeScript("ROLLBACK")
            }
            // A schedule before it is refused by the database too.
            do {
                try connection.executeScript("""
                    UPDATE stories SET status = 'scheduled', publish_at = now() + interval '1 hour', scheduled_by = 'omar', version = version + 1 WHERE id = \(id)
                    """)
                Issue.record("the database took a schedule before the embargo")
            } catch {
                #expect("\(error)".contains("story_scheduled_after_embargo"), "\(error)")
            }
            // No ticker line links it before its time: it is not published, nor scheduled before the line.
            let line = try newsroom.run(["ticker", "schedule", "--text", "حكم المحكمة اليوم", "--story", id], as: "omar")
            #expect(line.status == 1, "\(line)")

            // A chief's skip-review cannot go around it either.
            let draft = try newsroom.draft(headline: "خبر عاجل")
            let both = try newsroom.run(["story", "publish", draft, "--skip-review", "--reason", "عاجل", "--embargo-until", "+1h"], as: "huda")
            #expect(both.status == 64 && both.stderr.contains("--skip-review publishes at once"), "\(both)")

            // Past its time it publishes, and a withdrawal drops it; a correction after does not bring it back.
            let other = try approved(newsroom, headline: "خبر آخر")
            // Its embargo passed a minute ago (the clock moved on: written as a restore would, triggers aside).
            try connection.executeScript("""
                SET session_replication_role = replica;
                UPDATE stories SET embargo_until = now() - interval '1 minute' WHERE id = \(other);
                RESET session_replication_role;
                """)
            #expect(try newsroom.run(["story", "publish", other], as: "omar").status == 0)
            try newsroom.steps([("omar", ["story", "edit", other, "--headline", "خبر آخر مصحح", "--correction", "تصحيح"])])
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND embargo_until IS NOT NULL", [Int64(other)!]) == 1)
            try newsroom.steps([("huda", ["story", "withdraw", other, "--reason", "خطأ"])])
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND embargo_until IS NULL AND status = 'withdrawn'", [Int64(other)!]) == 1)
        }
    }

    @Test("the scheduler publishes it at its time, exactly once with several schedulers, never before; readers see it only then")
    func scheduler() throws {
        try NewsroomFixture.with { newsroom in
            let id = try approved(newsroom)
            #expect(try newsroom.run(["story", "publish", id, "--embargo-until", "+3s"], as: "omar").status == 0)
            #expect(try newsroom.run(["scheduler", "run", "--once"]).status == 0)
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND status = 'scheduled'", [Int64(id)!]) == 1, "not before its time")
            #expect(try newsroom.count("SELECT count(*) FROM reader.stories WHERE id = $1", [Int64(id)!]) == 0)
            Thread.sleep(forTimeInterval: 3.2)
            let runs = try (0..<3).map { _ in try NewsroomBinary.start(["scheduler", "run", "--once"], database: newsroom.database.conninfo) }
            for run in runs { #expect(run.wait() == 0) }
            #expect(try newsroom.scheduledPublicationCounts()[Int64(id)!] == 1, "exactly once")
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND published_at >= embargo_until", [Int64(id)!]) == 1)
            #expect(try newsroom.count("SELECT count(*) FROM reader.stories WHERE id = $1", [Int64(id)!]) == 1)
        }
    }
}
