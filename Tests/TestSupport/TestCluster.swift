import Foundation
import PostgresClient

/// The throwaway PostgreSQL cluster that `scripts/test` starts for the test run.
/// Each test gets a database of its own, so tests run in parallel and never see
/// each other's rows.
public enum TestCluster {
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String {
            "NEWSROOM_TEST_PGHOST is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL"
        }
    }

    /// The socket folder of the test cluster.
    public static func host() throws -> String {
        guard let host = ProcessInfo.processInfo.environment["NEWSROOM_TEST_PGHOST"], !host.isEmpty else {
            throw NotConfigured()
        }
        return host
    }

    /// The migrated template that scripts/test prepared with the built binary.
    public static var templateName: String {
        ProcessInfo.processInfo.environment["NEWSROOM_TEST_TEMPLATE"] ?? "newsroom_template"
    }

    public static func conninfo(database: String) throws -> String {
        "host='\(try host())' user=newsroom dbname='\(database)'"
    }

    /// A session on the cluster's maintenance database, as its owner (for ALTER DATABASE and the like).
    public static func adminConnection() throws -> PostgresConnection {
        try PostgresConnection(conninfo: try conninfo(database: "postgres"))
    }

    /// Creates a database for one test, runs `body`, then drops it (also when `body` throws).
    /// - Parameter migrated: copy the migrated template (true) or start empty (false).
    public static func withDatabase<T>(migrated: Bool = true, _ body: (TestDatabase) throws -> T) throws -> T {
        let database = try TestDatabase.create(template: migrated ? templateName : "template0")
        defer { database.drop() }
        return try body(database)
    }
}

/// A database of one test's own on the test cluster.
public struct TestDatabase: Sendable {
    public let name: String
    public let conninfo: String

    static func create(template: String) throws -> TestDatabase {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PostgresConnection(conninfo: try TestCluster.conninfo(database: "postgres"))
        // Identifiers cannot be parameters; both names are ours (generated above, or fixed).
        try admin.executeScript("CREATE DATABASE \(name) TEMPLATE \(quoteIdentifier(template))")
        return TestDatabase(name: name, conninfo: try TestCluster.conninfo(database: name))
    }

    /// A new session on this database, pinned to UTC and ISO dates as the tool pins its own.
    public func connect() throws -> PostgresConnection {
        let connection = try PostgresConnection(conninfo: conninfo)
        try connection.executeScript("SET TimeZone = 'UTC'; SET DateStyle = 'ISO'")
        return connection
    }

    func drop() {
        guard let admin = try? PostgresConnection(conninfo: try TestCluster.conninfo(database: "postgres")) else { return }
        _ = try? admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Every row of every table of the public schema, as text, sorted: two snapshots are
    /// equal exactly when nothing was written in between.
    public func snapshot() throws -> [String: [String]] {
        let connection = try connect()
        let tables = try connection.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).map { try $0.decode("tablename", as: String.self) }
        var snapshot: [String: [String]] = [:]
        for table in tables {
            let rows = try connection.query("SELECT t::text AS row FROM \(quoteIdentifier(table)) t")
            snapshot[table] = try rows.map { try $0.decode("row", as: String.self) }.sorted()
        }
        return snapshot
    }
}

public func quoteIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
