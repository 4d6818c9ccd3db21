import Foundation
import Testing
import TestSupport

/// Story commands as a person uses them: the built binary against a real database.
@Suite("newsroom story workflow")
struct WorkflowCLITests {
    @Test("a story walks from draft to publication; JSON and history say so")
    func lifecycle() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            #expect(Int(id) != nil, "draft create prints the id alone: \(id)")
            try newsroom.steps([
                ("huda", ["story", "assign", id, "--editor", "omar"]),
                ("layla", ["story", "submit", id]),
                ("omar", ["story", "approve", id]),
                ("omar", ["story", "publish", id]),
            ])
            let show = try newsroom.run(["story", "show", id, "--json"])
            #expect(show.status == 0)
            let story = try #require(try NewsroomFixture.json(show) as? [String: Any])
            #expect(story["id"] as? Int == Int(id))
            #expect(story["status"] as? String == "published")
            #expect(story["author"] as? String == "layla")
            #expect(story["editor"] as? String == "omar")
            #expect(story["section"] as? String == "politics")
            #expect(story["version"] as? Int == 5)
            #expect(story["headline"] as? String == "العراق يخنق \"الرقم السري\"")
            for key in ["dateline", "body", "created_at", "updated_at", "publish_at", "published_at"] {
                #expect(story.keys.contains(key), "\(key)")
            }
            #expect(story["publish_at"] is NSNull)
            let published = try #require(story["published_at"] as? String)
            #expect(published.hasSuffix("+00:00"), "ISO 8601 with an offset: \(published)")

