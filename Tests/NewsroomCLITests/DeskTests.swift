import Foundation
import PostgresClient
import Testing
import TestSupport

/// The desk's tools around the workflow (issue 18): notes on stories and word diffs of their text.
@Suite("the desk: notes and diffs")
struct DeskTests {
    func object(_ run: NewsroomRun) throws -> [String: Any] {
        try #require(try NewsroomFixture.json(run) as? [String: Any], "\(run)")
    }

    @Test("a thread, a reply, mentions of staff only, resolved and reopened; listed and counted; never for readers")
    func notes() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft(headline: "الحكومة تعلن الخطة")
            // A reporter notes another's story: anyone who may read it may.
            let first = try newsroom.run(["story", "note", id, "--text", "@omar هل الاسم صحيح؟ راسل layla@example.com أو @nobody", "--json"], as: "sami")
            #expect(first.status == 0, "\(first)")
            let note = try object(first)
            #expect(note["author"] as? String == "sami")
            #expect(note["mentions"] as? [String] == ["omar"], "staff only; not an address, not a stranger")
            #expect(note["text"] as? String == "@omar هل الاسم صحيح؟ راسل layla@example.com أو @nobody", "kept byte for byte")
            let thread = String(note["id"] as! Int)

            // A reply from a file (several lines, vowel marks kept).
            let replyText = "نعم، الاسمُ صحيح.\n\nتأكدتُ منه @sami."
            let reply = try newsroom.run(["story", "note", id, "--file", "-", "--reply-to", thread], as: "omar", stdin: Data(replyText.utf8))
            #expect(reply.status == 0, "\(reply)")
            let replyID = reply.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(reply.stderr.contains("mentions @sami"))

            // A dry run checks and keeps nothing.
            let before = try newsroom.database.snapshot()
            let dry = try newsroom.run(["story", "note", id, "--text", "تجربة", "--dry-run"], as: "layla")
            #expect(dry.status == 0 && dry.stderr.contains("dry run"), "\(dry)")
            #expect(try newsroom.database.snapshot() == before)

            // Listed: the thread, its reply, open; counted in story list.
            let listed = try #require(try NewsroomFixture.json(try newsroom.run(["story", "notes", id, "--json"], as: "layla")) as? [[String: Any]])
            #expect(listed.count == 1)
            #expect(listed[0]["resolved"] as? Bool == false)
            let replies = try #require(listed[0]["replies"] as? [[String: Any]])
            #expect(replies.map { $0["id"] as? Int } == [Int(replyID)])
            #expect(replies[0]["text"] as? String == replyText)
            func openNotes() throws -> Int? {
                let stories = try #require(try NewsroomFixture.json(try newsroom.run(["story", "list", "--json"], as: "layla")) as? [[String: Any]])
                return stories.first { String($0["id"] as! Int) == id }?["open_notes"] as? Int
            }
            #expect(try openNotes() == 1)
            let table = try newsroom.run(["story", "list"], as: "layla")
            #expect(table.stdout.contains("NOTES") && table.stdout.contains("1 open"), "\(table.stdout)")

            // Resolved by one, reopened by another, each a line of its own; the text shows who.
            #expect(try newsroom.run(["story", "resolve-note", thread], as: "nadia").status == 0)
            #expect(try openNotes() == 0)
            let again = try newsroom.run(["story", "resolve-note", thread], as: "omar")
            #expect(again.status == 1 && again.stderr.contains("resolved already (since nadia resolved it)"), "\(again)")
            #expect(try newsroom.run(["story", "notes", id, "--open"], as: "omar").stdout.contains("no open notes"))
            let reopened = try object(try newsroom.run(["story", "reopen-note", thread, "--json"], as: "omar"))
            #expect(reopened["resolved"] as? Bool == false && reopened["state_changed_by"] as? String == "omar")
            #expect(try openNotes() == 1)
            let text = try newsroom.run(["story", "notes", id], as: "layla").stdout
            #expect(text.contains("#\(thread)  sami") && text.contains("reopened by omar") && text.contains("↳ #\(replyID)  omar"), "\(text)")
            #expect(try newsroom.count("SELECT count(*) FROM story_note_states") == 2)

