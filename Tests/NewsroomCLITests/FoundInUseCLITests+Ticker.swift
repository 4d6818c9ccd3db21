import Foundation
import PostgresClient
import Testing
import TestSupport

// Found in use: the ticker's listings, inactive editors, messages, smaller things.
extension FoundInUseCLITests {
    @Test("ticker list --at in the past shows a line cancelled later; listings page with --limit and --after")
    func tickerListAsOfAndPages() throws {
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            // Written two hours ago and cancelled an hour ago: the database refuses a start in the past today.
            let cancelledLater: Int64 = try connection.transaction {
                try connection.query("SELECT set_config('session_replication_role', 'replica', true)")
                return try connection.queryOne(
                    """
                    INSERT INTO ticker_items (text, starts_at, ends_at, created_by, cancelled_at, cancelled_by)
                    VALUES ('كان على الشريط', now() - interval '2 hours', now() + interval '2 hours', 'omar', now() - interval '1 hour', 'omar')
                    RETURNING id
                    """
                ).decode("id")
            }
            func ids(_ run: NewsroomRun) throws -> [Int64] {
                let items = try #require(try NewsroomFixture.json(run) as? [[String: Any]], "\(run)")
                return items.compactMap { ($0["id"] as? NSNumber)?.int64Value }
            }
            let then = try newsroom.run(["ticker", "list", "--json", "--at", try serverTime(newsroom, plus: -5400)])
            #expect(try ids(then) == [cancelledLater])
            #expect(try ids(try newsroom.run(["ticker", "list", "--json"])).isEmpty)

            var scheduled: [Int64] = []
            for minutes in 1...5 {
                let run = try newsroom.run(["ticker", "schedule", "--text", "سطر \(minutes)", "--from", "+\(minutes * 10)m"], as: "omar")
                scheduled.append(Int64(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
            }
            var seen: [Int64] = []
            var after: [String] = []
            for _ in 0..<3 {
                let page = try newsroom.run(["ticker", "list", "--upcoming", "--json", "--limit", "٢"] + after)
                #expect(page.status == 0, "\(page)")
                let pageIDs = try ids(page)
                seen += pageIDs
                if seen.count < 5 {
                    #expect(page.stderr.contains("--after \(pageIDs.last ?? 0)"), "\(page.stderr)")
                } else {
                    #expect(page.stderr.isEmpty, "\(page.stderr)")
                }
                after = ["--after", String(pageIDs.last ?? 0)]
            }
            #expect(seen == scheduled)
            let unknown = try newsroom.run(["ticker", "list", "--after", "999999"])
            #expect(unknown.status == 1 && unknown.stderr.contains("no ticker item 999999"), "\(unknown)")
        }
    }

    @Test("nobody submits or restores a story to an editor who is no longer active, in Swift or in SQL")
    func inactiveEditor() throws {
        try NewsroomFixture.with { newsroom in
            let waiting = try newsroom.draft()
            let spiked = try newsroom.draft()
            try newsroom.steps([
                ("huda", ["story", "assign", waiting, "--editor", "omar"]),
                ("huda", ["story", "assign", spiked, "--editor", "omar"]),
                ("huda", ["story", "spike", spiked]),
                ("adam", ["staff", "deactivate", "omar"]),
            ])
            let before = try newsroom.database.snapshot()
            let submit = try newsroom.run(["story", "submit", waiting], as: "layla")
            #expect(submit.status == 1 && submit.stderr.contains("omar is no longer active") && submit.stderr.contains("story assign \(waiting)"), "\(submit)")
            let restore = try newsroom.run(["story", "restore", spiked], as: "huda")
            #expect(restore.status == 1 && restore.stderr.contains("story restore \(spiked) --editor"), "\(restore)")
            #expect(try newsroom.database.snapshot() == before)

            // Another client, straight in SQL, is refused by the database.
            let connection = try newsroom.database.connect()
            #expect(throws: PostgresError.self) {
                try connection.transaction {
                    try connection.query("SELECT set_config('newsroom.actor', 'layla', true)")
                    try connection.query("UPDATE stories SET status = 'in_review', submitted_at = now(), version = version + 1 WHERE id = $1", [Int64(waiting)!])
                    try connection.query(
                        "INSERT INTO story_history (story_id, actor, action, from_status, to_status, version) VALUES ($1, 'layla', 'submit', 'draft', 'in_review', 2)",
                        [Int64(waiting)!]
                    )
                }
            }
            #expect(try newsroom.database.snapshot() == before)

            try newsroom.steps([
                ("huda", ["story", "assign", waiting, "--editor", "nadia"]), ("layla", ["story", "submit", waiting]),
                ("huda", ["story", "restore", spiked, "--editor", "nadia"]),
            ])
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE editor = 'nadia' AND status IN ('in_review', 'draft')") == 2)
        }
    }

