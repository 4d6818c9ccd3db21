import Foundation
import PostgresClient
import Testing
import TestSupport

/// The database decides who is acting (Migrations/0014): logins given every table privilege
/// by hand (as an administrator might) still cannot write as anyone but themselves, with SQL
/// of their own, and nothing is written when they try.
@Suite("the database decides who is acting")
struct WhoIsActingTests {
    struct Logins {
        let reporter: String, admin: String, stranger: String, leaving: String
        var all: [String] { [reporter, admin, stranger, leaving] }
    }

    static func withLogins(_ body: (NewsroomFixture, Logins, (String) throws -> PostgresConnection) throws -> Void) throws {
        try NewsroomFixture.with { newsroom in
            let suffix = newsroom.database.name.suffix(12)
            let logins = Logins(reporter: "rep_\(suffix)", admin: "adm_\(suffix)", stranger: "out_\(suffix)", leaving: "lev_\(suffix)")
            let owner = try newsroom.database.connect()
            // Roles are cluster-wide; the names carry this test's database name so tests never collide.
            for login in logins.all { try owner.executeScript("CREATE ROLE \(login) LOGIN") }
            try owner.executeScript("""
                GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO \(logins.all.joined(separator: ", "));
                GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(logins.all.joined(separator: ", "));
                """)
            defer { _ = try? owner.executeScript("DROP OWNED BY \(logins.all.joined(separator: ", ")); DROP ROLE \(logins.all.joined(separator: ", "))") }
            try newsroom.steps([
                ("adam", ["staff", "add", "rania", "--name", "رانيا", "--role", "reporter", "--login", logins.reporter]),
                ("adam", ["staff", "add", "karim", "--name", "كريم", "--role", "admin", "--login", logins.admin]),
                ("adam", ["staff", "add", "salem", "--name", "سالم", "--role", "editor", "--login", logins.leaving]),
            ])
            let host = try TestCluster.host()
            try body(newsroom, logins) { login in
                let connection = try PostgresConnection(conninfo: "host='\(host)' user=\(login) dbname=\(newsroom.database.name)")
                try connection.executeScript("SET TimeZone = 'UTC'")
                return connection
            }
        }
    }

