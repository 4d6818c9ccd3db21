import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite("newsroom scheduler")
struct SchedulerCLITests {
    @Test("four schedulers started together publish every due story exactly once")
    func fourSchedulers() throws {
        try NewsroomFixture.with { newsroom in
            let ids = try newsroom.scheduledBacklog(count: 400, dueIn: -1)
            let runs = Locked<[NewsroomRun]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                let run = (try? newsroom.run(["scheduler", "run", "--once", "--batch-size", "25"])) ?? .failed
                runs.withLock { $0.append(run) }
            }
            let results = runs.withLock { $0 }
            #expect(results.allSatisfy { $0.status == 0 }, "\(results)")
            let printed = results.compactMap { Int($0.stdout.split(separator: " ").dropFirst().first ?? "") }
            #expect(printed.reduce(0, +) == 400, "\(results.map(\.stdout))")
            let counts = try newsroom.scheduledPublicationCounts()
            #expect(counts.count == 400)
            #expect(counts.values.allSatisfy { $0 == 1 })
            #expect(Set(counts.keys) == Set(ids))
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE status = 'published'") == 400)
        }
    }

    @Test("a scheduler killed with SIGKILL mid-backlog leaves nothing half-done; the next run finishes")
    func killedMidBacklog() throws {
        try NewsroomFixture.with { newsroom in
            let total = 4000
            try newsroom.scheduledBacklog(count: total, dueIn: -1)
            let scheduler = try NewsroomBinary.start(["scheduler", "run", "--batch-size", "5"], database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 30) { scheduler.stdout.contains("published story") })
            scheduler.signal(SIGKILL)
            _ = scheduler.wait()
            let published = try newsroom.count("SELECT count(*) FROM stories WHERE status = 'published'")
            #expect(published > 0 && published < total, "killed mid-backlog: \(published) of \(total)")
            // Every published story has its one history line, and no scheduled one has any.
            #expect(try newsroom.count("SELECT count(*) FROM story_history WHERE action = 'publish_scheduled'") == published)
            #expect(try newsroom.count(
                "SELECT count(*) FROM stories s WHERE s.status = 'scheduled' AND EXISTS (SELECT 1 FROM story_history h WHERE h.story_id = s.id AND h.action = 'publish_scheduled')"
            ) == 0)

            let rest = try newsroom.run(["scheduler", "run", "--once"])
            #expect(rest.status == 0)
            #expect(rest.stdout == "published \(total - published) stories\n")
            let counts = try newsroom.scheduledPublicationCounts()
            #expect(counts.count == total)
            #expect(counts.values.allSatisfy { $0 == 1 })
        }
    }

    @Test("a story whose time passed with no scheduler running goes out on the next run, both times in history")
    func missedSchedule() throws {
        try NewsroomFixture.with { newsroom in
            let id = try #require(try newsroom.scheduledBacklog(count: 1, dueIn: -3600).first)
            let status = try newsroom.run(["scheduler", "status"])
            #expect(status.stdout.contains("due now: 1, the oldest 1h0m late"), "\(status)")
            let run = try newsroom.run(["scheduler", "run", "--once"])
            #expect(run.stdout == "published 1 story\n", "\(run)")
            let history = try #require(try NewsroomFixture.json(try newsroom.run(["story", "history", String(id), "--json"])) as? [[String: Any]])
            let last = try #require(history.last)
            #expect(last["action"] as? String == "publish_scheduled")
            #expect(last["actor"] as? String == "omar", "on behalf of whoever scheduled it")
            let connection = try newsroom.database.connect()
            let gap: String = try connection.queryOne(
                "SELECT round(extract(epoch FROM at - scheduled_for))::text AS s FROM story_history WHERE story_id = $1 AND action = 'publish_scheduled'",
                [id]
            ).decode("s")
            #expect(Int(gap).map { (3599...3700).contains($0) } == true, "went out an hour late: \(gap)s")
            #expect(last["scheduled_for"] is String)
            let again = try newsroom.run(["scheduler", "run", "--once"])
            #expect(again.stdout == "published 0 stories\n")
        }
    }

    /// An approved story (by layla, edited by omar), ready to schedule.
    func approvedStory(_ newsroom: NewsroomFixture) throws -> String {
        let id = try newsroom.draft()
        try newsroom.steps([
            ("huda", ["story", "assign", id, "--editor", "omar"]),
            ("layla", ["story", "submit", id]),
            ("omar", ["story", "approve", id]),
        ])
        return id
    }

    @Test("a running scheduler wakes for a new schedule (NOTIFY), publishes it on time, and stops cleanly on SIGTERM")
    func wakesUpForNewSchedules() throws {
        try NewsroomFixture.with { newsroom in
            let id = try approvedStory(newsroom)
            // Nothing is scheduled, so without a wake-up it would sleep its full 60 seconds.
            let scheduler = try NewsroomBinary.start(["scheduler", "run"], database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 10) { scheduler.stderr.contains("watching") }, "listening before we schedule")
            let schedule = try newsroom.run(["story", "publish", id, "--at", "+1s"], as: "omar")
            #expect(schedule.status == 0, "\(schedule)")
            #expect(RunningNewsroom.eventually(seconds: 8) { scheduler.stdout.contains("published story \(id)") }, "\(scheduler.stderr)")
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND status = 'published'", [Int(id)!]) == 1)
            scheduler.signal(SIGTERM)
            #expect(scheduler.wait(seconds: 10) == 0)
        }
    }

    @Test("unscheduling or editing a scheduled story before its time means it is never published")
    func changesBeforeTheTime() throws {
        try NewsroomFixture.with { newsroom in
            let unscheduled = try approvedStory(newsroom)
            let edited = try approvedStory(newsroom)
            let scheduler = try NewsroomBinary.start(["scheduler", "run"], database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 10) { scheduler.stderr.contains("watching") }, "listening before we schedule")
            try newsroom.steps([
                ("omar", ["story", "publish", unscheduled, "--at", "+2s"]),
                ("omar", ["story", "publish", edited, "--at", "+2s"]),
                ("omar", ["story", "unschedule", unscheduled]),
                ("omar", ["story", "edit", edited, "--headline", "عنوان لم يُعتمد بعد"]),
            ])
            usleep(3_000_000)
            #expect(try newsroom.count("SELECT count(*) FROM story_history WHERE action = 'publish_scheduled'") == 0)
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND status = 'approved'", [Int(unscheduled)!]) == 1)
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND status = 'in_review'", [Int(edited)!]) == 1)
            scheduler.signal(SIGINT)
            #expect(scheduler.wait(seconds: 10) == 0)
            #expect(!scheduler.stdout.contains("published story"))
        }
    }

    @Test("the scheduler survives its connection being cut: it says so, reconnects, and carries on")
    func survivesDisconnect() throws {
        try NewsroomFixture.with { newsroom in
            let id = try approvedStory(newsroom)
            let scheduler = try NewsroomBinary.start(["scheduler", "run"], database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 10) { scheduler.stderr.contains("watching") })
            let killed = try newsroom.count(
                """
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                 WHERE datname = current_database() AND application_name = 'newsroom' AND pid <> pg_backend_pid()
                """
            )
            #expect(killed == 1)
            #expect(RunningNewsroom.eventually(seconds: 10) {
                scheduler.stderr.contains("unreachable") && scheduler.stderr.components(separatedBy: "watching").count == 3
            }, "\(scheduler.stderr)")
            try newsroom.steps([("omar", ["story", "publish", id, "--at", "+1s"])])
            #expect(RunningNewsroom.eventually(seconds: 8) { scheduler.stdout.contains("published story \(id)") }, "\(scheduler.stderr)")
            scheduler.signal(SIGTERM)
            #expect(scheduler.wait(seconds: 10) == 0)
        }
    }
}
