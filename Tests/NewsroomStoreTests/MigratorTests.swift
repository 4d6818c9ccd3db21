import Foundation
import NewsroomStore
import PostgresClient
import Testing
import TestSupport

@Suite("Migrator")
struct MigratorTests {
    @Test("a fresh database gets every migration, once; a second run changes nothing")
    func freshAndIdempotent() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            let migrator = Migrator()
            #expect(!migrator.migrations.isEmpty)
            #expect(throws: MigrationError.pending(migrator.migrations.map(\.name))) {
                try migrator.requireUpToDate(connection)
            }
            let applied = try migrator.migrate(connection)
            #expect(applied == migrator.migrations.map(\.name))
            let before = try database.snapshot()
            #expect(try migrator.migrate(connection) == [])
            #expect(try database.snapshot() == before)
            try migrator.requireUpToDate(connection)
            let status = try migrator.status(connection)
            #expect(status.pending.isEmpty)
            #expect(status.applied.map(\.name) == applied)
        }
    }

    @Test("names are in order and each checksum is the SHA-256 of the file PostgreSQL computes too")
    func checksums() throws {
        let migrations = Migration.bundled
        #expect(migrations.map(\.name) == migrations.map(\.name).sorted())
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            for migration in migrations {
                let digest: String = try connection.queryOne(
                    "SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') AS d", [migration.sql]
                ).decode("d")
                #expect(digest == migration.checksum, "\(migration.name)")
            }
        }
    }

    @Test("a migration changed after it was applied is refused by name")
    func changedChecksum() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            let original = Migration(name: "0001_first", checksum: "aaa", base64: Data("SELECT 1".utf8).base64EncodedString())
            try Migrator(migrations: [original]).migrate(connection)
            let edited = Migration(name: "0001_first", checksum: "bbb", base64: Data("SELECT 2".utf8).base64EncodedString())
            #expect(throws: MigrationError.changedSinceApplied("0001_first")) {
                try Migrator(migrations: [edited]).migrate(connection)
            }
        }
    }

    @Test("a database newer than the binary is refused, naming the unknown migration")
    func unknownApplied() throws {
        try TestCluster.withDatabase(migrated: true) { database in
            let connection = try database.connect()
            try connection.query("INSERT INTO newsroom_migrations (name, checksum) VALUES ($1, $2)", ["9999_from_the_future", "x"])
            let before = try database.snapshot()
            #expect(throws: MigrationError.unknownApplied(["9999_from_the_future"])) {
                try Migrator().migrate(connection)
            }
            #expect(throws: MigrationError.unknownApplied(["9999_from_the_future"])) {
                try Migrator().requireUpToDate(connection)
            }
            #expect(try database.snapshot() == before)
        }
    }

    @Test("a failing migration leaves nothing behind and is not recorded")
    func failingMigrationRollsBack() throws {
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            let good = Migration(name: "0001_good", checksum: "g", base64: Data("CREATE TABLE a (x int);".utf8).base64EncodedString())
            let bad = Migration(
                name: "0002_bad", checksum: "b",
                base64: Data("CREATE TABLE b (x int); SELECT no_such_function();".utf8).base64EncodedString()
            )
            #expect(throws: PostgresError.self) { try Migrator(migrations: [good, bad]).migrate(connection) }
            let status = try Migrator(migrations: [good, bad]).status(connection)
            #expect(status.applied.map(\.name) == ["0001_good"])
            #expect(status.pending.map(\.name) == ["0002_bad"])
            let tableB: String? = try connection.queryOne("SELECT to_regclass('b')::text AS t").decode("t")
            #expect(tableB == nil)
        }
    }
}
