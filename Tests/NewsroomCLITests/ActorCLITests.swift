import Foundation
import PostgresClient
import Testing
import TestSupport

/// Who is acting: --as is honoured only for the database owner and an admin's login.
@Suite("newsroom: who is acting")
struct ActorCLITests {
    @Test("a staff login acts as itself; --as from it is refused unless it is an admin's")
    func logins() throws {
        try NewsroomFixture.with { newsroom in
            let suffix = newsroom.database.name.suffix(12)
            let reporterRole = "rep_\(suffix)", adminRole = "adm_\(suffix)"
            let connection = try newsroom.database.connect()
            // Roles are cluster-wide; the names carry this test's database name so tests never collide.
            try connection.executeScript("""
                CREATE ROLE \(reporterRole) LOGIN; CREATE ROLE \(adminRole) LOGIN;
                GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO \(reporterRole), \(adminRole);
                """)
            defer { _ = try? connection.executeScript("DROP OWNED BY \(reporterRole), \(adminRole); DROP ROLE \(reporterRole), \(adminRole)") }
            try newsroom.steps([
                ("adam", ["staff", "add", "rania", "--name", "رانيا", "--role", "reporter", "--login", reporterRole]),
                ("adam", ["staff", "add", "karim", "--name", "كريم", "--role", "admin", "--login", adminRole]),
            ])
            let host = try TestCluster.host()
            func run(as role: String, _ arguments: [String], acting: String? = nil) throws -> NewsroomRun {
                var extra: [String: String] = [:]
                if let acting { extra["NEWSROOM_AS"] = acting }
                return try NewsroomBinary.run(arguments, database: "host='\(host)' user=\(role) dbname=\(newsroom.database.name)", environment: extra)
            }
            let own = try run(as: reporterRole, ["draft", "create", "--headline", "خبر", "--section", "politics"])
            #expect(own.status == 0, "\(own)")
            let id = own.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let history = try #require(try NewsroomFixture.json(try run(as: reporterRole, ["story", "history", id, "--json"])) as? [[String: Any]])
            #expect(history.first?["actor"] as? String == "rania")

            let impersonate = try run(as: reporterRole, ["story", "spike", id], acting: "huda")
            #expect(impersonate.status == 1)
            #expect(impersonate.stderr.contains("only the database owner or an admin's login"))

            let viaAdmin = try run(as: adminRole, ["story", "spike", id], acting: "huda")
            #expect(viaAdmin.status == 0, "\(viaAdmin)")

            let stranger = try run(as: adminRole, ["staff", "deactivate", "rania"])
            #expect(stranger.status == 0, "an admin's login manages staff as itself: \(stranger)")
            let inactive = try run(as: reporterRole, ["draft", "create", "--headline", "خبر", "--section", "politics"])
            #expect(inactive.status == 1)
            #expect(inactive.stderr.contains("no longer active"))
        }
    }
}
