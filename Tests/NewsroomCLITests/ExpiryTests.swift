import Foundation
import PostgresClient
import Testing
import TestSupport

/// Expiry (issue 18): a story set to come off at a time is taken off by the scheduler then,
/// exactly once, in the name of whoever set it.
@Suite("expiry: taken off by the scheduler at the time set, exactly once")
struct ExpiryTests {
    func object(_ run: NewsroomRun) throws -> [String: Any] {
        try #require(try NewsroomFixture.json(run) as? [String: Any], "\(run)")
    }

    func approved(_ newsroom: NewsroomFixture, headline: String = "مؤتمر صحفي اليوم") throws -> String {
        let id = try newsroom.draft(headline: headline)
        try newsroom.steps([("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id]), ("omar", ["story", "approve", id])])
        return id
    }

    @Test("set with a publication or story expire (editors and chiefs, a time to come, after publication); cancelled with --never")
    func rules() throws {
        try NewsroomFixture.with { newsroom in
            let id = try approved(newsroom)
            let past = try newsroom.run(["story", "publish", id, "--expire-at", "2020-01-01 10:00"], as: "omar")
            #expect(past.status == 1 && past.stderr.contains("is in the past"), "\(past)")
            let beforeIt = try newsroom.run(["story", "publish", id, "--at", "+2h", "--expire-at", "+1h"], as: "omar")
            #expect(beforeIt.status == 1 && beforeIt.stderr.contains("is not after its publication"), "\(beforeIt)")
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND status = 'approved'", [Int64(id)!]) == 1, "refusals change nothing")

            let published = try object(try newsroom.run(["story", "publish", id, "--expire-at", "+1d", "--json"], as: "omar"))
            #expect(published["status"] as? String == "published")
            #expect(published["expire_by"] as? String == "omar")
            #expect((published["expire_at"] as? String)?.hasSuffix("Z") == false, "ISO 8601 with the newsroom's offset")
            #expect(try newsroom.count("SELECT count(*) FROM story_history WHERE story_id = $1 AND action = 'publish' AND expires_at IS NOT NULL AND note LIKE 'expires %'", [Int64(id)!]) == 1)

            let reporter = try newsroom.run(["story", "expire", id, "--at", "+2h"], as: "layla")
            #expect(reporter.status == 1 && reporter.stderr.contains("only editors and chiefs may"), "\(reporter)")
            let neither = try newsroom.run(["story", "expire", id], as: "omar")
            #expect(neither.status == 64 && neither.stderr.contains("--never"), "\(neither)")
            #expect(try newsroom.run(["story", "expire", id, "--at", "+2h"], as: "nadia").status == 0)
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND expire_by = 'nadia' AND expire_at > now() + interval '1 hour'", [Int64(id)!]) == 1)
            let shown = try newsroom.run(["story", "show", id], as: "omar")
            #expect(shown.stdout.contains("Expires") && shown.stdout.contains("set by nadia"), "\(shown)")
            #expect(try newsroom.run(["story", "expire", id, "--never"], as: "huda").status == 0)
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND expire_at IS NULL AND expire_by IS NULL AND status = 'published'", [Int64(id)!]) == 1)
            #expect(try newsroom.count("SELECT count(*) FROM story_history WHERE story_id = $1 AND action = 'set_expiry'", [Int64(id)!]) == 2)
            // A chief's withdrawal before then drops it (the database keeps no expiry on a story it did not take off).
            try newsroom.steps([("omar", ["story", "expire", id, "--at", "+3h"]), ("huda", ["story", "withdraw", id, "--reason", "خطأ"])])
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND status = 'withdrawn' AND expire_at IS NULL", [Int64(id)!]) == 1)

            // A scheduled story's expiry goes with it: after its time, and dropped when it is unscheduled.
            let scheduled = try approved(newsroom, headline: "خبر مجدول")
            #expect(try newsroom.run(["story", "publish", scheduled, "--at", "+1h", "--expire-at", "+3h"], as: "omar").status == 0)
            let tooEarly = try newsroom.run(["story", "expire", scheduled, "--at", "+30m"], as: "omar")
            #expect(tooEarly.status == 1 && tooEarly.stderr.contains("is not after its publication"), "\(tooEarly)")
            try newsroom.steps([("omar", ["story", "unschedule", scheduled])])
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND expire_at IS NULL", [Int64(scheduled)!]) == 1)
            let onApproved = try newsroom.run(["story", "expire", scheduled, "--at", "+3h"], as: "omar")
            #expect(onApproved.status == 1 && onApproved.stderr.contains("cannot be done from there"), "\(onApproved)")

            // Nobody but the scheduler writes the expire line; the database keeps an expiry off a draft.
            let gone = try newsroom.run(["story", "expire", id, "--at", "+1h", "--dry-run"], as: "omar")
            #expect(gone.status == 1 && gone.stderr.contains("is withdrawn"), "\(gone)")
            let connection = try newsroom.database.connect()
            let draft = try newsroom.draft(headline: "مسودة")
            let out = try approved(newsroom, headline: "خبر منشور آخر")
            try newsroom.steps([("omar", ["story", "publish", out])])
            for (sql, message) in [
                ("UPDATE stories SET expire_at = now() + interval '1 hour', expire_by = 'omar', version = version + 1 WHERE id = \(draft)", "story_expiry_while_out"),
                ("""
                 SELECT set_config('newsroom.actor', 'huda', true);
                 UPDATE stories SET status = 'withdrawn', withdrawn_at = now(), version = version + 1 WHERE id = \(out);
                 INSERT INTO story_history (story_id, actor, action, from_status, to_status, version, expires_at)
                 SELECT id, 'huda', 'expire', 'published', 'withdrawn', version, now() FROM stories WHERE id = \(out);
                 """, "only the scheduler takes a story off"),
            ] {
                WhoIsActingTests.refused(connection, sql, message)
            }
        }
    }

    @Test("the scheduler takes it off at its time with its ticker lines, once with several schedulers, never before, in the setter's name")
    func scheduler() throws {
        try NewsroomFixture.with { newsroom in
            let id = try approved(newsroom)
            #expect(try newsroom.run(["story", "publish", id, "--expire-at", "+3s"], as: "omar").status == 0)
            let live = try newsroom.run(["ticker", "schedule", "--text", "مؤتمر صحفي الآن", "--story", id, "--for", "1h"], as: "nadia")
            #expect(live.status == 0, "\(live)")
            let coming = try newsroom.run(["ticker", "schedule", "--text", "مؤتمر صحفي بعد قليل", "--story", id, "--from", "+1h", "--for", "1h"], as: "nadia")
            #expect(coming.status == 0, "\(coming)")
            // The setter leaves before it comes off: the scheduler still acts in their name.
            try newsroom.steps([("omar", ["story", "expire", id, "--at", "+3s"])])
            try newsroom.database.connect().executeScript("UPDATE staff SET active = false WHERE handle = 'omar'")

            #expect(try newsroom.run(["scheduler", "run", "--once"]).status == 0)
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND status = 'published'", [Int64(id)!]) == 1, "not before its time")
            let waiting = try newsroom.run(["scheduler", "status"])
            #expect(waiting.stdout.contains("expired, to take off now: 0; next expiry: 20"), "\(waiting)")
            Thread.sleep(forTimeInterval: 3.2)
            let due = try NewsroomFixture.json(try newsroom.run(["scheduler", "status", "--json"])) as? [String: Any]
            #expect(due?["expired_to_take_off"] as? Int == 1, "\(String(describing: due))")
            let runs = try (0..<3).map { _ in try NewsroomBinary.start(["scheduler", "run", "--once"], database: newsroom.database.conninfo) }
            for run in runs { #expect(run.wait() == 0) }
            #expect(try newsroom.count("SELECT count(*) FROM story_history WHERE story_id = $1 AND action = 'expire' AND actor = 'omar' AND expires_at IS NOT NULL", [Int64(id)!]) == 1,
                    "exactly once, in the setter's name")
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND status = 'withdrawn' AND withdrawn_at >= expire_at", [Int64(id)!]) == 1, "never early")
            #expect(try newsroom.count("SELECT count(*) FROM reader.stories WHERE id = $1", [Int64(id)!]) == 0)
            #expect(try newsroom.count("SELECT count(*) FROM ticker_items WHERE story_id = $1 AND (cancelled_at IS NOT NULL OR ends_at <= now())", [Int64(id)!]) == 2,
                    "its ticker lines ended (the live one) and cancelled (the coming one)")
            #expect(try newsroom.count("SELECT count(*) FROM ticker_history h JOIN ticker_items t ON t.id = h.item_id WHERE t.story_id = $1 AND h.action IN ('end', 'cancel') AND h.actor = 'omar'", [Int64(id)!]) == 2)
            let shown = try newsroom.run(["story", "show", id], as: "huda")
            #expect(shown.stdout.contains("Expired") && shown.stdout.contains("set by omar"), "\(shown)")
        }
    }

    @Test("a scheduler that runs late publishes a story whose expiry has passed meanwhile, and takes it off in the same transaction")
    func late() throws {
        try NewsroomFixture.with { newsroom in
            let id = try approved(newsroom)
            // Another story's expiry comes first: one story a batch, the late one is still taken
            // off with its own publication, not after the other.
            let other = try approved(newsroom, headline: "خبر ينتهي قبله")
            #expect(try newsroom.run(["story", "publish", other, "--expire-at", "+1s"], as: "omar").status == 0)
            #expect(try newsroom.run(["story", "publish", id, "--at", "+1s", "--expire-at", "+2s"], as: "omar").status == 0)
            Thread.sleep(forTimeInterval: 2.2)
            let run = try newsroom.run(["scheduler", "run", "--once", "--batch-size", "1"])
            #expect(run.status == 0 && run.stdout == "published 1 story; took off 2 expired stories\n", "\(run)")
            let lines = try newsroom.database.connect().query(
                "SELECT action, at FROM story_history WHERE story_id = $1 ORDER BY id", [Int64(id)!])
            let actions = try lines.map { try $0.decode("action", as: String.self) }
            #expect(actions.suffix(3) == ["schedule", "publish_scheduled", "expire"], "\(actions)")
            // One transaction (one now()): no reader ever saw it published.
            let times = try lines.suffix(2).map { try $0.decode("at", as: Date.self) }
            #expect(times.count == 2 && times[0] == times[1], "\(times)")
        }
    }

    @Test("the scheduler's own login takes an expired story off, and nothing else it was not asked to")
    func schedulerLogin() throws {
        try NewsroomFixture.with { newsroom in
            let login = "le_\(newsroom.database.name.suffix(12))"
            let owner = try newsroom.database.connect()
            try owner.executeScript("CREATE ROLE \(login) LOGIN")
            defer { _ = try? owner.executeScript("DROP OWNED BY \(login); DROP ROLE \(login)") }
            try owner.query("SELECT newsroom_grant_scheduler($1)", [login])
            let due = try approved(newsroom)
            let later = try approved(newsroom, headline: "خبر يبقى")
            try newsroom.steps([("omar", ["story", "publish", due, "--expire-at", "+2s"]), ("omar", ["story", "publish", later, "--expire-at", "+1d"])])
            #expect(try newsroom.run(["ticker", "schedule", "--text", "خبر ينتهي", "--story", due, "--for", "1h"], as: "nadia").status == 0)
            #expect(try newsroom.run(["ticker", "schedule", "--text", "خبر يبقى الآن", "--story", later, "--for", "1h"], as: "nadia").status == 0)
            Thread.sleep(forTimeInterval: 2.2)
            let database = "host='\(try TestCluster.host())' user=\(login) dbname=\(newsroom.database.name)"
            let run = try NewsroomBinary.run(["scheduler", "run", "--once"], database: database)
            #expect(run.status == 0 && run.stdout.contains("took off 1 expired story"), "\(run)")
            let line = try owner.queryOne("SELECT actor, login FROM story_history WHERE story_id = $1 AND action = 'expire'", [Int64(due)!])
            #expect(try line.decode("actor", as: String.self) == "omar")
            #expect(try line.decode("login", as: String.self) == login)

            let scheduler = try PostgresConnection(conninfo: database)
            for (sql, message) in [
                ("""
                 UPDATE stories SET status = 'withdrawn', withdrawn_at = now(), version = version + 1 WHERE id = \(later)
                 """, "or takes one off once it expires"),
                ("UPDATE ticker_items SET cancelled_at = now(), cancelled_by = 'nadia', cancel_reason = 'x' WHERE story_id = \(later)",
                 "or the lines of an expired one"),
            ] {
                WhoIsActingTests.refused(scheduler, sql, message)
            }
        }
    }
}
