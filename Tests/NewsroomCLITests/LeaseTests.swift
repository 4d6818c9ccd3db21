import Foundation
import PostgresClient
import Testing
import TestSupport

/// Edit leases (issue 18): `story edit ID` in the user's editor, the story held while it is open.
@Suite("edit leases: one editor at a time, nobody's change lost")
struct LeaseTests {
    /// `story edit ID` as `actor`, running `editor` (a shell command given the file) in the background.
    func editing(_ newsroom: NewsroomFixture, _ id: String, as actor: String, editor: String, extra: [String] = []) throws -> RunningNewsroom {
        try NewsroomBinary.start(["story", "edit", id] + extra, database: newsroom.database.conninfo,
                                 environment: ["NEWSROOM_AS": actor, "EDITOR": editor, "VISUAL": ""])
    }

    func holding(_ newsroom: NewsroomFixture, _ id: String, by handle: String) throws -> Bool {
        try newsroom.count("SELECT count(*) FROM story_leases WHERE story_id = $1 AND holder = $2 AND expires_at > now()", [Int64(id)!, handle]) == 1
    }

    @Test("the editor's text is saved as a normal edit; an unchanged text or a failed editor saves nothing and keeps the file")
    func saving() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft(headline: "الحكومة تعلن الخطة")
            let saved = try newsroom.run(["story", "edit", id], as: "layla", environment: ["EDITOR": "sed -i 1s/تعلن/تقرر/", "VISUAL": ""])
            #expect(saved.status == 0 && saved.stdout.contains("version 2"), "\(saved)")
            #expect(try newsroom.count("SELECT count(*) FROM story_texts WHERE story_id = $1 AND headline = 'الحكومة تقرر الخطة'", [Int64(id)!]) == 1)
            #expect(try newsroom.count("SELECT count(*) FROM story_leases") == 0, "the lease is given back")
            let same = try newsroom.run(["story", "edit", id], as: "layla", environment: ["EDITOR": "true", "VISUAL": ""])
            #expect(same.status == 0 && same.stdout.contains("unchanged"), "\(same)")
            let failed = try newsroom.run(["story", "edit", id], as: "layla", environment: ["EDITOR": "false", "VISUAL": ""])
            #expect(failed.status == 1 && failed.stderr.contains("the editor exited with status 1"), "\(failed)")
            let kept = try #require(failed.stderr.range(of: #"/[^ )]*newsroom-story-[^ )]*\.txt"#, options: .regularExpression).map { String(failed.stderr[$0]) })
            #expect(FileManager.default.fileExists(atPath: kept), "the text is kept where the message says")
            try? FileManager.default.removeItem(atPath: kept)
            // A text that breaks the file's shape is refused, and kept.
            let malformed = try newsroom.run(["story", "edit", id], as: "layla", environment: ["EDITOR": "sed -i 3s/^$/x/", "VISUAL": ""])
            #expect(malformed.status == 1 && malformed.stderr.contains("needs a blank third line") && malformed.stderr.contains("your text is kept in"),
                    "\(malformed)")
            #expect(try newsroom.count("SELECT version FROM stories WHERE id = $1", [Int64(id)!]) == 2)
        }
    }

    @Test("two editors at once: exactly one holds the lease; the rest are told who and since when (exit 75), in the tool and in the database")
    func oneAtATime() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft(headline: "خبر")
            let first = try editing(newsroom, id, as: "layla", editor: "sleep 2; true")
            let second = try editing(newsroom, id, as: "omar", editor: "sleep 2; true")
            let statuses = [first.wait(), second.wait()]
            #expect(statuses.filter { $0 == 0 }.count == 1 && statuses.filter { $0 == 75 }.count == 1, "\(statuses) \(first.stderr) \(second.stderr)")
            #expect((first.stderr + second.stderr).contains("is being edited by"))

            let held = try editing(newsroom, id, as: "layla", editor: "sleep 3; true")
            #expect(try RunningNewsroom.eventually(seconds: 5) { try holding(newsroom, id, by: "layla") })
            let edit = try newsroom.run(["story", "edit", id, "--headline", "عنوان آخر"], as: "omar")
            #expect(edit.status == 75 && edit.stderr.contains("story \(id) is being edited by layla (since"), "\(edit)")
            let assign = try newsroom.run(["story", "assign", id, "--editor", "omar"], as: "huda")
            #expect(assign.status == 75, "\(assign)")
            let reporter = try newsroom.run(["story", "edit", id, "--take-over"], as: "sami", environment: ["EDITOR": "true", "VISUAL": ""])
            #expect(reporter.status == 1 && reporter.stderr.contains("only editors and chiefs may take over"), "\(reporter)")
            // The database holds everyone else to it, whatever writes.
            let connection = try newsroom.database.connect()
            do {
                try connection.executeScript("""
                    BEGIN; SELECT set_config('newsroom.actor', 'omar', true);
                    UPDATE stories SET editor = 'omar', version = version + 1 WHERE id = \(id);
                    """)
                Issue.record("the database let omar change a story layla holds")
            } catch {
                #expect("\(error)".contains("is being edited by layla"), "\(error)")
            }
            try? connection.executeScript("ROLLBACK")
            #expect(held.wait() == 0)
            #expect(try newsroom.run(["story", "edit", id, "--headline", "عنوان آخر"], as: "omar").status == 0, "free again")
        }
    }

    @Test("a crashed editor's lease runs out on its own; a take-over says so in history and the holder's text is kept")
    func crashAndTakeOver() throws {
        try NewsroomFixture.with { newsroom in
            try newsroom.steps([("adam", ["config", "set", "edit.lease", "3s"])])
            let id = try newsroom.draft(headline: "خبر")
            // `sleep 30; true`: the editor is given the file as its last word (`sleep 30 FILE` fails at once).
            let crashed = try editing(newsroom, id, as: "layla", editor: "sleep 30; true")
            // Generous waits: on a loaded machine starting a process can take seconds.
            #expect(try RunningNewsroom.eventually(seconds: 15) { try holding(newsroom, id, by: "layla") },
                    "running: \(crashed.isRunning); stderr: \(crashed.stderr); stdout: \(crashed.stdout)")
            crashed.signal(SIGKILL)
            #expect(try newsroom.run(["story", "edit", id, "--headline", "عنوان"], as: "omar").status == 75, "still held at first")
            #expect(try RunningNewsroom.eventually(seconds: 10) { try newsroom.run(["story", "edit", id, "--headline", "عنوان"], as: "omar").status == 0 },
                    "free once it ran out")

            // Renewed while the editor runs: held past its three seconds.
            let long = try editing(newsroom, id, as: "layla", editor: "sleep 7; sed -i '1s/عنوان/عنوان ليلى/'")
            #expect(try RunningNewsroom.eventually(seconds: 15) { try holding(newsroom, id, by: "layla") })
            Thread.sleep(forTimeInterval: 4)
            #expect(try holding(newsroom, id, by: "layla"), "renewed")
            // An editor takes it over and saves; layla's save then finds the story moved on, and keeps her text.
            let taken = try newsroom.run(["story", "edit", id, "--take-over"], as: "omar", environment: ["EDITOR": "sed -i '1s/عنوان/عنوان عمر/'", "VISUAL": ""])
            #expect(taken.status == 0 && taken.stderr.contains("took over story \(id) from layla"), "\(taken)")
            #expect(try newsroom.count("SELECT count(*) FROM story_history WHERE story_id = $1 AND note = 'took over the edit from layla'", [Int64(id)!]) == 1)
            #expect(long.wait() == 75 || long.wait() == 1)
            #expect(long.stderr.contains("your text is kept in"), "\(long.stderr)")
            #expect(try newsroom.count("SELECT count(*) FROM story_texts WHERE story_id = $1 AND headline = 'عنوان عمر'", [Int64(id)!]) == 1)
        }
    }

    @Test("the scheduler never waits for a lease, nor does a chief's withdrawal")
    func neverBlocks() throws {
        try NewsroomFixture.with { newsroom in
            let scheduled = try newsroom.draft(headline: "خبر مجدول")
            let published = try newsroom.draft(headline: "خبر منشور")
            try newsroom.steps([
                ("huda", ["story", "assign", scheduled, "--editor", "omar"]), ("layla", ["story", "submit", scheduled]), ("omar", ["story", "approve", scheduled]),
                ("omar", ["story", "publish", scheduled, "--at", "+1s"]),
                ("huda", ["story", "publish", published, "--skip-review", "--reason", "عاجل"]),
            ])
            let onScheduled = try editing(newsroom, scheduled, as: "omar", editor: "sleep 3; sed -i 1s/مجدول/معدل/")
            let onPublished = try editing(newsroom, published, as: "omar", editor: "sleep 3; sed -i 1s/منشور/معدل/", extra: ["--correction", "تصحيح"])
            #expect(try RunningNewsroom.eventually(seconds: 5) { try holding(newsroom, scheduled, by: "omar") && holding(newsroom, published, by: "omar") })
            Thread.sleep(forTimeInterval: 1.2)
            #expect(try newsroom.run(["scheduler", "run", "--once"]).status == 0)
            #expect(try newsroom.count("SELECT count(*) FROM stories WHERE id = $1 AND status = 'published'", [Int64(scheduled)!]) == 1)
            let withdrawn = try newsroom.run(["story", "withdraw", published, "--reason", "خطأ جسيم"], as: "huda")
            #expect(withdrawn.status == 0, "\(withdrawn)")
            for editing in [onScheduled, onPublished] {
                #expect(editing.wait() != 0)
                #expect(editing.stderr.contains("your text is kept in"), "\(editing.stderr)")
            }
        }
    }
}
