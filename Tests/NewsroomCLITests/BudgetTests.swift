import Foundation
import PostgresClient
import Testing
import TestSupport

/// The budget (issue 18): planning kept apart from the schedule.
@Suite("the budget: lines, due times, priorities and the day's budget")
struct BudgetTests {
    func json(_ run: NewsroomRun) throws -> [String: Any] {
        try #require(try NewsroomFixture.json(run) as? [String: Any], "\(run)")
    }

    @Test("who plans, what a change keeps, placeholders, and what the database refuses")
    func planning() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft(headline: "الموازنة في البرلمان")
            // The author plans her own story; a field at a time, the others kept.
            var run = try newsroom.run(["story", "budget", id, "--line", "تصويت البرلمان على الموازنة وما بعده", "--priority", "high", "--json"], as: "layla")
            #expect(run.status == 0, "\(run)")
            run = try newsroom.run(["story", "budget", id, "--due", "+2h", "--planned", "tomorrow", "--json"], as: "omar")
            let entry = try json(run)
            #expect(entry["line"] as? String == "تصويت البرلمان على الموازنة وما بعده")
            #expect(entry["priority"] as? String == "high")
            #expect(entry["set_by"] as? String == "omar")
            #expect((entry["due_at"] as? String)?.range(of: #"[+-][0-9]{2}:[0-9]{2}$"#, options: .regularExpression) != nil, "ISO 8601 with an offset")
            let cleared = try json(try newsroom.run(["story", "budget", id, "--no-due", "--json"], as: "huda"))
            #expect(cleared["due_at"] is NSNull && cleared["planned_for"] as? String == entry["planned_for"] as? String)
            #expect(try newsroom.count("SELECT count(*) FROM story_budget WHERE story_id = $1", [Int64(id)!]) == 3, "every change is an entry")

            // Not another reporter's story, not an admin's; a dry run keeps nothing.
            let other = try newsroom.run(["story", "budget", id, "--line", "x"], as: "sami")
            #expect(other.status == 1 && other.stderr.contains("may not plan this story"), "\(other)")
            let admin = try newsroom.run(["story", "budget", id, "--line", "x"], as: "adam")
            #expect(admin.status == 1, "\(admin)")
            let before = try newsroom.database.snapshot()
            let dry = try newsroom.run(["story", "budget", id, "--priority", "top", "--dry-run"], as: "omar")
            #expect(dry.status == 0 && dry.stderr.contains("dry run"), "\(dry)")
            #expect(try newsroom.database.snapshot() == before)

