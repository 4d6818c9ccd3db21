import Foundation
import PostgresClient
import Testing
import TestSupport

/// A login's temporary schema is searched first for tables and views wherever `pg_temp` is
/// not named last in `search_path`, also inside a function whose path is pinned without it.
/// So a staff login that may create temporary tables could shadow `staff` (or any table the
/// rules read) with rows of its own and pass for the chief. Every function of the schema
/// names `pg_temp` last (Migrations/0028), and no login but the owner may create temporary
/// tables at all. Each defence is tested on its own: the attacks below run with TEMPORARY
/// granted back to the attacker, as on a database restored without 0028's revoke.
@Suite("shadow tables: a login's temporary tables never stand in for the newsroom's")
struct ShadowTableTests {
    /// How much of the schema the attacker copies into its temporary schema.
    enum Shadow: CaseIterable { case staffOnly, everyTableAndView }

    @Test("for a reporter's and an editor's login: shadowed staff, or every table and view, naming them chief or admin, with and without search_path = pg_temp, public; forged moves and staff changes are all refused and nothing is written")
    func shadowAttack() throws {
        try NewsroomFixture.with { newsroom in
            let suffix = newsroom.database.name.suffix(12)
            let logins = ["rania": "sr_\(suffix)", "salem": "se_\(suffix)"]
            let owner = try newsroom.database.connect()
            for login in logins.values { try owner.executeScript("CREATE ROLE \(login) LOGIN") }
            defer { for login in logins.values { _ = try? owner.executeScript("DROP OWNED BY \(login); DROP ROLE \(login)") } }
            try newsroom.steps([
                ("adam", ["staff", "add", "rania", "--name", "رانيا", "--role", "reporter", "--login", logins["rania"]!]),
                ("adam", ["staff", "add", "salem", "--name", "سالم", "--role", "editor", "--login", logins["salem"]!]),
            ])
            let host = try TestCluster.host()
            func conninfo(_ who: String) -> String { "host='\(host)' user=\(logins[who]!) dbname=\(newsroom.database.name)" }
            // Each attacker's own story, in review (rania's with salem; salem's with omar).
            var own: [String: String] = [:]
            for (who, editor) in [("rania", "salem"), ("salem", "omar")] {
                let created = try NewsroomBinary.run(["draft", "create", "--headline", "خبر \(who)", "--section", "politics"], database: conninfo(who))
                #expect(created.status == 0, "\(created)")
                own[who] = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                try newsroom.steps([("huda", ["story", "assign", own[who]!, "--editor", editor]), (who, ["story", "submit", own[who]!])])
            }
            let published = try newsroom.draft(headline: "خبر منشور")
            try newsroom.steps([("huda", ["story", "publish", published, "--skip-review", "--reason", "عاجل"])])
            let draft = try newsroom.draft(headline: "مسودة")

            // Without TEMPORARY (0028 revoked it from PUBLIC), no temporary table at all.
            let plain = try PostgresConnection(conninfo: conninfo("rania"))
            WhoIsActingTests.refused(plain, "CREATE TEMP TABLE staff (handle text)", "permission denied to create temporary tables")

            try owner.executeScript("GRANT TEMPORARY ON DATABASE \(newsroom.database.name) TO \(logins.values.joined(separator: ", "))")
            let relations = try owner.query(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p') ORDER BY 1"
            ).map { try $0.decode("relname", as: String.self) }
            #expect(relations.contains("staff") && relations.contains("stories") && relations.count > 20, "\(relations)")
            let before = try newsroom.database.snapshot()

            var attempts = 0
            for (who, handle) in [("rania", "rania"), ("salem", "salem")] {
                for shadow in Shadow.allCases {
                    for pathFirst in [false, true] {
                        // The fake rows: the login's own handle made chief, and the chief's and
                        // the admin's handles given the login.
                        for (posedAs, role) in [(handle, "chief"), ("huda", "chief"), ("adam", "admin")] {
                            let attacker = try PostgresConnection(conninfo: conninfo(who))
                            try Self.shadow(attacker, relations: shadow == .staffOnly ? ["staff"] : relations)
                            try attacker.executeScript("""
                                DELETE FROM pg_temp.staff WHERE login = session_user OR handle = '\(posedAs)';
                                INSERT INTO pg_temp.staff (handle, name, role, active, login, created_at) VALUES ('\(posedAs)', 'x', '\(role)', true, session_user, now());
                                """)
                            if pathFirst { try attacker.executeScript("SET search_path = pg_temp, public") }
                            for forged in Self.forgeries(actor: posedAs, published: published, own: own[who]!, draft: draft) {
                                attempts += 1
                                Self.refusedOutright(attacker, forged, "\(who) as \(posedAs) (\(role)), \(shadow), pg_temp first: \(pathFirst)")
                            }
                        }
                    }
                }
            }
            #expect(attempts == 2 * 2 * 2 * 3 * 5)
            #expect(try newsroom.database.snapshot() == before, "a forged write through a shadow table left something behind")
        }
    }

    /// Copies of `relations` in the login's temporary schema, filled with what it may read.
    static func shadow(_ connection: PostgresConnection, relations: [String]) throws {
        for relation in relations {
            // Names from the catalogue, quoted: never input.
            let name = quoteIdentifier(relation)
            try connection.executeScript("CREATE TEMP TABLE \(name) (LIKE public.\(name) INCLUDING DEFAULTS)")
            _ = try? connection.executeScript("INSERT INTO pg_temp.\(name) SELECT * FROM public.\(name)")
        }
    }

    /// The writes a chief or an admin could make, forged with SQL against the real tables.
    static func forgeries(actor: String, published: String, own: String, draft: String) -> [String] {
        let act = "SET LOCAL newsroom.actor = '\(actor)';"
        func move(_ id: String, to status: String, stamp: String, action: String, from: String) -> String {
            """
            \(act)
            UPDATE public.stories s SET status = '\(status)', version = s.version + 1, updated_at = now(), \(stamp) = now() WHERE id = \(id);
            INSERT INTO public.story_history (story_id, actor, action, from_status, to_status, version, note)
                 SELECT \(id), '\(actor)', '\(action)', '\(from)', '\(status)', version, 'forged' FROM public.stories WHERE id = \(id);
            """
        }
        return [
            move(published, to: "withdrawn", stamp: "withdrawn_at", action: "withdraw", from: "published"),
            move(own, to: "approved", stamp: "approved_at", action: "approve", from: "in_review"),
            move(draft, to: "published", stamp: "published_at", action: "publish_skip_review", from: "draft"),
            act + "INSERT INTO public.staff (handle, name, role) VALUES ('mole', 'x', 'admin')",
            act + "UPDATE public.staff SET role = 'chief' WHERE login = session_user",
        ]
    }

    /// Refused by the database (whatever rule catches it first), in a transaction of its own.
    static func refusedOutright(_ connection: PostgresConnection, _ sql: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try connection.transaction { try connection.executeScript(sql) }
            Issue.record("committed, \(what): \(sql)", sourceLocation: sourceLocation)
        } catch let error as PostgresError {
            #expect(error.serverError != nil, "\(what): \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(what): \(error)", sourceLocation: sourceLocation)
        }
    }
}
