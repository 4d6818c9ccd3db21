import Foundation
import Testing
import TestSupport

@Suite("newsroom ticker")
struct TickerCLITests {
    /// A published story by layla, edited by omar.
    func publishedStory(_ newsroom: NewsroomFixture) throws -> String {
        let id = try newsroom.draft()
        try newsroom.steps([
            ("huda", ["story", "assign", id, "--editor", "omar"]),
            ("layla", ["story", "submit", id]),
            ("omar", ["story", "approve", id]),
            ("omar", ["story", "publish", id]),
        ])
        return id
    }

    func schedule(_ newsroom: NewsroomFixture, _ arguments: [String], as actor: String = "omar") throws -> String {
        let run = try newsroom.run(["ticker", "schedule"] + arguments, as: actor)
        guard run.status == 0 else { throw FixtureFailure(message: "ticker schedule \(arguments): \(run)") }
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func items(_ newsroom: NewsroomFixture, _ arguments: [String] = []) throws -> [[String: Any]] {
        let run = try newsroom.run(["ticker", "list", "--json"] + arguments)
        guard run.status == 0 else { throw FixtureFailure(message: "ticker list: \(run)") }
        return try #require(try NewsroomFixture.json(run) as? [[String: Any]])
    }

    @Test("the sample page's five lines round-trip byte for byte, urgent first, then the most recent start")
    func sampleLines() throws {
        let lines = try String(contentsOf: Samples.folder.appendingPathComponent("ticker-items.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        try NewsroomFixture.with { newsroom in
            var ids: [String] = []
            for (index, line) in lines.enumerated() {
                ids.append(try schedule(newsroom, ["--text", line] + (index == 1 ? ["--urgent"] : [])))
            }
            let live = try items(newsroom)
            #expect(live.count == 5)
            #expect(live.first?["id"] as? Int == Int(ids[1]), "the urgent line leads")
            #expect(live.dropFirst().compactMap { $0["id"] as? Int } == ids.enumerated().filter { $0.offset != 1 }.map { Int($0.element)! }.reversed())
            for item in live {
                let id = try #require(item["id"] as? Int)
                let text = try #require(item["text"] as? String)
                #expect(Array(text.utf8) == Array(lines[ids.firstIndex(of: String(id))!].utf8))
                #expect(item["state"] as? String == "live")
                #expect(item["story_id"] is NSNull)
                #expect(item["created_by"] as? String == "omar")
                #expect((item["starts_at"] as? String)?.contains("+00:00") == true)
                #expect(item.keys.contains("ends_at"))
            }
            #expect(live.first?["urgent"] as? Bool == true)
        }
    }

    @Test("a line is live at its start and gone at its end")
    func windowBoundaries() throws {
        try NewsroomFixture.with { newsroom in
            let id = try schedule(newsroom, ["--text", "خبر", "--from", "+1h", "--for", "30m"])
            let shown = try #require(try NewsroomFixture.json(try newsroom.run(["ticker", "show", id, "--json"])) as? [String: Any])
            let start = try #require(shown["starts_at"] as? String)
            let end = try #require(shown["ends_at"] as? String)
            #expect(shown["state"] as? String == "upcoming")
            #expect(try items(newsroom, ["--at", start]).compactMap { $0["id"] as? Int } == [Int(id)!])
            #expect(try items(newsroom, ["--at", end]).isEmpty)
            #expect(try items(newsroom).isEmpty, "not live yet")
            #expect(try items(newsroom, ["--upcoming"]).compactMap { $0["id"] as? Int } == [Int(id)!])
            let inside = try items(newsroom, ["--at", "+75m"])
            #expect(inside.first?["state"] as? String == "live")
        }
    }

    @Test("the default window is the ticker.duration setting")
    func defaultDuration() throws {
        try NewsroomFixture.with { newsroom in
            #expect(try newsroom.run(["config", "set", "ticker.duration", "2h"], as: "huda").status == 0)
            let id = try schedule(newsroom, ["--text", "خبر"])
            let connection = try newsroom.database.connect()
            let seconds: String = try connection.queryOne(
                "SELECT extract(epoch FROM ends_at - starts_at)::int::text AS s FROM ticker_items WHERE id = $1", [Int(id)!]
            ).decode("s")
            #expect(seconds == "7200")
            let bad = try newsroom.run(["config", "set", "ticker.duration", "0m"], as: "huda")
            #expect(bad.status == 1)
        }
    }

    @Test("links: published yes; draft no; scheduled only if it publishes before the line starts")
    func linkRules() throws {
        try NewsroomFixture.with { newsroom in
            let published = try publishedStory(newsroom)
            _ = try schedule(newsroom, ["--text", "مرتبط", "--story", published])
            let draft = try newsroom.draft()
            let refused = try newsroom.run(["ticker", "schedule", "--text", "x", "--story", draft], as: "omar")
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("is draft"))

            let later = try newsroom.draft()
            try newsroom.steps([
                ("huda", ["story", "assign", later, "--editor", "omar"]), ("layla", ["story", "submit", later]),
                ("omar", ["story", "approve", later]), ("omar", ["story", "publish", later, "--at", "+2h"]),
            ])
            let tooEarly = try newsroom.run(["ticker", "schedule", "--text", "x", "--story", later, "--from", "+1h"], as: "omar")
            #expect(tooEarly.status == 1)
            #expect(tooEarly.stderr.contains("scheduled to publish after"))
            _ = try schedule(newsroom, ["--text", "بعد النشر", "--story", later, "--from", "+3h"])
            let missing = try newsroom.run(["ticker", "schedule", "--text", "x", "--story", "99999"], as: "omar")
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no story 99999"))
        }
    }

    @Test("withdrawing a story ends its live lines and cancels its upcoming ones; both records say so")
    func withdrawalEndsLines() throws {
        try NewsroomFixture.with { newsroom in
            let story = try publishedStory(newsroom)
            let live = try schedule(newsroom, ["--text", "حي", "--story", story])
            let upcoming = try schedule(newsroom, ["--text", "قادم", "--story", story, "--from", "+1h"])
            let other = try schedule(newsroom, ["--text", "غيره"])
            try newsroom.steps([("huda", ["story", "withdraw", story, "--reason", "خطأ في المصدر"])])

            let all = try items(newsroom, ["--all"])
            func item(_ id: String) -> [String: Any]? { all.first { $0["id"] as? Int == Int(id) } }
            #expect(item(live)?["state"] as? String == "ended")
            #expect((item(live)?["end_reason"] as? String)?.contains("withdrawn") == true)
            #expect(item(upcoming)?["state"] as? String == "cancelled")
            #expect(item(upcoming)?["cancelled_by"] as? String == "huda")
            #expect(item(other)?["state"] as? String == "live")
            #expect(try items(newsroom).compactMap { $0["id"] as? Int } == [Int(other)!])

            let history = try #require(try NewsroomFixture.json(try newsroom.run(["story", "history", story, "--json"])) as? [[String: Any]])
            let note = try #require(history.last?["note"] as? String)
            #expect(note.contains("خطأ في المصدر"))
            #expect(note.contains("ticker items \(live), \(upcoming) ended"))
            let card = try newsroom.run(["ticker", "show", live])
            #expect(card.stdout.contains("end"))
        }
    }

    @Test("spiking a scheduled story's path: unscheduling cancels its upcoming lines")
    func unscheduleCancelsLines() throws {
        try NewsroomFixture.with { newsroom in
            let story = try newsroom.draft()
            try newsroom.steps([
                ("huda", ["story", "assign", story, "--editor", "omar"]), ("layla", ["story", "submit", story]),
                ("omar", ["story", "approve", story]), ("omar", ["story", "publish", story, "--at", "+1h"]),
            ])
            let line = try schedule(newsroom, ["--text", "قادم", "--story", story, "--from", "+2h"])
            try newsroom.steps([("omar", ["story", "unschedule", story])])
            let shown = try #require(try NewsroomFixture.json(try newsroom.run(["ticker", "show", line, "--json"])) as? [String: Any])
            #expect(shown["state"] as? String == "cancelled")
        }
    }

    @Test("cancel and extend; reporters may only read; refusals change nothing")
    func changesAndPermissions() throws {
        try NewsroomFixture.with { newsroom in
            let id = try schedule(newsroom, ["--text", "خبر", "--for", "1h"])
            let before = try newsroom.database.snapshot()
            let refusals: [(String, [String], Int32, String)] = [
                ("layla", ["ticker", "schedule", "--text", "x"], 1, "only editors and chiefs"),
                ("layla", ["ticker", "cancel", id], 1, "only editors and chiefs"),
                ("layla", ["ticker", "extend", id, "--until", "+3h"], 1, "only editors and chiefs"),
                ("omar", ["ticker", "schedule", "--text", ""], 1, "text: must not be empty"),
                ("omar", ["ticker", "schedule", "--text", "سطر\nسطر"], 1, "single line"),
                ("omar", ["ticker", "schedule", "--text", String(repeating: "خ", count: 201)], 1, "the limit is 200"),
                ("omar", ["ticker", "schedule", "--text", "x", "--from", "2020-01-01 10:00"], 1, "in the past"),
                ("omar", ["ticker", "schedule", "--text", "x", "--from", "+2h", "--until", "+1h"], 1, "must be after the start"),
                ("omar", ["ticker", "schedule", "--text", "x", "--for", "0m"], 1, "longer than zero"),
                ("omar", ["ticker", "schedule", "--text", "x", "--for", "30d"], 1, "too long"),
                ("omar", ["ticker", "schedule", "--text", "x", "--for", "1h", "--until", "+2h"], 64, "not both"),
                ("omar", ["ticker", "extend", id, "--until", "+10m"], 1, "later than the line's current end"),
                ("omar", ["ticker", "cancel", "777777"], 1, "no ticker item 777777"),
                ("omar", ["ticker", "cancel", "x1"], 64, "not a ticker item number"),
            ]
            for (actor, arguments, status, fragment) in refusals {
                let run = try newsroom.run(arguments, as: actor)
                #expect(run.status == status, "\(arguments): \(run)")
                #expect(run.stderr.contains(fragment), "\(arguments): \(run.stderr)")
                #expect(run.stdout.isEmpty)
            }
            #expect(try newsroom.database.snapshot() == before)
            #expect(try newsroom.run(["ticker", "list"], as: "layla").status == 0)
            #expect(try newsroom.run(["ticker", "show", id], as: "layla").status == 0)

            let extended = try newsroom.run(["ticker", "extend", id, "--until", "+3h"], as: "nadia")
            #expect(extended.status == 0, "\(extended)")
            let cancelled = try newsroom.run(["ticker", "cancel", id, "--reason", "تغيّر الخبر"], as: "huda")
            #expect(cancelled.status == 0, "\(cancelled)")
            let again = try newsroom.run(["ticker", "cancel", id], as: "huda")
            #expect(again.status == 1)
            #expect(again.stderr.contains("is cancelled"))
            let connection = try newsroom.database.connect()
            let actions = try connection.query("SELECT action, actor FROM ticker_history WHERE item_id = $1 ORDER BY id", [Int(id)!])
            #expect(try actions.map { try $0.decode("action", as: String.self) } == ["schedule", "extend", "cancel"])
            #expect(try actions.map { try $0.decode("actor", as: String.self) } == ["omar", "nadia", "huda"])
        }
    }

    @Test("the database refuses a line linked to an unpublished story, and lets no history be rewritten")
    func databaseRules() throws {
        try NewsroomFixture.with { newsroom in
            let draft = Int(try newsroom.draft())!
            let connection = try newsroom.database.connect()
            #expect(throws: (any Error).self) {
                try connection.query(
                    "INSERT INTO ticker_items (text, starts_at, ends_at, story_id, created_by) VALUES ('x', now(), now() + interval '1 hour', $1, 'omar')",
                    [draft]
                )
            }
            #expect(throws: (any Error).self) {
                try connection.query("INSERT INTO ticker_items (text, starts_at, ends_at, created_by) VALUES ('x', now(), now(), 'omar')")
            }
            let id = try schedule(newsroom, ["--text", "خبر"])
            #expect(throws: (any Error).self) { try connection.query("DELETE FROM ticker_history WHERE item_id = $1", [Int(id)!]) }
            #expect(throws: (any Error).self) { try connection.query("DELETE FROM ticker_items WHERE id = $1", [Int(id)!]) }
            let plan = try connection.query(
                "EXPLAIN SELECT id FROM ticker_items WHERE tstzrange(starts_at, ends_at) @> now() AND cancelled_at IS NULL"
            ).map { try $0.decode(at: 0, as: String.self) }.joined(separator: "\n")
            #expect(!plan.isEmpty)
        }
    }
}
