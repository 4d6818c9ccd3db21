import Foundation
import PostgresClient
import Testing
import TestSupport

/// A refused command exits non-zero, says why on stderr in a line or two, and leaves
/// every table exactly as it was.
@Suite("newsroom refusals change nothing")
struct RefusalCLITests {
    struct Case: CustomStringConvertible, Sendable {
        let actor: String?
        let arguments: [String]
        let status: Int32
        let fragment: String
        var description: String { "\(actor ?? "-"): \(arguments.joined(separator: " "))" }
    }

    /// `ID` stands for a draft by layla, assigned to omar and submitted (in_review).
    static let cases: [Case] = [
        Case(actor: "layla", arguments: ["story", "approve", "ID"], status: 1, fragment: "nobody approves their own story"),
        Case(actor: "nadia", arguments: ["story", "approve", "ID"], status: 1, fragment: "only its assigned editor (omar)"),
        Case(actor: "omar", arguments: ["story", "publish", "ID"], status: 1, fragment: "story ID is in_review"),
        Case(actor: "omar", arguments: ["story", "submit", "ID"], status: 1, fragment: "from in_review:"),
        Case(actor: "omar", arguments: ["story", "withdraw", "ID", "--reason", "x"], status: 1, fragment: "in_review"),
        Case(actor: "gone", arguments: ["story", "spike", "ID"], status: 1, fragment: "no longer active"),
        Case(actor: "sami", arguments: ["story", "edit", "ID", "--headline", "x"], status: 1, fragment: "may not edit"),
        Case(actor: "omar", arguments: ["story", "assign", "ID", "--editor", "sami"], status: 1, fragment: "assign an editor or a chief"),
        Case(actor: "omar", arguments: ["story", "assign", "ID", "--editor", "gone"], status: 1, fragment: "no longer active"),
        Case(actor: "omar", arguments: ["story", "assign", "ID", "--editor", "nobody"], status: 1, fragment: "no staff member nobody"),
        Case(actor: "omar", arguments: ["story", "approve", "999999"], status: 1, fragment: "no story 999999"),
        Case(actor: "omar", arguments: ["story", "approve", "-4"], status: 64, fragment: "<id>"),
        Case(actor: "omar", arguments: ["story", "approve", "12x"], status: 64, fragment: "not a story number"),
        Case(actor: "omar", arguments: ["story", "approve", "99999999999999999999"], status: 64, fragment: "not a story number"),
        Case(actor: "omar", arguments: ["story", "approve", "ID", "--if-version", "1"], status: 75, fragment: "is at version 3"),
        Case(actor: "omar", arguments: ["story", "return", "ID", "--note", "  "], status: 1, fragment: "note: must not be empty"),
        Case(actor: "layla", arguments: ["draft", "create", "--headline", "", "--section", "politics"], status: 1, fragment: "headline: must not be empty"),
        Case(actor: "layla", arguments: ["draft", "create", "--headline", "سطر\nسطر", "--section", "politics"], status: 1, fragment: "headline: must be a single line"),
        Case(actor: "layla", arguments: ["draft", "create", "--headline", "\u{202E}عنوان", "--section", "politics"], status: 1, fragment: "bidirectional"),
        Case(actor: "layla", arguments: ["draft", "create", "--headline", "x", "--section", "sport"], status: 1, fragment: "no section sport"),
        Case(actor: "layla", arguments: ["draft", "create", "--headline", "x", "--section", "Sport News"], status: 1, fragment: "section:"),
        Case(actor: "layla", arguments: ["draft", "create", "--headline", "x", "--section", "politics", "--body-file", "/nonexistent/body.txt"], status: 1, fragment: "does not exist"),
        Case(actor: "layla", arguments: ["draft", "create", "--headline", "x", "--section", "politics", "--body-file", "/tmp"], status: 1, fragment: "is a folder"),
        Case(actor: "adam", arguments: ["draft", "create", "--headline", "x", "--section", "politics"], status: 1, fragment: "may not create drafts"),
        Case(actor: "layla", arguments: ["draft", "create", "--headline", "x", "--section", "politics", "--author", "sami"], status: 1, fragment: "--author"),
        Case(actor: nil, arguments: ["draft", "create", "--headline", "x", "--section", "politics"], status: 1, fragment: "pass --as HANDLE"),
        Case(actor: "layla", arguments: ["staff", "add", "newbie", "--name", "جديد", "--role", "reporter"], status: 1, fragment: "only an admin"),
        Case(actor: "adam", arguments: ["staff", "add", "layla", "--name", "x", "--role", "reporter"], status: 1, fragment: "layla is taken"),
        Case(actor: "adam", arguments: ["staff", "add", "New Person", "--name", "x", "--role", "reporter"], status: 1, fragment: "not a valid handle"),
        Case(actor: "adam", arguments: ["staff", "add", "newbie", "--name", "x", "--role", "intern"], status: 1, fragment: "not a role"),
        Case(actor: "adam", arguments: ["staff", "add", "newbie", "--name", "x", "--role", "reporter", "--login", "no_such_role_here"], status: 1, fragment: "no role"),
        Case(actor: "adam", arguments: ["section", "add", "politics", "--name", "x"], status: 1, fragment: "exists already"),
        Case(actor: "omar", arguments: ["section", "add", "sport", "--name", "رياضة"], status: 1, fragment: "only an admin or a chief"),
        Case(actor: "nobody", arguments: ["story", "spike", "ID"], status: 1, fragment: "no staff member nobody"),
        Case(actor: "Bad Handle", arguments: ["story", "spike", "ID"], status: 1, fragment: "--as"),
        Case(actor: "omar", arguments: ["story", "edit", "ID"], status: 64, fragment: "say what to change"),
    ]