            let history = try newsroom.run(["story", "history", id, "--json"])
            let entries = try #require(try NewsroomFixture.json(history) as? [[String: Any]])
            #expect(entries.map { $0["action"] as? String } == ["create", "assign", "submit", "approve", "publish"])
            #expect(entries.map { $0["actor"] as? String } == ["layla", "huda", "layla", "omar", "omar"])
            #expect(entries.map { $0["to_status"] as? String } == ["draft", "draft", "in_review", "approved", "published"])
            #expect(entries.map { $0["version"] as? Int } == [1, 2, 3, 4, 5])
            #expect(entries.first?["from_status"] is NSNull)
            for key in ["at", "note"] { #expect(entries.allSatisfy { $0.keys.contains(key) }, "\(key)") }

            let human = try newsroom.run(["story", "history", id])
            #expect(human.status == 0)
            #expect(human.stdout.contains("approve"))
            #expect(!human.stdout.contains("\u{1B}"), "no escape codes on a pipe")
        }
    }

    @Test("the sample article round-trips byte for byte from --body-file to story show --json")
    func arabicBodyRoundTrip() throws {
        let page = try Samples.articlePage()
        let expected = String(decoding: page, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        try NewsroomFixture.with { newsroom in
            for source in ["file", "stdin"] {
                let bodyArgument = source == "file" ? Samples.articleFile.path : "-"
                let create = try newsroom.run(
                    ["draft", "create", "--headline", "العراق يخنق", "--section", "politics", "--dateline", "ديالى", "--body-file", bodyArgument],
                    as: "layla", stdin: source == "stdin" ? page : nil
                )
                #expect(create.status == 0, "\(create)")
                let id = create.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                let show = try newsroom.run(["story", "show", id, "--json"])
                let story = try #require(try NewsroomFixture.json(show) as? [String: Any])
                let body = try #require(story["body"] as? String)
                #expect(Array(body.utf8) == Array(expected.utf8), "\(source)")
                #expect(story["dateline"] as? String == "ديالى")
                // The human card shows the body as stored, too.
                let card = try newsroom.run(["story", "show", id])
                #expect(card.stdout.contains(expected))
            }
        }
    }

    @Test("ids take Arabic-Indic digits; times in JSON use the newsroom's zone")
    func digitsAndZone() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            let set = try newsroom.run(["config", "set", "timezone", "Asia/Baghdad"])
            #expect(set.status == 0, "\(set)")
            let arabicDigits = String(id.map { Character(Unicode.Scalar(0x0660 + UInt32(String($0))!)!) })
            let show = try newsroom.run(["story", "show", arabicDigits, "--json"])
            #expect(show.status == 0, "\(show)")
            let story = try #require(try NewsroomFixture.json(show) as? [String: Any])
            #expect((story["created_at"] as? String)?.hasSuffix("+03:00") == true)
            #expect(try newsroom.run(["config", "get", "timezone"]).stdout == "Asia/Baghdad\n")
            let bad = try newsroom.run(["config", "set", "timezone", "Mars/Olympus"])
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("timezone"))
        }
    }

    @Test("editing an approved story sends it back to review; a published one takes a correction; revisions keep the old text")
    func editing() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft(headline: "عنوان أول")
            try newsroom.steps([
                ("layla", ["story", "edit", id, "--headline", "عنوان ثان"]),
                ("huda", ["story", "assign", id, "--editor", "omar"]),
                ("layla", ["story", "submit", id]),
                ("omar", ["story", "approve", id]),
            ])
            let edit = try newsroom.run(["story", "edit", id, "--dateline", "بغداد"], as: "omar")
            #expect(edit.status == 0, "\(edit)")
            #expect(edit.stdout.contains("approved → in_review"))
            try newsroom.steps([("omar", ["story", "approve", id]), ("omar", ["story", "publish", id])])

            let plain = try newsroom.run(["story", "edit", id, "--headline", "x"], as: "omar")
            #expect(plain.status == 1)
            #expect(plain.stderr.contains("--correction"))
            let corrected = try newsroom.run(["story", "edit", id, "--headline", "عنوان مصحح", "--correction", "spelling of the name"], as: "nadia")
            #expect(corrected.status == 0, "\(corrected)")

            let history = try #require(try NewsroomFixture.json(try newsroom.run(["story", "history", id, "--json"])) as? [[String: Any]])
            let correction = try #require(history.last)
            #expect(correction["action"] as? String == "correct")
            #expect(correction["note"] as? String == "spelling of the name")

            let first = try #require(try NewsroomFixture.json(try newsroom.run(["story", "show", id, "--version", "1", "--json"])) as? [String: Any])
            #expect(first["headline"] as? String == "عنوان أول")
            #expect(first["status"] as? String == "draft")
            let now = try #require(try NewsroomFixture.json(try newsroom.run(["story", "show", id, "--json"])) as? [String: Any])
            #expect(now["headline"] as? String == "عنوان مصحح")
            #expect(now["dateline"] as? String == "بغداد")

            let connection = try newsroom.database.connect()
            let revisions = try connection.query("SELECT version, headline, edited_by FROM story_revisions WHERE story_id = $1 ORDER BY version", [Int(id)!])
            #expect(try revisions.map { try $0.decode("headline", as: String.self) } == ["عنوان أول", "عنوان ثان", "عنوان ثان", "عنوان مصحح"])
            #expect(try revisions.map { try $0.decode("edited_by", as: String.self) } == ["layla", "layla", "omar", "nadia"])
        }
    }

    @Test("scheduling: --at in the future schedules, in the past is refused, unschedule returns to approved")
    func scheduling() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            try newsroom.steps([
                ("huda", ["story", "assign", id, "--editor", "omar"]),
                ("layla", ["story", "submit", id]),
                ("omar", ["story", "approve", id]),
            ])
            let past = try newsroom.run(["story", "publish", id, "--at", "2020-01-01 10:00"], as: "omar")
            #expect(past.status == 1)
            #expect(past.stderr.contains("in the past"))
            let garbage = try newsroom.run(["story", "publish", id, "--at", "soon"], as: "omar")
            #expect(garbage.status == 1)
            #expect(garbage.stderr.contains("at: "))

            let schedule = try newsroom.run(["story", "publish", id, "--at", "+2h", "--json"], as: "nadia")
            #expect(schedule.status == 0, "\(schedule)")
            let story = try #require(try NewsroomFixture.json(schedule) as? [String: Any])
            #expect(story["status"] as? String == "scheduled")
            let publishAt = try #require(story["publish_at"] as? String)
            let connection = try newsroom.database.connect()
            let lead: Double = try connection.queryOne(
                "SELECT extract(epoch FROM publish_at - now())::float8 AS s FROM stories WHERE id = $1", [Int(id)!]
            ).decode("s", as: String.self).doubleValue
            #expect(lead > 7000 && lead <= 7200, "publish_at \(publishAt) is about two hours ahead")

            let history = try #require(try NewsroomFixture.json(try newsroom.run(["story", "history", id, "--json"])) as? [[String: Any]])
            #expect(history.last?["action"] as? String == "schedule")
            #expect(history.last?["scheduled_for"] as? String == publishAt)

            let unschedule = try newsroom.run(["story", "unschedule", id], as: "omar")
            #expect(unschedule.status == 0)
            let after = try #require(try NewsroomFixture.json(try newsroom.run(["story", "show", id, "--json"])) as? [String: Any])
            #expect(after["status"] as? String == "approved")
            #expect(after["publish_at"] is NSNull)
        }
    }

    @Test("breaking news, withdrawal, spike and restore")
    func otherMoves() throws {
        try NewsroomFixture.with { newsroom in
            let breaking = try newsroom.draft()
            let byEditor = try newsroom.run(["story", "publish", breaking, "--skip-review", "--reason", "عاجل"], as: "omar")
            #expect(byEditor.status == 1)
            #expect(byEditor.stderr.contains("only a chief"))
            let noReason = try newsroom.run(["story", "publish", breaking, "--skip-review"], as: "huda")
            #expect(noReason.status == 64)
            try newsroom.steps([("huda", ["story", "publish", breaking, "--skip-review", "--reason", "عاجل: انفجار"])])
            let withdrawByEditor = try newsroom.run(["story", "withdraw", breaking, "--reason", "خطأ"], as: "omar")
            #expect(withdrawByEditor.status == 1)
            try newsroom.steps([("huda", ["story", "withdraw", breaking, "--reason", "معلومات غير مؤكدة"])])
            let history = try #require(try NewsroomFixture.json(try newsroom.run(["story", "history", breaking, "--json"])) as? [[String: Any]])
            #expect(history.map { $0["action"] as? String } == ["create", "publish_skip_review", "withdraw"])
            #expect(history[1]["note"] as? String == "عاجل: انفجار")

            let killed = try newsroom.draft()
            try newsroom.steps([("nadia", ["story", "spike", killed]), ("nadia", ["story", "restore", killed])])
            let restored = try #require(try NewsroomFixture.json(try newsroom.run(["story", "show", killed, "--json"])) as? [String: Any])
            #expect(restored["status"] as? String == "draft")
            #expect(restored["version"] as? Int == 3)
        }
    }

    @Test("lists filter by status, section, editor and author")
    func listing() throws {
        try NewsroomFixture.with { newsroom in
            let a = try newsroom.draft(by: "layla", section: "politics")
            let b = try newsroom.draft(by: "sami", section: "security")
            try newsroom.steps([("huda", ["story", "assign", b, "--editor", "nadia"]), ("sami", ["story", "submit", b])])
            func ids(_ arguments: [String]) throws -> [Int] {
                let run = try newsroom.run(["story", "list", "--json"] + arguments)
                let stories = try #require(try NewsroomFixture.json(run) as? [[String: Any]])
                return stories.compactMap { $0["id"] as? Int }
            }
            #expect(try ids([]) == [Int(b)!, Int(a)!])
            #expect(try ids(["--status", "in_review"]) == [Int(b)!])
            #expect(try ids(["--status", "in_review", "--section", "politics"]) == [])
            #expect(try ids(["--section", "politics"]) == [Int(a)!])
            #expect(try ids(["--editor", "nadia"]) == [Int(b)!])
            #expect(try ids(["--author", "layla"]) == [Int(a)!])
            let badStatus = try newsroom.run(["story", "list", "--status", "live"])
            #expect(badStatus.status == 1)
            #expect(badStatus.stderr.contains("in_review"))
            let table = try newsroom.run(["story", "list"])
            #expect(table.stdout.contains("\u{2068}العراق"), "headlines are isolated")
        }
    }
}

extension String {
    var doubleValue: Double { Double(self) ?? .nan }
}