    /// Runs `sql` in a transaction as `connection`, expecting the server to refuse it with a
    /// message containing `message`.
    static func refused(_ connection: PostgresConnection, _ sql: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try connection.transaction { try connection.executeScript(sql) }
            Issue.record("not refused: \(sql)", sourceLocation: sourceLocation)
        } catch let error as PostgresError {
            #expect(error.description.contains(message), "\(sql): \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(sql): \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("impersonation, forged history, strangers and the deactivated are refused by the database; nothing is written")
    func bypasses() throws {
        try Self.withLogins { newsroom, logins, connect in
            let story = try newsroom.draft()  // layla's draft
            try newsroom.steps([("huda", ["story", "assign", story, "--editor", "omar"]), ("layla", ["story", "submit", story])])
            let published = try newsroom.draft(headline: "خبر منشور")
            try newsroom.steps([("huda", ["story", "publish", published, "--skip-review", "--reason", "عاجل"]),
                                ("omar", ["ticker", "schedule", "--text", "سطر", "--for", "1h"])])
            let leavingSession = try connect(logins.leaving)  // opened before salem is deactivated,
            try leavingSession.executeScript("SET ROLE \(newsroom.database.name)_editor")  // and has taken on the group's role
            try newsroom.steps([("adam", ["staff", "deactivate", "salem"])])
            let before = try newsroom.database.snapshot()

            let reporter = try connect(logins.reporter)
            let withdraw = """
                UPDATE stories SET status = 'withdrawn', withdrawn_at = now(), version = version + 1 WHERE id = \(published);
                INSERT INTO story_history (story_id, actor, action, from_status, to_status, version, note)
                VALUES (\(published), 'huda', 'withdraw', 'published', 'withdrawn', 3, 'سحب');
                """
            let cases: [(PostgresConnection, String, String)] = [
                // Acting as someone else through the setting, for a transaction or a session.
                (reporter, "SELECT set_config('newsroom.actor', 'huda', true);" + withdraw, "may not act as huda"),
                (reporter, "SET newsroom.actor = 'huda';" + withdraw, "may not act as huda"),
                (reporter, "SELECT set_config('newsroom.actor', 'owner:newsroom', true); INSERT INTO settings (key, value) VALUES ('site.name', 'x')",
                 "may not act as owner:newsroom"),
                // A history line in someone else's name, the setting left alone (it becomes rania).
                (reporter, "INSERT INTO story_history (story_id, actor, action, from_status, to_status, version) VALUES (\(story), 'omar', 'approve', 'in_review', 'approved', 3)",
                 "story_history.actor says omar from the login"),
                (reporter, "INSERT INTO ticker_history (item_id, actor, action) SELECT id, 'omar', 'cancel' FROM ticker_items LIMIT 1",
                 "ticker_history.actor says omar from the login"),
                // The setting changed by the statement itself, after the check at its start.
                (reporter, """
                    INSERT INTO story_history (story_id, actor, action, from_status, to_status, version)
                    SELECT \(story), 'omar', 'approve', 'in_review', 'approved', 3 FROM (SELECT set_config('newsroom.actor', 'omar', true)) AS forged
                    """, "story_history.actor says omar from the login"),
                // Becoming someone else in PostgreSQL's own terms.
                (reporter, "SET ROLE \(logins.admin)", "permission denied to set role"),
                (reporter, "SET SESSION AUTHORIZATION \(logins.admin)", "permission denied to set session authorization"),
                (reporter, "SET ROLE newsroom", "permission denied to set role"),
                // Going round the triggers, the functions and the schema.
                (reporter, "ALTER TABLE stories DISABLE TRIGGER ALL", "must be owner of table stories"),
                (reporter, "DROP FUNCTION newsroom_verify_actor()", "must be owner of function newsroom_verify_actor"),
                (reporter, "CREATE OR REPLACE FUNCTION public.newsroom_login_is_owner() RETURNS boolean LANGUAGE sql AS 'SELECT true'",
                 "permission denied for schema public"),
                (reporter, "CREATE FUNCTION public.set_config(text, text, boolean) RETURNS text LANGUAGE sql AS 'SELECT $2'",
                 "permission denied for schema public"),
                (reporter, "DROP VIEW reader.stories", "must be owner of view stories"),
                (reporter, "TRUNCATE ticker_history", "append-only"),
                // A login that is no staff member's, with every table privilege.
                (try connect(logins.stranger), "INSERT INTO settings (key, value) VALUES ('site.name', 'x')", "is no staff member's"),
                (try connect(logins.stranger), "SELECT set_config('newsroom.actor', 'huda', true);" + withdraw, "is no staff member's"),
                (try connect(logins.stranger), "UPDATE staff SET role = 'chief' WHERE handle = 'layla'", "is no staff member's"),
                // Deactivated: at once, also in the session opened before.
                (leavingSession, "SELECT set_config('newsroom.actor', 'salem', true); UPDATE stories SET editor = 'omar' WHERE id = \(story)",
                 "no longer active"),
                (try connect(logins.leaving), "INSERT INTO ticker_items (text, starts_at, ends_at, created_by) VALUES ('x', now(), now() + interval '1 hour', 'salem')",
                 "no longer active"),
            ]
            for (connection, sql, message) in cases {
                Self.refused(connection, sql, message)
            }
            // Reading: the session opened before the deactivation, even having taken on a
            // group's role, and a stranger given every privilege, read nothing.
            let seen: Int64 = try leavingSession.queryOne("SELECT (SELECT count(*) FROM stories) + (SELECT count(*) FROM story_texts) + (SELECT count(*) FROM staff) AS n").decode("n")
            #expect(seen == 0, "a deactivated member's open session still reads \(seen) rows")
            let strangerSees: Int64 = try connect(logins.stranger).queryOne("SELECT count(*) AS n FROM story_texts").decode("n")
            #expect(strangerSees == 0)
            let reporterSees: Int64 = try reporter.queryOne("SELECT count(*) AS n FROM story_texts").decode("n")
            #expect(reporterSees >= 2, "an active member reads everything")
            #expect(try newsroom.database.snapshot() == before, "a refused write left something behind")
        }
    }

    @Test("through the tool each login acts as itself, an admin's may act for others, and history keeps the login that wrote it")
    func throughTheTool() throws {
        try Self.withLogins { newsroom, logins, _ in
            let host = try TestCluster.host()
            func run(as login: String, _ arguments: [String], acting: String? = nil) throws -> NewsroomRun {
                try NewsroomBinary.run(arguments, database: "host='\(host)' user=\(login) dbname=\(newsroom.database.name)",
                                       environment: acting.map { ["NEWSROOM_AS": $0] } ?? [:])
            }
            let created = try run(as: logins.reporter, ["draft", "create", "--headline", "خبر رانيا", "--section", "politics"])
            #expect(created.status == 0, "\(created)")
            let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let spiked = try run(as: logins.admin, ["story", "spike", id], acting: "huda")
            #expect(spiked.status == 0, "\(spiked)")
            let owner = try newsroom.database.connect()
            let lines = try owner.query("SELECT actor, action, login FROM story_history WHERE story_id = $1 ORDER BY id", [Int64(id)!]).map {
                "\(try $0.decode("actor", as: String.self)) \(try $0.decode("action", as: String.self)) \(try $0.decode("login", as: String.self))"
            }
            #expect(lines == ["rania create \(logins.reporter)", "huda spike \(logins.admin)"])
            // story history says who wrote a line when it was not the actor's own login.
            let shown = try #require(try NewsroomFixture.json(try run(as: logins.reporter, ["story", "history", id, "--json"])) as? [[String: Any]])
            #expect(shown.map { $0["login"] as? String } == [nil, logins.admin])
            // The owner acting for someone (the fixture's way): the owner's login is kept.
            try newsroom.steps([("huda", ["story", "restore", id])])
            let last: String = try owner.queryOne("SELECT login FROM story_history WHERE story_id = $1 ORDER BY id DESC LIMIT 1", [Int64(id)!]).decode("login")
            #expect(last == "newsroom")
        }
    }
    @Test("the deployment as meant: logins with only what staff add gave them; every forbidden write and read is refused, and nothing is written")
    func bypassMatrix() throws {
        try NewsroomFixture.with { newsroom in
            let suffix = newsroom.database.name.suffix(12)
            let names = ["reporter": "mr_\(suffix)", "editor": "me_\(suffix)", "chief": "mc_\(suffix)", "admin": "ma_\(suffix)",
                         "reader": "mw_\(suffix)", "stranger": "mx_\(suffix)"]
            let owner = try newsroom.database.connect()
            for login in names.values { try owner.executeScript("CREATE ROLE \(login) LOGIN") }
            defer { for login in names.values { _ = try? owner.executeScript("DROP OWNED BY \(login); DROP ROLE \(login)") } }
            try owner.query("SELECT newsroom_grant_reader($1)", [names["reader"]!])
            try newsroom.steps([
                ("adam", ["staff", "add", "rania", "--name", "رانيا", "--role", "reporter", "--login", names["reporter"]!]),
                ("adam", ["staff", "add", "salem", "--name", "سالم", "--role", "editor", "--login", names["editor"]!]),
                ("adam", ["staff", "add", "nour", "--name", "نور", "--role", "chief", "--login", names["chief"]!]),
                ("adam", ["staff", "add", "karim", "--name", "كريم", "--role", "admin", "--login", names["admin"]!]),
            ])
            let host = try TestCluster.host()
            func connect(_ who: String) throws -> PostgresConnection {
                try PostgresConnection(conninfo: "host='\(host)' user=\(names[who]!) dbname=\(newsroom.database.name)")
            }
            // rania's own story in review with salem; a published story; a draft.
            let own = try NewsroomBinary.run(["draft", "create", "--headline", "خبر رانيا", "--section", "politics"],
                                             database: "host='\(host)' user=\(names["reporter"]!) dbname=\(newsroom.database.name)")
            let mine = own.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try newsroom.steps([("huda", ["story", "assign", mine, "--editor", "salem"]), ("rania", ["story", "submit", mine])])
            let published = try newsroom.draft(headline: "خبر منشور")
            try newsroom.steps([("huda", ["story", "publish", published, "--skip-review", "--reason", "عاجل"])])
            let draft = try newsroom.draft(headline: "مسودة سرية")
            // rania's login notes the draft through the tool, as herself, naming salem.
            let noted = try NewsroomBinary.run(["story", "note", draft, "--text", "من المصدر؟ @salem", "--json"],
                                               database: "host='\(host)' user=\(names["reporter"]!) dbname=\(newsroom.database.name)")
            #expect(noted.status == 0, "\(noted.stderr)")
            #expect(noted.stdout.contains("\"author\": \"rania\"") && noted.stdout.contains("\"salem\""), "\(noted.stdout)")
            // salem is editing the published story (an edit lease, 0024).
            try owner.executeScript("INSERT INTO story_leases (story_id, holder, expires_at) VALUES (\(published), 'salem', now() + interval '1 hour')")
            let before = try newsroom.database.snapshot()

            let (reporter, editor, chief, admin) = (try connect("reporter"), try connect("editor"), try connect("chief"), try connect("admin"))
            let cases: [(PostgresConnection, String, String)] = [
                (reporter, """
                    UPDATE stories SET status = 'approved', version = version + 1, approved_at = now() WHERE id = \(mine);
                    INSERT INTO story_history (story_id, actor, action, from_status, to_status, version) VALUES (\(mine), 'rania', 'approve', 'in_review', 'approved', 4);
                    """, "approve"),
                (reporter, "UPDATE story_history SET actor = 'huda' WHERE story_id = \(mine)", "permission denied for table story_history"),
                (reporter, "DELETE FROM story_history WHERE story_id = \(mine)", "permission denied for table story_history"),
                (reporter, "INSERT INTO story_revisions (story_id, version, headline, section, body, edited_by, edited_at) SELECT story_id, 99, headline, 'politics', body, 'huda', now() FROM story_texts LIMIT 1",
                 "permission denied for table story_revisions"),
                (reporter, "UPDATE staff SET role = 'chief' WHERE handle = 'rania'", "permission denied for table staff"),
                (reporter, "INSERT INTO staff (handle, name, role) VALUES ('mole', 'x', 'admin')", "permission denied for table staff"),
                (reporter, "INSERT INTO settings (key, value) VALUES ('site.name', 'x')", "permission denied for table settings"),
                (reporter, "INSERT INTO ticker_items (text, starts_at, ends_at, created_by) VALUES ('x', now(), now() + interval '1 hour', 'rania')",
                 "permission denied for table ticker_items"),
                (reporter, "SELECT newsroom_create_login('mole', 'SCRAM-SHA-256$x')", "permission denied for function newsroom_create_login"),
                (reporter, "SELECT newsroom_setup_groups()", "permission denied for function newsroom_setup_groups"),
                (reporter, "SELECT reader_changes_note('site', true)", "permission denied for function reader_changes_note"),
                (reporter, "SELECT newsroom_grant_reader('\(names["stranger"]!)')", "permission denied for function newsroom_grant_reader"),
                (reporter, "GRANT \(newsroom.database.name)_admin TO \(names["reporter"]!)", "must have admin option on role"),
                (reporter, "TRUNCATE stories", "permission denied for table stories"),
                (editor, "UPDATE story_texts SET body = 'نص آخر' WHERE story_id = \(published)", "later version"),
                (editor, "UPDATE staff SET active = false WHERE handle = 'huda'", "permission denied for table staff"),
                (reporter, "INSERT INTO stories (section, author, status, version) VALUES ('politics', 'layla', 'draft', 1)",
                 "stories.author says layla from the login"),
                (editor, "INSERT INTO ticker_items (text, starts_at, ends_at, created_by) VALUES ('x', now(), now() + interval '1 hour', 'huda')",
                 "ticker_items.created_by says huda"),
                (editor, "ALTER TABLE story_history DISABLE TRIGGER story_history_by_actor", "must be owner of table story_history"),
                (chief, "UPDATE staff SET role = 'admin' WHERE handle = 'nour'", "permission denied for table staff"),
                (chief, "SELECT set_config('newsroom.actor', 'adam', true); INSERT INTO sections (slug, name) VALUES ('mole', 'x')", "may not act as adam"),
                (admin, "CREATE ROLE mole_\(suffix) LOGIN", "permission denied to create role"),
                (admin, "ALTER ROLE \(names["admin"]!) CREATEROLE", "permission denied"),
                (try connect("reader"), "SELECT count(*) FROM story_texts", "permission denied for table story_texts"),
                (try connect("reader"), "INSERT INTO settings (key, value) VALUES ('site.name', 'x')", "permission denied for table settings"),
                (try connect("stranger"), "SELECT count(*) FROM stories", "permission denied for table stories"),
                // Notes (0019): written as oneself, never changed, never read by readers or strangers.
                (reporter, "INSERT INTO story_notes (story_id, author, text) VALUES (\(draft), 'huda', 'ملاحظة')", "story_notes.author says huda"),
                (reporter, "INSERT INTO story_notes (story_id, author, text) VALUES (\(draft), 'rania', 'ملاحظة'); UPDATE story_notes SET text = 'غيرها'",
                 "permission denied for table story_notes"),
                (chief, "INSERT INTO story_note_states (note_id, story_id, resolved, actor) SELECT id, story_id, true, 'huda' FROM story_notes",
                 "story_note_states.actor says huda"),
                (try connect("reader"), "SELECT count(*) FROM story_notes", "permission denied for table story_notes"),
                // The budget (0020): one's own stories, as oneself; never changed.
                (reporter, "INSERT INTO story_budget (story_id, line, set_by) VALUES (\(draft), 'سطر', 'rania')", "may not plan story"),
                (reporter, "INSERT INTO story_budget (story_id, line, set_by) VALUES (\(mine), 'سطر', 'huda')", "story_budget.set_by says huda"),
                // Edit leases (0024): taken as oneself; another's is broken only by an editor or a chief.
                (reporter, "INSERT INTO story_leases (story_id, holder, expires_at) VALUES (\(draft), 'huda', now() + interval '1 hour')", "story_leases.holder says huda"),
                (reporter, "DELETE FROM story_leases WHERE story_id = \(published)", "only they give it back"),
                (reporter, "UPDATE story_leases SET holder = 'rania', taken_from = 'salem' WHERE story_id = \(published)", "only an editor or a chief takes it over"),
                (editor, "UPDATE story_budget SET line = 'x'", "permission denied for table story_budget"),
                (try connect("reader"), "SELECT count(*) FROM story_budget", "permission denied for table story_budget"),
                (try connect("stranger"), "SELECT count(*) FROM story_note_states", "permission denied for table story_note_states"),
            ]
            for (connection, sql, message) in cases {
                Self.refused(connection, sql, message)
            }
            // The reader role reads the published views only: not the draft.
            let readable: Int64 = try connect("reader").queryOne("SELECT count(*) AS n FROM reader.stories WHERE id = $1", [Int64(draft)!]).decode("n")
            #expect(readable == 0)
            #expect(try newsroom.database.snapshot() == before, "a refused write left something behind")
        }
    }
}
