import Foundation
import PostgresClient
import Testing
import TestSupport

/// scripts/backup keeps what a database dump leaves out: restored into a new cluster as the
/// README says, a staff member's login (its password, its grants) works as before.
@Suite("backups: roles beside the database")
struct BackupTests {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test("a staff login, its password and its grants survive scripts/backup and a restore into a fresh cluster")
    func roundTrip() throws {
        try NewsroomFixture.with { newsroom in
            let login = "bak_\(newsroom.database.name.suffix(12))"
            let owner = try newsroom.database.connect()
            try owner.executeScript("""
                CREATE ROLE \(login) LOGIN PASSWORD 'restored s3cret';
                GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO \(login);
                GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(login);
                """)
            defer { _ = try? owner.executeScript("DROP OWNED BY \(login); DROP ROLE \(login)") }
            try newsroom.steps([("adam", ["staff", "add", "rania", "--name", "رانيا", "--role", "reporter", "--login", login])])
            let host = try TestCluster.host()
            let asRania = try NewsroomBinary.run(["draft", "create", "--headline", "خبر قبل النسخة", "--section", "politics"],
                                                 database: "host='\(host)' user=\(login) dbname=\(newsroom.database.name)")
            #expect(asRania.status == 0, "\(asRania)")

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-backup-\(UUID().uuidString)")
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && !$0.key.hasPrefix("NEWSROOM_") }
            environment["NEWSROOM_DATABASE_URL"] = newsroom.database.conninfo
            let backup = try Spawn.run(Self.repository.appendingPathComponent("scripts/backup").path, [folder.path], environment: environment)
            try #require(backup.status == 0, "\(backup.output)")
            let roles = try String(contentsOf: folder.appendingPathComponent("roles.sql"), encoding: .utf8)
            #expect(roles.contains("CREATE ROLE \(login)") && roles.contains("SCRAM-SHA-256$"), "the login and its password hash")
            let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("roles.sql").path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "password hashes are the owner's to read")

            // Restored as the README says, into a new cluster.
            let restore = """
                set -euo pipefail
                . scripts/lib/common.sh
                bin=$(pg_bindir)
                mkdir -p "$1/cluster" && cluster_paths "$1/cluster" && cluster_up
                "$bin/psql" -X -q -h "$CLUSTER_SOCKET" -U newsroom -d postgres -f "$1/roles.sql" >/dev/null 2>&1 || true
                "$bin/createdb" -h "$CLUSTER_SOCKET" -U newsroom newsroom
                "$bin/pg_restore" -h "$CLUSTER_SOCKET" -U newsroom -d newsroom "$1/newsroom.dump"
                echo "$CLUSTER_SOCKET"
                """
            let stop = ". scripts/lib/common.sh; cluster_paths \"$1/cluster\"; cluster_down; rm -rf \"$1\" \"$(dirname \"$CLUSTER_DATA\")\""
            let restored = try Spawn.run("/bin/bash", ["-c", "cd '\(Self.repository.path)' && " + restore, "restore", folder.path], environment: environment)
            defer { _ = try? Spawn.run("/bin/bash", ["-c", "cd '\(Self.repository.path)' && " + stop, "stop", folder.path], environment: environment) }
            try #require(restored.status == 0, "\(restored.output)")
            let socket = try #require(restored.output.split(separator: "\n").last.map(String.init))

            // The login, with its password: over the socket with a password required.
            let superuser = try PostgresConnection(conninfo: "host='\(socket)' user=newsroom dbname=newsroom")
            let hash: String = try superuser.queryOne("SELECT rolpassword FROM pg_authid WHERE rolname = $1", [login]).decode("rolpassword")
            #expect(hash.hasPrefix("SCRAM-SHA-256$"))
            let listed = try NewsroomBinary.run(["story", "list", "--json"], database: "host='\(socket)' user=\(login) dbname=newsroom")
            #expect(listed.status == 0 && listed.stdout.contains("خبر قبل النسخة"), "\(listed)")
            let again = try NewsroomBinary.run(["draft", "create", "--headline", "خبر بعد الاستعادة", "--section", "politics"],
                                               database: "host='\(socket)' user=\(login) dbname=newsroom")
            #expect(again.status == 0, "rania writes as herself on the restored newsroom: \(again)")
        }
    }
}
