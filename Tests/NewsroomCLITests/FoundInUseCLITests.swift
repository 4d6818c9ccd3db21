import Foundation
import PostgresClient
import Testing
import TestSupport

/// Bugs found by using every command with unusual but real input (issue 11), each as a
/// newsroom would meet it.
@Suite("Found in use")
struct FoundInUseCLITests {
    /// A story of layla's that omar approved.
    func approvedStory(_ newsroom: NewsroomFixture) throws -> String {
        let id = try newsroom.draft()
        try newsroom.steps([
            ("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id]), ("omar", ["story", "approve", id]),
        ])
        return id
    }

    func object(_ run: NewsroomRun) throws -> [String: Any] {
        try #require(try NewsroomFixture.json(run) as? [String: Any], "\(run)")
    }

    /// The database's clock moved by `seconds`, as ISO 8601 UTC for `--at`.
    func serverTime(_ newsroom: NewsroomFixture, plus seconds: Int) throws -> String {
        try newsroom.database.connect().queryOne(
            "SELECT to_char((now() + $1 * interval '1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS t", [seconds]
        ).decode("t")
    }

    @Test("without the newsroom's zone on this machine, commands that read or show times refuse; the scheduler goes on")
    func missingTimeZoneData() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-tzdata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let noZones = ["TZDIR": empty.path]
        try NewsroomFixture.with { newsroom in
            try newsroom.database.connect().executeScript("UPDATE settings SET value = 'Asia/Baghdad' WHERE key = 'timezone'")
            let id = try approvedStory(newsroom)
            try newsroom.scheduledBacklog(count: 2, dueIn: -5)
            let before = try newsroom.database.snapshot()
            let publish = try newsroom.run(["story", "publish", id, "--at", "2030-12-01 10:00"], as: "omar", environment: noZones)
            #expect(publish.status == 78, "\(publish)")
            #expect(publish.stderr.contains("Asia/Baghdad") && publish.stderr.contains("tzdata"), "\(publish.stderr)")
            #expect(try newsroom.database.snapshot() == before)
            for arguments in [["story", "show", id], ["story", "list", "--json"], ["story", "history", id], ["ticker", "list"], ["scheduler", "status"]] {
                let run = try newsroom.run(arguments, as: "omar", environment: noZones)
                #expect(run.status == 78 && run.stdout.isEmpty && run.stderr.contains("Asia/Baghdad"), "\(arguments): \(run)")
            }
            // The scheduler works in instants: it publishes what is due.
            let once = try newsroom.run(["scheduler", "run", "--once"], environment: noZones)
            #expect(once.status == 0 && once.stdout.contains("published 2 stories"), "\(once)")
            // With the data, the same schedule goes in at 10:00 Baghdad time, 07:00 UTC.
            #expect(try newsroom.run(["story", "publish", id, "--at", "2030-12-01 10:00"], as: "omar").status == 0)
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND publish_at = '2030-12-01 07:00Z'", [Int64(id)!]) == 1)
        }
    }

