import Foundation
import PostgresClient
import Testing
import TestSupport

/// Logins with no grants of their own get, by `staff add --login`, exactly what the person's
/// role needs (this database's group roles, Migrations/0016), and lose it when deactivated.
@Suite("staff logins and this database's group roles")
struct StaffLoginTests {
    @Test("a reporter, an editor, a chief and an admin work through the tool as themselves with nothing granted by hand; deactivated, a login reads nothing")
    func workflow() throws {
        try NewsroomFixture.with { newsroom in
            let suffix = newsroom.database.name.suffix(12)
            let logins = ["reporter": "lr_\(suffix)", "editor": "le_\(suffix)", "chief": "lc_\(suffix)", "admin": "la_\(suffix)", "none": "ln_\(suffix)"]
            let owner = try newsroom.database.connect()
            for login in logins.values { try owner.executeScript("CREATE ROLE \(login) LOGIN") }
            defer {
                for login in logins.values { _ = try? owner.executeScript("DROP OWNED BY \(login); DROP ROLE \(login)") }
            }
            try newsroom.steps([
                ("adam", ["staff", "add", "rania", "--name", "رانيا", "--role", "reporter", "--login", logins["reporter"]!]),
                ("adam", ["staff", "add", "salem", "--name", "سالم", "--role", "editor", "--login", logins["editor"]!]),
                ("adam", ["staff", "add", "nour", "--name", "نور", "--role", "chief", "--login", logins["chief"]!]),
                ("adam", ["staff", "add", "karim", "--name", "كريم", "--role", "admin", "--login", logins["admin"]!]),
            ])
            let host = try TestCluster.host()
            func run(_ who: String, _ arguments: [String]) throws -> NewsroomRun {
                try NewsroomBinary.run(arguments, database: "host='\(host)' user=\(logins[who]!) dbname=\(newsroom.database.name)")
            }
            func ok(_ who: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
                let result = try run(who, arguments)
                #expect(result.status == 0, "\(who): \(arguments.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
                return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }

            // Each login is in its own role's group of this database, and has no attribute.
            let groups = try owner.query("""
                SELECT l.rolname AS login, g.rolname AS grp, l.rolcreaterole OR l.rolcreatedb OR l.rolsuper AS attributes
                  FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles l ON l.oid = m.member
                 WHERE l.rolname = ANY($1) ORDER BY l.rolname
                """, [Array(logins.values).joined(separator: ",")].map { "{\($0)}" })
            let found = Dictionary(uniqueKeysWithValues: try groups.map { (try $0.decode("login", as: String.self), try $0.decode("grp", as: String.self)) })
            for role in ["reporter", "editor", "chief", "admin"] {
                #expect(found[logins[role]!] == "\(newsroom.database.name)_\(role)", "\(role): \(found)")
            }
            #expect(found[logins["none"]!] == nil)
            #expect(try groups.allSatisfy { try !$0.decode("attributes", as: Bool.self) })

            // The whole path, each as themselves.
            let id = try ok("reporter", ["draft", "create", "--headline", "خبر رانيا", "--section", "politics"])
            _ = try ok("chief", ["story", "assign", id, "--editor", "salem"])
            _ = try ok("reporter", ["story", "submit", id])
            _ = try ok("editor", ["story", "approve", id])
            _ = try ok("editor", ["story", "publish", id])
            _ = try ok("editor", ["ticker", "schedule", "--text", "سطر مرتبط", "--for", "1h", "--story", id])
            _ = try ok("chief", ["story", "withdraw", id, "--reason", "خطأ قانوني"])
            _ = try ok("chief", ["config", "set", "site.name", "بغداد اليوم"])
            _ = try ok("admin", ["section", "add", "economy", "--name", "اقتصاد"])
            _ = try ok("admin", ["staff", "add", "huda2", "--name", "هدى", "--role", "editor"])
            let history = try #require(try NewsroomFixture.json(try run("reporter", ["story", "history", id, "--json"])) as? [[String: Any]])
            #expect(history.compactMap { $0["actor"] as? String } == ["rania", "nour", "rania", "salem", "salem", "nour"])

            // What a role may not do is refused (by the rules, or for want of the privilege).
            #expect(try run("reporter", ["ticker", "schedule", "--text", "سطر", "--for", "1h"]).status == 1)
            #expect(try run("reporter", ["config", "set", "site.name", "x"]).status == 1)
            #expect(try run("editor", ["staff", "add", "x1", "--name", "x", "--role", "reporter"]).status == 1)

            // Every staff login searches the whole newsroom (the withdrawn story too); a stranger's finds nothing.
            let searched = try #require(try NewsroomFixture.json(try run("reporter", ["search", "رانيا", "--json"])) as? [String: Any])
            #expect((searched["hits"] as? [[String: Any]])?.map { ($0["id"] as! NSNumber).stringValue } == [id])
            let strangerSearch = try run("none", ["search", "رانيا"])
            #expect(strangerSearch.status == 1 && strangerSearch.stderr.contains("permission denied"), "\(strangerSearch)")

            // No staff member's login reads nothing; nor does a deactivated one's.
            let stranger = try run("none", ["story", "list"])
            #expect(stranger.status == 1 && stranger.stderr.contains("permission denied"), "\(stranger)")
            _ = try ok("admin", ["staff", "deactivate", "rania"])
            let gone = try run("reporter", ["story", "list"])
            #expect(gone.status == 1 && gone.stderr.contains("permission denied"), "\(gone)")
            let member: Int64 = try owner.queryOne(
                "SELECT count(*) AS n FROM pg_auth_members m JOIN pg_roles l ON l.oid = m.member WHERE l.rolname = $1", [logins["reporter"]!]
            ).decode("n")
            #expect(member == 0)
        }
    }
    @Test("--create-login makes the login with a password hashed by libpq (from standard input here), and it works at once; refusals change nothing")
    func createLogin() throws {
        try NewsroomFixture.with { newsroom in
            let login = "lx_\(newsroom.database.name.suffix(12))"
            let owner = try newsroom.database.connect()
            defer { _ = try? owner.executeScript("DROP OWNED BY \(login); DROP ROLE IF EXISTS \(login)") }
            let secret = Data("a long pass phrase ٢٠٢٦\n".utf8)
            let add = ["staff", "add", "rana", "--name", "رنا", "--role", "reporter", "--login", login, "--create-login", "--password-stdin"]

            // A dry run, then no way to read a password, then the real thing.
            let dry = try newsroom.run(add + ["--dry-run"], as: "adam", stdin: secret)
            #expect(dry.status == 0, "\(dry)")
            #expect(try owner.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [login]).isEmpty, "a dry run creates no login")
            let noTerminal = try newsroom.run(Array(add.dropLast()), as: "adam")
            #expect(noTerminal.status == 1 && noTerminal.stderr.contains("--password-stdin"), "\(noTerminal)")
            let made = try newsroom.run(add, as: "adam", stdin: secret)
            #expect(made.status == 0, "\(made)")
            #expect(!(made.stdout + made.stderr).contains("pass phrase"))
            let hash: String = try owner.queryOne("SELECT rolpassword FROM pg_authid WHERE rolname = $1", [login]).decode("rolpassword")
            #expect(hash.hasPrefix("SCRAM-SHA-256$") && !hash.contains("pass phrase"))
            let attributes: Bool = try owner.queryOne("SELECT rolcreaterole OR rolcreatedb OR rolsuper AS any FROM pg_roles WHERE rolname = $1", [login]).decode("any")
            #expect(!attributes)

            let asRana = try NewsroomBinary.run(["draft", "create", "--headline", "خبر رنا", "--section", "politics"],
                                                database: "host='\(try TestCluster.host())' user=\(login) dbname=\(newsroom.database.name)")
            #expect(asRana.status == 0, "\(asRana)")

            let again = try newsroom.run(["staff", "add", "rana2", "--name", "رنا", "--role", "reporter", "--login", login, "--create-login", "--password-stdin"],
                                         as: "adam", stdin: secret)
            #expect(again.status == 1 && again.stderr.contains("already"), "\(again)")
            let usage = try newsroom.run(["staff", "add", "rana3", "--name", "رنا", "--role", "reporter", "--password-stdin"], as: "adam")
            #expect(usage.status == 64 && usage.stderr.contains("--password-stdin goes with --create-login"), "\(usage)")
        }
    }
    @Test("staff edit moves a login between this database's groups at once, and --no-login takes it out of them")
    func edit() throws {
        try NewsroomFixture.with { newsroom in
            let (first, second) = ("lf_\(newsroom.database.name.suffix(12))", "lg_\(newsroom.database.name.suffix(12))")
            let owner = try newsroom.database.connect()
            try owner.executeScript("CREATE ROLE \(first) LOGIN; CREATE ROLE \(second) LOGIN")
            defer { _ = try? owner.executeScript("DROP OWNED BY \(first), \(second); DROP ROLE \(first), \(second)") }
            func groups(_ login: String) throws -> [String] {
                try owner.query("""
                    SELECT g.rolname AS grp FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles l ON l.oid = m.member
                     WHERE l.rolname = $1 ORDER BY 1
                    """, [login]).map { try $0.decode("grp") }
            }
            let prefix = newsroom.database.name
            try newsroom.steps([("adam", ["staff", "add", "rania", "--name", "رانيا", "--role", "reporter", "--login", first])])
            #expect(try groups(first) == ["\(prefix)_reporter"])
            try newsroom.steps([("adam", ["staff", "edit", "rania", "--role", "editor", "--name", "رانيا ك."])])
            #expect(try groups(first) == ["\(prefix)_editor"])
            try newsroom.steps([("adam", ["staff", "edit", "rania", "--login", second])])
            #expect(try groups(first) == [] && groups(second) == ["\(prefix)_editor"])
            try newsroom.steps([("adam", ["staff", "edit", "rania", "--no-login"])])
            #expect(try groups(second) == [])
            let nothing = try newsroom.run(["staff", "edit", "rania"], as: "adam")
            #expect(nothing.status == 64 && nothing.stderr.contains("nothing to change"), "\(nothing)")
            let byEditor = try newsroom.run(["staff", "edit", "layla", "--role", "chief"], as: "omar")
            #expect(byEditor.status == 1, "\(byEditor)")
            let missing = try newsroom.run(["staff", "edit", "rania", "--login", "no_such_login_here"], as: "adam")
            #expect(missing.status == 1 && missing.stderr.contains("no role"), "\(missing)")
        }
    }
    @Test("the scheduler's own login publishes what is due, as the line's scheduler, and nothing else")
    func schedulerLogin() throws {
        try NewsroomFixture.with { newsroom in
            let login = "ls_\(newsroom.database.name.suffix(12))"
            let owner = try newsroom.database.connect()
            try owner.executeScript("CREATE ROLE \(login) LOGIN")
            defer { _ = try? owner.executeScript("DROP OWNED BY \(login); DROP ROLE \(login)") }
            try owner.query("SELECT newsroom_grant_scheduler($1)", [login])
            func scheduled(_ headline: String, at: String) throws -> String {
                let id = try newsroom.draft(headline: headline)
                try newsroom.steps([("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id]),
                                    ("omar", ["story", "approve", id]), ("omar", ["story", "publish", id, "--at", at])])
                return id
            }
            let due = try scheduled("خبر مستحق", at: "+1s")
            let later = try scheduled("خبر للغد", at: "+1d")
            let approved = try newsroom.draft(headline: "خبر موافق عليه")
            try newsroom.steps([("huda", ["story", "assign", approved, "--editor", "omar"]), ("layla", ["story", "submit", approved]),
                                ("omar", ["story", "approve", approved])])
            Thread.sleep(forTimeInterval: 1.2)
            let database = "host='\(try TestCluster.host())' user=\(login) dbname=\(newsroom.database.name)"
            let run = try NewsroomBinary.run(["scheduler", "run", "--once"], database: database)
            #expect(run.status == 0, "\(run)")
            let line = try owner.queryOne("SELECT actor, action, login FROM story_history WHERE story_id = $1 ORDER BY id DESC LIMIT 1", [Int64(due)!])
            #expect(try line.decode("action", as: String.self) == "publish_scheduled")
            #expect(try line.decode("actor", as: String.self) == "omar")
            #expect(try line.decode("login", as: String.self) == login)

            let before = try newsroom.database.snapshot()
            let scheduler = try PostgresConnection(conninfo: database)
            let publish = { (id: String, from: String) in """
                UPDATE stories SET status = 'published', published_at = now(), version = version + 1 WHERE id = \(id);
                INSERT INTO story_history (story_id, actor, action, from_status, to_status, version, note)
                SELECT id, 'omar', 'publish_scheduled', '\(from)', 'published', version, 'x' FROM stories WHERE id = \(id);
                """ }
            for (sql, message) in [
                (publish(later, "scheduled"), "only publishes a scheduled story once it is due"),
                (publish(approved, "approved"), "only publishes a scheduled story once it is due"),
                ("SELECT set_config('newsroom.actor', 'huda', true); UPDATE stories SET editor = 'omar' WHERE id = \(later)", "may not act as huda"),
                ("INSERT INTO story_history (story_id, actor, action, from_status, to_status, version) VALUES (\(approved), 'omar', 'approve', 'in_review', 'approved', 9)",
                 "writes only the line of a due story"),
                ("INSERT INTO settings (key, value) VALUES ('site.name', 'x')", "permission denied for table settings"),
                ("INSERT INTO ticker_items (text, starts_at, ends_at, created_by) VALUES ('x', now(), now() + interval '1 hour', 'omar')",
                 "permission denied for table ticker_items"),
            ] {
                WhoIsActingTests.refused(scheduler, sql, message)
            }
            #expect(try newsroom.database.snapshot() == before)
            #expect(throws: PostgresError.self) { try owner.query("SELECT newsroom_grant_scheduler('no_such_login_anywhere')") }
        }
    }
    @Test("where the database's owner may not create roles (managed PostgreSQL), migrate still works and adding a staff login says what an administrator runs")
    func ownerWithoutCreateRole() throws {
        let suffix = String(UUID().uuidString.prefix(8)).lowercased()
        let (owner, database) = ("mgown_\(suffix)", "mgdb_\(suffix)")
        let admin = try TestCluster.adminConnection()
        try admin.executeScript("CREATE ROLE \(owner) LOGIN")
        try admin.executeScript("CREATE DATABASE \(database) OWNER \(owner)")
        defer {
            _ = try? admin.executeScript("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            _ = try? admin.executeScript("DROP ROLE IF EXISTS \(owner)")
        }
        let conninfo = "host='\(try TestCluster.host())' user=\(owner) dbname=\(database)"
        let migrated = try NewsroomBinary.run(["migrate"], database: conninfo)
        #expect(migrated.status == 0, "\(migrated)")
        try #require(try NewsroomBinary.run(["section", "add", "politics", "--name", "سياسة"], database: conninfo).status == 0)

        try admin.executeScript("CREATE ROLE mgold_\(suffix) LOGIN")
        defer { _ = try? admin.executeScript("DROP ROLE IF EXISTS mgold_\(suffix)") }
        let added = try NewsroomBinary.run(["staff", "add", "rania", "--name", "رانيا", "--role", "reporter", "--login", "mgold_\(suffix)"], database: conninfo)
        #expect(added.status == 1 && added.stderr.contains("may not create roles")
                && added.stderr.contains("CREATE ROLE mgdb_\(suffix)_reporter NOLOGIN"), "\(added)")
        let created = try NewsroomBinary.run(
            ["staff", "add", "salem", "--name", "سالم", "--role", "editor", "--login", "mgnew_\(suffix)", "--create-login", "--password-stdin"],
            database: conninfo, stdin: Data("hidden pass words\n".utf8))
        #expect(created.status == 1, "\(created)")
        #expect(created.stderr.contains("may not create roles") && created.stderr.contains("CREATE ROLE mgnew_\(suffix) LOGIN PASSWORD 'SCRAM-SHA-256$"),
                "\(created.stderr)")
        #expect(!created.stderr.contains("hidden pass words"))
        let staff = try NewsroomBinary.run(["staff", "list", "--json"], database: conninfo)
        #expect(!staff.stdout.contains("salem") && !staff.stdout.contains("rania"), "nothing was added")
    }
}