            // A placeholder: a story without a body, with its budget, in one step.
            let placeholder = try newsroom.run(["draft", "create", "--budget-only", "--headline", "مؤتمر صحفي للوزير", "--section", "security",
                                                "--line", "ما سيقوله الوزير عن الانتخابات", "--due", "+1h"], as: "sami")
            #expect(placeholder.status == 0, "\(placeholder)")
            let placeholderID = placeholder.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try newsroom.count("SELECT count(*) FROM story_texts WHERE story_id = $1 AND body = ''", [Int64(placeholderID)!]) == 1)
            #expect(try newsroom.count("SELECT count(*) FROM story_budget WHERE story_id = $1", [Int64(placeholderID)!]) == 1)
            let noLine = try newsroom.run(["draft", "create", "--budget-only", "--headline", "x", "--section", "politics"], as: "sami")
            #expect(noLine.status == 64 && noLine.stderr.contains("--line"), "\(noLine)")

            // The database refuses what the rules refuse, with no tool in between.
            let connection = try newsroom.database.connect()
            for (sql, message) in [
                ("INSERT INTO story_budget (story_id, line, set_by) VALUES (\(id), 'x', 'sami')", "may not plan story"),
                ("INSERT INTO story_budget (story_id, line, set_by) VALUES (\(id), 'x', 'adam')", "may not plan story"),
                ("INSERT INTO story_budget (story_id, priority, set_by) VALUES (\(id), 'urgent', 'omar')", "story_budget_priority_known"),
                ("INSERT INTO story_budget (story_id, line, set_by) VALUES (\(id), E'سطر\\nآخر', 'omar')", "story_budget_line_is_line"),
                ("UPDATE story_budget SET line = 'غير ذلك'", "story_budget is append-only"),
            ] {
                do {
                    try connection.executeScript(sql)
                    Issue.record("the database allowed: \(sql)")
                } catch {
                    #expect("\(error)".contains(message), "\(sql): \(error)")
                }
            }
        }
    }

    @Test("the day's budget: per section, planned or due that day in the newsroom's zone, overdue copy marked, spiked left out")
    func day() throws {
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            try connection.executeScript("UPDATE settings SET value = 'Asia/Baghdad' WHERE key = 'timezone'")
            let planned = try newsroom.draft(headline: "خبر مخطط")
            let lateEvening = try newsroom.draft(headline: "خبر مساء", section: "security")
            let nextDay = try newsroom.draft(headline: "خبر الغد")
            let late = try newsroom.draft(headline: "خبر متأخر")
            let killed = try newsroom.draft(headline: "خبر ملغى")
            try newsroom.steps([
                ("omar", ["story", "budget", planned, "--line", "سطر الخطة", "--planned", "2025-03-10", "--priority", "low"]),
                // 23:30 in Baghdad is still 10 March there (20:30 UTC).
                ("omar", ["story", "budget", lateEvening, "--line", "سطر المساء", "--due", "2025-03-10 23:30"]),
                // 01:00 on 11 March in Baghdad is 22:00 UTC on 10 March: the next day's.
                ("omar", ["story", "budget", nextDay, "--line", "سطر الغد", "--due", "2025-03-11 01:00"]),
                ("omar", ["story", "budget", late, "--line", "سطر متأخر", "--due", "2025-03-10 09:00", "--priority", "top"]),
                ("omar", ["story", "budget", killed, "--line", "سطر ملغى", "--planned", "2025-03-10"]),
                ("omar", ["story", "spike", killed, "--reason", "لا حاجة"]),
            ])
            let budget = try json(try newsroom.run(["budget", "--date", "2025-03-10", "--json"], as: "huda"))
            #expect(budget["date"] as? String == "2025-03-10")
            let sections = try #require(budget["sections"] as? [[String: Any]])
            #expect(sections.map { $0["section"] as? String } == ["politics", "security"])
            let politics = try #require(sections[0]["stories"] as? [[String: Any]]).map { String($0["id"] as! Int) }
            #expect(politics == [late, planned], "top before low; the next day's and the spiked left out")
            let security = try #require(sections[1]["stories"] as? [[String: Any]]).map { String($0["id"] as! Int) }
            #expect(security == [lateEvening])
            let first = try #require(sections[0]["stories"] as? [[String: Any]])[0]
            #expect(first["overdue"] as? Bool == true, "due at 09:00 on a day gone by, still a draft")
            #expect((first["budget"] as? [String: Any])?["line"] as? String == "سطر متأخر")

            let next = try json(try newsroom.run(["budget", "--date", "2025-03-11", "--json"], as: "huda"))
            let nextStories = (next["sections"] as? [[String: Any]])?.flatMap { ($0["stories"] as? [[String: Any]]) ?? [] }.map { String($0["id"] as! Int) }
            #expect(nextStories == [nextDay])

            // Filed for review: no longer overdue. One section; the printed budget.
            try newsroom.steps([("huda", ["story", "assign", late, "--editor", "omar"]), ("layla", ["story", "submit", late])])
            let text = try newsroom.run(["budget", "--date", "2025-03-10", "--section", "politics"], as: "huda")
            #expect(text.status == 0, "\(text)")
            #expect(text.stdout.contains("budget for 2025-03-10 (Asia/Baghdad)") && text.stdout.contains("سطر متأخر") && !text.stdout.contains("OVERDUE"),
                    "\(text.stdout)")
            #expect(!text.stdout.contains("سطر المساء"))
            let nowhere = try newsroom.run(["budget", "--section", "sport"], as: "huda")
            #expect(nowhere.status == 1 && nowhere.stderr.contains("no section sport"), "\(nowhere)")
            let empty = try newsroom.run(["budget", "--date", "2030-01-01"], as: "huda")
            #expect(empty.stdout.contains("nothing on the budget for 2030-01-01"))
        }
    }

    @Test("story list --day: the stories last changed on that day of the newsroom's zone, midnight to midnight there")
    func listByDay() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft(headline: "خبر اليوم")
            // Now is one day at UTC+14 and another at UTC-12 (they are 26 hours apart): the
            // story is on the first day in the first zone, on the second in the second.
            func day(_ offset: Int) -> String {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(secondsFromGMT: offset * 3600)!
                let parts = calendar.dateComponents([.year, .month, .day], from: Date())
                return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            }
            func ids(_ day: String) throws -> [String] {
                let run = try newsroom.run(["story", "list", "--day", day, "--json"])
                #expect(run.status == 0, "\(run)")
                return (try NewsroomFixture.json(run) as? [[String: Any]] ?? []).compactMap { ($0["id"] as? Int).map(String.init) }
            }
            let (east, west) = (day(14), day(-12))
            #expect(east != west)
            for (zone, here, there) in [("Etc/GMT-14", east, west), ("Etc/GMT+12", west, east)] {
                #expect(try newsroom.run(["config", "set", "timezone", zone]).status == 0)
                #expect(try ids(here) == [id], "\(zone): \(here)")
                #expect(try ids(there).isEmpty, "\(zone): \(there)")
            }
            let bad = try newsroom.run(["story", "list", "--day", "2026-02-30"])
            #expect(bad.status != 0 && bad.stderr.contains("not a real date"), "\(bad)")
        }
    }
}