    @Test("a time zone is accepted only when PostgreSQL and this machine both know it")
    func zonesBothSidesKnow() throws {
        try NewsroomFixture.with { newsroom in
            let right = try newsroom.run(["config", "set", "timezone", "right/Asia/Baghdad"], as: "huda")
            #expect(right.status == 1 && right.stderr.contains("PostgreSQL does not know"), "\(right)")
            #expect(!right.stderr.contains("trigger"), "\(right.stderr)")
            let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-tzdata-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: empty) }
            let kyiv = try newsroom.run(["config", "set", "timezone", "Europe/Kyiv"], as: "huda", environment: ["TZDIR": empty.path])
            #expect(kyiv.status == 78 && kyiv.stderr.contains("Europe/Kyiv"), "\(kyiv)")
            #expect(try newsroom.count("SELECT count(*) FROM settings WHERE key = 'timezone' AND value = 'UTC'") == 1)
            #expect(try newsroom.run(["config", "set", "timezone", "Europe/Kyiv"], as: "huda").status == 0)
        }
    }

    @Test("times past the year 9999 or before the year 1 are refused; such rows stored earlier stay readable and cancellable")
    func farTimes() throws {
        try NewsroomFixture.with { newsroom in
            let id = try approvedStory(newsroom)
            let cases: [([String], String)] = [
                (["ticker", "schedule", "--text", "x", "--from", "9999-12-31 23:00", "--for", "2h"], "from: is after"),
                (["ticker", "schedule", "--text", "x", "--from", "9999-12-30 22:00", "--for", "4h"], "until: the line would end after the year 9999"),
                (["story", "publish", id, "--at", "+3000000d"], "at: is after"),
                (["ticker", "list", "--at", "0001-01-01 00:00+05:00"], "at: is before the year 1"),
                (["ticker", "list", "--at", "0000-06-01 10:00"], "at: is before the year 1"),
            ]
            let before = try newsroom.database.snapshot()
            for (arguments, fragment) in cases {
                let run = try newsroom.run(arguments, as: "omar")
                #expect(run.status == 1 && run.stderr.contains(fragment), "\(arguments): \(run)")
                #expect(!run.stderr.contains("DateStyle") && !run.stderr.contains("out of range"), "\(run.stderr)")
            }
            #expect(try newsroom.database.snapshot() == before)

            // A line that ends in the year 10000, stored before these checks (or by another client).
            let connection = try newsroom.database.connect()
            let line: Int64 = try connection.transaction {
                try connection.query("SELECT set_config('newsroom.actor', 'omar', true)")
                try connection.query("SELECT set_config('session_replication_role', 'replica', true)")  // today's checks refuse it
                let line: Int64 = try connection.queryOne(
                    "INSERT INTO ticker_items (text, starts_at, ends_at, created_by) VALUES ('بعيد', '9999-12-31 23:00Z', '10000-01-01 01:00Z', 'omar') RETURNING id"
                ).decode("id")
                try connection.query("INSERT INTO ticker_history (item_id, actor, action, ends_after) VALUES ($1, 'omar', 'schedule', '10000-01-01 01:00Z')", [line])
                return line
            }
            for arguments in [["ticker", "list", "--upcoming"], ["ticker", "list", "--all", "--json"], ["ticker", "show", String(line)]] {
                let run = try newsroom.run(arguments)
                #expect(run.status == 0 && run.stdout.contains("+10000-01-01"), "\(arguments): \(run)")
            }
            let cancel = try newsroom.run(["ticker", "cancel", String(line), "--reason", "خطأ في التاريخ"], as: "omar")
            #expect(cancel.status == 0, "\(cancel)")
            #expect(try newsroom.count("SELECT count(*) FROM ticker_items WHERE id = $1 AND cancelled_at IS NOT NULL", [line]) == 1)
        }
    }

    @Test("a due story someone holds does not make the scheduler spin")
    func heldStoryDoesNotSpin() throws {
        try NewsroomFixture.with { newsroom in
            let ids = try newsroom.scheduledBacklog(count: 1, dueIn: -5)
            let holder = try newsroom.holdStoryLock(String(ids[0]))
            func transactions() throws -> Int {
                try newsroom.count("SELECT (xact_commit + xact_rollback)::int FROM pg_stat_database WHERE datname = current_database()")
            }
            let before = try transactions()
            let scheduler = try NewsroomBinary.start(["scheduler", "run"], database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 10) { scheduler.stderr.contains("held by another session") }, "\(scheduler.stderr)")
            usleep(3_000_000)
            try holder.executeScript("ROLLBACK")
            // Once it is let go, it goes out (exactly once), without a NOTIFY to wake the scheduler.
            #expect(try RunningNewsroom.eventually(seconds: 15) { try newsroom.scheduledPublicationCounts() == [ids[0]: 1] })
            scheduler.signal(SIGTERM)
            #expect(scheduler.wait() == 0)
            // A spinning scheduler ran thousands of transactions a second; one that backs off, a few dozen in all.
            let spent = try transactions() - before
            #expect(spent < 300, "the scheduler ran \(spent) transactions while the story was held")
        }
    }

    @Test("a correction and a withdrawal keep when, and by whom, a story was scheduled")
    func scheduleFactsKept() throws {
        try NewsroomFixture.with { newsroom in
            let id = String(try newsroom.scheduledBacklog(count: 1, dueIn: -1)[0])
            #expect(try newsroom.run(["scheduler", "run", "--once"]).status == 0)
            let published = try object(try newsroom.run(["story", "show", id, "--json"]))
            let publishAt = try #require(published["publish_at"] as? String)
            try newsroom.steps([
                ("omar", ["story", "edit", id, "--headline", "عنوان مصحح", "--correction", "تصحيح الاسم"]),
                ("huda", ["story", "withdraw", id, "--reason", "طلب قانوني"]),
            ])
            let withdrawn = try object(try newsroom.run(["story", "show", id, "--json"]))
            #expect(withdrawn["status"] as? String == "withdrawn")
            #expect(withdrawn["publish_at"] as? String == publishAt)
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND scheduled_by = 'omar'", [Int64(id)!]) == 1)
        }
    }
}