    @Test("each refusal: its exit code, a short message, and no change anywhere", arguments: cases)
    func refusal(_ refusal: Case) throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            try newsroom.steps([("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id])])
            let before = try newsroom.database.snapshot()
            let arguments = refusal.arguments.map { $0 == "ID" ? id : $0 }
            let run = try newsroom.run(arguments, as: refusal.actor)
            #expect(run.status == refusal.status, "\(run)")
            #expect(run.stderr.contains(refusal.fragment.replacingOccurrences(of: "ID", with: id)), "\(run.stderr)")
            #expect(run.stdout.isEmpty, "\(run.stdout)")
            #expect(run.stderr.split(separator: "\n").count <= 3, "\(run.stderr)")
            #expect(!run.stderr.contains("Fatal error"))
            #expect(try newsroom.database.snapshot() == before)
        }
    }

    @Test("--dry-run says it would succeed and changes nothing")
    func dryRun() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft()
            let before = try newsroom.database.snapshot()
            for (actor, arguments) in [
                ("huda", ["story", "assign", id, "--editor", "omar", "--dry-run"]),
                ("layla", ["draft", "create", "--headline", "x", "--section", "politics", "--dry-run"]),
                ("layla", ["story", "edit", id, "--headline", "y", "--dry-run"]),
                ("adam", ["staff", "add", "newbie", "--name", "جديد", "--role", "reporter", "--dry-run"]),
                ("adam", ["section", "add", "sport", "--name", "رياضة", "--dry-run"]),
                ("huda", ["config", "set", "timezone", "Asia/Baghdad", "--dry-run"]),
                ("huda", ["story", "publish", id, "--skip-review", "--reason", "عاجل", "--dry-run"]),
            ] {
                let run = try newsroom.run(arguments, as: actor)
                #expect(run.status == 0, "\(arguments): \(run)")
                #expect((run.stdout + run.stderr).contains("dry run"), "\(run)")
            }
            #expect(try newsroom.database.snapshot() == before)
            let refused = try newsroom.run(["story", "approve", id, "--dry-run"], as: "omar")
            #expect(refused.status == 1, "a dry run checks the rules too")
        }
    }

    @Test("the database refuses what the rules forbid even when the code is bypassed")
    func databaseKeepsInvariants() throws {
        try NewsroomFixture.with { newsroom in
            let id = Int(try newsroom.draft())!
            let connection = try newsroom.database.connect()
            let other = Int(try newsroom.draft())!
            // Each with the database's own words for why.
            let forbidden: [(String, String)] = [
                ("UPDATE stories SET status = 'published', published_at = now(), version = version + 1 WHERE id = $1", "story_version_has_history"),
                ("UPDATE stories SET status = 'approved', approved_at = now(), version = version + 1 WHERE id = $1", "cannot move from draft to approved"),
                ("UPDATE stories SET status = 'in_review', version = version + 1 WHERE id = $1", "story_in_review_has_editor"),
                ("UPDATE stories SET section = 'security', version = version WHERE id = $1", "a change must make it version"),
                ("UPDATE story_texts SET headline = E'two\\nlines', version = version + 1 WHERE story_id = $1", "story_headline_is_line"),
                ("UPDATE story_texts SET body = E'ends in a space ', version = version + 1 WHERE story_id = $1", "story_body_is_text"),
                ("UPDATE story_texts SET dateline = '', version = version + 1 WHERE story_id = $1", "story_dateline_is_line"),
                // The text is written only with a move of its story, and keeps a revision then.
                ("UPDATE story_texts SET headline = 'quiet' WHERE story_id = $1", "rewritten only at a later version"),
                ("UPDATE story_texts SET headline = 'quiet', version = version + 1 WHERE story_id = $1", "written with the move that makes that version"),
                ("DELETE FROM story_texts WHERE story_id = $1", "never changed or removed"),
                // A history line's story and actor exist, and staff, like stories, are never removed.
                ("INSERT INTO story_history (story_id, actor, action, from_status, to_status, version, scheduled_for) VALUES ($1, 'nobody', 'publish_scheduled', 'scheduled', 'published', 2, now())", "does not exist"),
                ("DELETE FROM staff WHERE handle = 'sami' AND $1::bigint > 0", "never changed or removed"),
                ("UPDATE stories SET author = 'sami', version = version + 1 WHERE id = $1", "never change"),
                ("UPDATE stories SET id = DEFAULT, version = version + 1 WHERE id = $1", "never change"),
                ("INSERT INTO stories (section, author, status) SELECT section, author, 'published' FROM stories WHERE id = $1", "starts as a draft"),
                // One bad row in a many-row statement refuses the whole statement, naming it.
                ("UPDATE stories SET status = CASE WHEN id = $1 THEN 'approved' ELSE 'spiked' END, approved_at = now(), version = version + 1 WHERE id IN ($1, (SELECT max(id) FROM stories))", "story \(id) cannot move from draft to approved"),
                ("DELETE FROM stories WHERE id = $1", "never changed or removed"),
                ("UPDATE story_history SET note = 'rewritten' WHERE story_id = $1", "never changed or removed"),
                ("DELETE FROM story_history WHERE story_id = $1", "never changed or removed"),
                ("DELETE FROM story_revisions WHERE story_id = $1", "never changed or removed"),
            ]
            for (statement, reason) in forbidden {
                do {
                    try connection.transaction {
                        try connection.query("SELECT set_config('newsroom.actor', 'omar', true)")
                        try connection.query(statement, [id])
                    }
                    Issue.record("the database must refuse: \(statement)")
                } catch let error as PostgresError {
                    #expect(error.description.contains(reason), "\(statement): \(error)")
                }
            }
            let untouched: Int = try connection.queryOne("SELECT count(*) AS n FROM stories WHERE id IN ($1, $2) AND status = 'draft' AND version = 1", [id, other]).decode("n")
            #expect(untouched == 2)
            // A change with no line in history is refused at commit.
            #expect(throws: (any Error).self) {
                try connection.transaction {
                    try connection.query("SELECT set_config('newsroom.actor', 'omar', true)")
                    try connection.query("UPDATE stories SET version = version + 1 WHERE id = $1", [id])
                }
            }
            #expect(throws: (any Error).self) { try connection.executeScript("TRUNCATE story_history CASCADE") }
            // Not even the owner renames a staff member: history names them by their handle.
            #expect {
                try connection.query("UPDATE staff SET handle = 'samy' WHERE handle = 'sami'")
            } throws: { error in
                (error as? PostgresError)?.description.contains("handle never changes") == true
            }
            // Who may do what, refused by the database too.
            let roleRules: [(String, [any PostgresEncodable], String)] = [
                ("UPDATE stories SET editor = 'sami', version = version + 1 WHERE id = $1", [id], "is not an editor or a chief"),
                ("UPDATE stories SET editor = 'layla', version = version + 1 WHERE id = $1", [id], "cannot be its editor"),
                ("UPDATE stories SET editor = 'gone', version = version + 1 WHERE id = $1", [id], "gone is no longer active and cannot be its editor"),
                // Who may do what from every state is RuleParityTests' (generated from the core's
                // table); here, lines a client could write by hand for this draft.
                ("INSERT INTO story_history (story_id, actor, action, from_status, to_status, version) VALUES ($1, 'layla', 'assign', 'draft', 'draft', 9)", [id], "only editors and chiefs may"),
                ("INSERT INTO story_history (story_id, actor, action, from_status, to_status, version) VALUES ($1, 'sami', 'submit', 'draft', 'in_review', 9)", [id], "only its author, an editor or a chief may"),
                ("INSERT INTO story_history (story_id, actor, action, from_status, to_status, version) VALUES ($1, 'sami', 'edit', 'draft', 'draft', 9)", [id], "only its author, an editor or a chief may"),
                ("INSERT INTO story_history (story_id, actor, action, from_status, to_status, version) VALUES ($1, 'gone', 'spike', 'draft', 'spiked', 9)", [id], "gone is no longer active"),
                ("INSERT INTO ticker_items (text, starts_at, ends_at, created_by) VALUES ('x', now(), now() + interval '1 hour', 'layla')", [], "only active editors and chiefs may"),
                ("INSERT INTO ticker_items (text, starts_at, ends_at, created_by) VALUES ('x', now(), now() + interval '8 days', 'omar')", [], "ticker_window_at_most_a_week"),
            ]
            for (statement, parameters, reason) in roleRules {
                do {
                    try connection.transaction {
                        try connection.query("SELECT set_config('newsroom.actor', 'omar', true)")
                        try connection.query(statement, parameters)
                    }
                    Issue.record("the database must refuse: \(statement)")
                } catch let error as PostgresError {
                    #expect(error.serverError?.sqlState == .checkViolation, "\(statement): \(error)")
                    #expect(error.description.contains(reason), "\(statement): \(error)")
                }
            }
            let headline: String = try connection.queryOne("SELECT headline FROM story_texts WHERE story_id = $1", [id]).decode("headline")
            #expect(headline == "العراق يخنق \"الرقم السري\"")
        }
    }

    @Test("the database's allowed moves are the workflow's")
    func movesMatch() throws {
        try NewsroomFixture.with { newsroom in
            let connection = try newsroom.database.connect()
            let rows = try connection.query("SELECT from_status || '>' || to_status AS m FROM story_moves")
            let database = Set(try rows.map { try $0.decode("m", as: String.self) })
            // Spelled out from the issue's table: the status changes it allows.
            let table: Set<String> = [
                "draft>in_review", "draft>published", "draft>spiked",
                "in_review>draft", "in_review>approved", "in_review>published", "in_review>spiked",
                "approved>published", "approved>scheduled", "approved>in_review", "approved>spiked",
                "scheduled>approved", "scheduled>in_review", "scheduled>published",
                "published>withdrawn", "spiked>draft",
                // Only an erasure by order takes a scheduled story to spiked (0026).
                "scheduled>spiked",
            ]
            #expect(database == table)
        }
    }
}
