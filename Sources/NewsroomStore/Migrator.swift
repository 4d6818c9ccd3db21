#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import PostgresClient

/// Applies `Migrations/` in order, each in its own transaction, and records each in
/// `newsroom_migrations` (name, checksum, time applied).
public struct Migrator {
    public let migrations: [Migration]

    public init(migrations: [Migration] = Migration.bundled) {
        self.migrations = migrations
    }

    /// Fixed key for `pg_advisory_lock`: concurrent `migrate` runs take turns.
    static let advisoryLockKey: Int64 = 0x4E65_7773_726F_6F6D  // "Newsroom"

    public struct Status: Sendable, Equatable {
        public var applied: [AppliedMigration]
        public var pending: [Migration]
    }

    public struct AppliedMigration: Sendable, Equatable {
        public var name: String
        public var checksum: String
        public var appliedAt: Date
        /// As PostgreSQL writes a timestamptz (UTC), for `migrate --status`.
        public var appliedAtText: String { PostgresTimestamp.format(appliedAt) }
    }

    /// Applies what is pending and returns the names applied (empty when up to date).
    /// A dry run applies them all inside one transaction and rolls it back: every
    /// migration is tried on the real schema, and nothing is kept.
    @discardableResult
    public func migrate(_ connection: PostgresConnection, dryRun: Bool = false) throws -> [String] {
        try connection.query("SELECT pg_advisory_lock($1::bigint)", [Self.advisoryLockKey])
        defer { _ = try? connection.query("SELECT pg_advisory_unlock($1::bigint)", [Self.advisoryLockKey]) }
        if dryRun {
            return try connection.transaction(rollback: true) { try applyPending(connection) }
        }
        return try applyPending(connection)
    }

    private func applyPending(_ connection: PostgresConnection) throws -> [String] {
        try connection.executeScript("""
            CREATE TABLE IF NOT EXISTS newsroom_migrations (
                name text PRIMARY KEY,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        let status = try self.status(connection)
        var applied: [String] = []
        for migration in status.pending {
            try connection.transaction {
                try connection.executeScript(migration.sql)
                try connection.query(
                    "INSERT INTO newsroom_migrations (name, checksum) VALUES ($1, $2)",
                    [migration.name, migration.checksum]
                )
            }
            applied.append(migration.name)
        }
        return applied
    }

    /// Compares the database with this binary's migrations. Throws when they
    /// disagree in a way no `migrate` can fix (a changed or an unknown migration).
    public func status(_ connection: PostgresConnection) throws -> Status {
        let applied = try appliedMigrations(connection)
        return Status(applied: applied, pending: try pending(given: applied.map { ($0.name, $0.checksum) }))
    }

    /// This binary's migrations not in `applied`; throws for one applied that it does not
    /// know, or knows with another checksum.
    private func pending(given applied: [(name: String, checksum: String)]) throws -> [Migration] {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
        let unknown = applied.filter { known[$0.name] == nil }.map(\.name)
        if !unknown.isEmpty { throw MigrationError.unknownApplied(unknown) }
        for record in applied where known[record.name]?.checksum != record.checksum {
            throw MigrationError.changedSinceApplied(record.name)
        }
        let appliedNames = Set(applied.map(\.name))
        return migrations.filter { !appliedNames.contains($0.name) }
    }

    /// Refuses unless the database is exactly at this binary's migrations:
    /// every command but `migrate` calls this before touching anything.
    public func requireUpToDate(_ connection: PostgresConnection) throws {
        let pending = try status(connection).pending
        if !pending.isEmpty { throw MigrationError.pending(pending.map(\.name)) }
    }

    /// The same check for a reader site's login, which sees the migrations only through
    /// `reader.migrations` (the rest of the schema is not its to read).
    public func requireUpToDateForReaders(_ connection: PostgresConnection) throws {
        let rows: [PostgresRow]
        switch Result(catching: { () throws(PostgresError) in try connection.query("SELECT name, checksum FROM reader.migrations ORDER BY name") }) {
        case .success(let read):
            rows = read
        case .failure(let error):
            // Before the reader views existed: the last migrations are pending.
            if error.serverError?.sqlState == .undefinedTable { throw MigrationError.pending(migrations.suffix(1).map(\.name)) }
            throw error
        }
        let applied = try rows.map { row in (name: try row.decode("name", as: String.self), checksum: try row.decode("checksum", as: String.self)) }
        let pending = try pending(given: applied)
        if !pending.isEmpty { throw MigrationError.pending(pending.map(\.name)) }
    }

    private func appliedMigrations(_ connection: PostgresConnection) throws -> [AppliedMigration] {
        let rows: [PostgresRow]
        do {
            rows = try connection.query("SELECT name, checksum, applied_at FROM newsroom_migrations ORDER BY name")
        } catch let error where error.serverError?.sqlState == .undefinedTable {
            return []  // a database never migrated
        }
        return try rows.map { row throws(PostgresError) in
            AppliedMigration(
                name: try row.decode("name"),
                checksum: try row.decode("checksum"),
                appliedAt: try row.decode("applied_at")
            )
        }
    }
}

/// Why the database and this binary's migrations disagree.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case pending([String])
    case changedSinceApplied(String)
    case unknownApplied([String])

    public var description: String {
        switch self {
        case .pending(let names):
            "the database is not migrated: \(names.count) migration(s) pending (\(names.joined(separator: ", "))); run `newsroom migrate`"
        case .changedSinceApplied(let name):
            "migration \(name) was changed after it was applied to this database; restore Migrations/\(name).sql as it was and add a new migration for the change"
        case .unknownApplied(let names):
            "the database has migration(s) this binary does not know (\(names.joined(separator: ", "))): it is newer than this newsroom; use a newer newsroom binary"
        }
    }
}