    @Test("a wrong environment setting is a configuration error naming it; a missing database or a login without rights says so")
    func messagesThatSendPeopleTheRightWay() throws {
        try NewsroomFixture.with { newsroom in
            let cases: [([String: String], String)] = [
                (["NEWSROOM_LOCK_TIMEOUT": "abc"], "NEWSROOM_LOCK_TIMEOUT"),
                (["NEWSROOM_LOCK_TIMEOUT": "99999999999"], "NEWSROOM_LOCK_TIMEOUT"),
                (["NEWSROOM_LOCK_TIMEOUT": "-1"], "NEWSROOM_LOCK_TIMEOUT"),
                (["NEWSROOM_CONNECT_TIMEOUT": "abc"], "NEWSROOM_CONNECT_TIMEOUT"),
            ]
            for (environment, name) in cases {
                let run = try newsroom.run(["story", "list"], environment: environment)
                #expect(run.status == 78 && run.stderr.contains(name) && !run.stderr.contains("Is the server running"), "\(environment): \(run)")
            }
            for value in ["0", "250ms", "2min", "٥s"] {
                let run = try newsroom.run(["story", "list"], environment: ["NEWSROOM_LOCK_TIMEOUT": value])
                #expect(run.status == 0, "\(value): \(run)")
            }
            let host = try TestCluster.host()
            let missing = try NewsroomBinary.run(["story", "list"], database: "host='\(host)' user=newsroom dbname=no_such_newsroom")
            #expect(missing.status == 69 && missing.stderr.contains("\"no_such_newsroom\" does not exist") && missing.stderr.contains("createdb"), "\(missing)")

            let role = "outsider_\(newsroom.database.name)"
            let admin = try newsroom.database.connect()
            try admin.executeScript("CREATE ROLE \(role) LOGIN")
            defer { _ = try? admin.executeScript("DROP OWNED BY \(role); DROP ROLE \(role)") }
            let outsider = try NewsroomBinary.run(["story", "list"], database: "host='\(host)' user=\(role) dbname=\(newsroom.database.name)")
            #expect(outsider.status == 1 && outsider.stderr.contains("permission denied") && outsider.stderr.contains("owner"), "\(outsider)")
        }
    }

    @Test("a ticker line for a story withdrawn at the same moment gets the tool's own refusal")
    func tickerLineRacingAWithdrawal() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            try newsroom.steps([("huda", ["story", "publish", id, "--skip-review", "--reason", "عاجل"])])
            let holder = try newsroom.holdStoryLock(id)
            let (command, waiting) = try newsroom.startBlocked(["ticker", "schedule", "--text", "مرتبط", "--story", id], as: "omar")
            #expect(waiting, "ticker schedule should wait for the story's row")
            try holder.query("SELECT set_config('newsroom.actor', 'huda', true)")
            try holder.query("UPDATE stories SET status = 'withdrawn', withdrawn_at = now(), version = version + 1 WHERE id = $1", [Int64(id)!])
            try holder.query(
                "INSERT INTO story_history (story_id, actor, action, from_status, to_status, version, note) VALUES ($1, 'huda', 'withdraw', 'published', 'withdrawn', 3, 'سحب')",
                [Int64(id)!]
            )
            try holder.executeScript("COMMIT")
            #expect(command.wait() == 1)
            #expect(command.stderr.contains("story \(id) is withdrawn") && !command.stderr.contains("still points"), "\(command.stderr)")
            #expect(try newsroom.count("SELECT count(*) FROM ticker_items WHERE story_id = $1", [Int64(id)!]) == 0)
        }
    }

    @Test("smaller things: a BOM, dry runs of the scheduler and migrate, full JSON, Arabic-Indic --limit")
    func smallerThings() throws {
        try NewsroomFixture.with { newsroom in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("bom-\(UUID().uuidString).txt")
            try Data([0xEF, 0xBB, 0xBF] + Array("نص الخبر".utf8)).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let created = try newsroom.run(["draft", "create", "--headline", "عنوان", "--section", "politics", "--body-file", file.path], as: "layla")
            let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try object(try newsroom.run(["story", "show", id, "--json"]))["body"] as? String == "نص الخبر")

            try newsroom.scheduledBacklog(count: 3, dueIn: -5)
            let dry = try newsroom.run(["scheduler", "run", "--once", "--dry-run"])
            #expect(dry.status == 0 && dry.stdout.contains("3 stories would be published"), "\(dry)")
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE status = 'scheduled'") == 3)

            let history = try #require(try NewsroomFixture.json(try newsroom.run(["story", "history", id, "--json"])) as? [[String: Any]])
            #expect(!history.isEmpty && history.allSatisfy { $0.keys.contains("scheduled_for") && $0.keys.contains("note") })

            let line = try newsroom.run(["ticker", "schedule", "--text", "سطر"], as: "omar").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let shown = try object(try newsroom.run(["ticker", "show", line, "--json"]))
            let lineHistory = try #require(shown["history"] as? [[String: Any]])
            #expect(lineHistory.first?["action"] as? String == "schedule")

            let limited = try newsroom.run(["story", "list", "--limit", "١", "--json"])
            let listed = try NewsroomFixture.json(limited) as? [Any]
            #expect(limited.status == 0 && listed?.count == 1, "\(limited)")
            #expect(limited.stderr.contains("more stories"), "\(limited.stderr)")
        }
        try TestCluster.withDatabase(migrated: false) { database in
            let dry = try NewsroomBinary.run(["migrate", "--dry-run"], database: database.conninfo)
            #expect(dry.status == 0 && dry.stdout.contains("would apply 0001_foundation") && dry.stdout.contains("nothing changed"), "\(dry)")
            let status = try NewsroomBinary.run(["migrate", "--status"], database: database.conninfo)
            #expect(!status.stdout.contains("applied ") && status.stdout.contains("pending  0001_foundation"), "\(status)")
        }
    }
}