            // Notes make no version of the story and no line in its history.
            #expect(try newsroom.count("SELECT version FROM stories WHERE id = $1", [Int64(id)!]) == 1)

            // The database keeps the rules without the tool.
            let connection = try newsroom.database.connect()
            let other = try newsroom.draft(headline: "خبر آخر")
            for (sql, message) in [
                ("UPDATE story_notes SET text = 'غير ذلك'", "story_notes is append-only"),
                ("DELETE FROM story_note_states", "story_note_states is append-only"),
                ("INSERT INTO story_notes (story_id, reply_to, author, text) VALUES (\(other), \(thread), 'omar', 'x')", "story_notes_reply_in_thread"),
                ("INSERT INTO story_notes (story_id, reply_to, author, text) VALUES (\(id), \(replyID), 'omar', 'x')", "story_notes_reply_in_thread"),
                ("INSERT INTO story_note_states (note_id, story_id, resolved, actor) VALUES (\(replyID), \(id), true, 'omar')", "story_note_states_thread"),
                ("INSERT INTO story_note_states (note_id, story_id, resolved, actor) VALUES (\(thread), \(id), false, 'omar')", "is open already"),
                ("INSERT INTO story_notes (story_id, author, text, mentions) VALUES (\(id), 'omar', 'x @ghost', '{ghost}')", "not on the staff"),
                ("INSERT INTO story_notes (story_id, author, text, mentions) VALUES (\(id), 'omar', 'x', '{huda}')", "its text does not say @huda"),
                ("INSERT INTO story_notes (story_id, author, text) VALUES (\(id), 'omar', '')", "story_note_text_not_empty"),
                ("INSERT INTO story_notes (story_id, author, text) VALUES (\(id), 'omar', repeat('ع', 8001))", "story_note_text_size"),
            ] {
                do {
                    try connection.executeScript(sql)
                    Issue.record("the database allowed: \(sql)")
                } catch {
                    #expect("\(error)".contains(message), "\(sql): \(error)")
                }
            }
            // Nothing in the reader schema shows a note.
            #expect(try newsroom.count("SELECT count(*) FROM pg_views WHERE schemaname = 'reader' AND definition LIKE '%story_note%'") == 0)
        }
    }

    @Test("a word diff of two versions: the last change of text by default, marks that survive a pipe, JSON runs")
    func diff() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft(headline: "الحكومة تعلن الخطة")
            try newsroom.steps([
                ("layla", ["story", "edit", id, "--headline", "الحكومةُ تقرر الخطة الجديدة"]),
                ("huda", ["story", "assign", id, "--editor", "omar"]),
                ("layla", ["story", "submit", id]),
            ])
            // Version 4 now; the text last changed at 2. A bare diff shows that change.
            let bare = try newsroom.run(["story", "diff", id], as: "omar")
            #expect(bare.status == 0, "\(bare)")
            #expect(bare.stdout.contains("version 1 → 4"), "\(bare.stdout)")
            #expect(bare.stdout.contains("[-الحكومة تعلن-]{+الحكومةُ تقرر+} الخطة{+ الجديدة+}"), "\(bare.stdout)")
            #expect(bare.stdout.contains("body: (unchanged)"))

            let json = try object(try newsroom.run(["story", "diff", id, "--from", "1", "--to", "2", "--json"], as: "omar"))
            #expect(json["changed"] as? Bool == true)
            let runs = try #require(json["headline"] as? [[String: String]])
            #expect(runs.filter { $0["change"] != "inserted" }.map { $0["text"]! }.joined() == "الحكومة تعلن الخطة")
            #expect(runs.filter { $0["change"] != "deleted" }.map { $0["text"]! }.joined() == "الحكومةُ تقرر الخطة الجديدة",
                    "the runs give back the stored text byte for byte")

            let same = try newsroom.run(["story", "diff", id, "--from", "2", "--to", "4"], as: "omar")
            #expect(same.status == 0 && same.stdout.contains("read the same"), "\(same)")
        }
    }
}
