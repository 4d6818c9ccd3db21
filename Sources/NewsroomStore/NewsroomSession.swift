#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// One connection to the newsroom's database, set up the way every store call expects:
/// the session in UTC with ISO dates (so times decode exactly), a lock timeout, and the
/// schema checked to be current. Front ends open one and hand it to `NewsroomStore`.
public final class NewsroomSession {
    let connection: PostgresConnection

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// How to reach the database and how long to wait.
    public struct Options: Sendable {
        /// A libpq connection string or URI; nil leaves it to libpq's environment.
        public var conninfo: String?
        /// libpq's `connect_timeout`, in seconds ("0": no limit).
        public var connectTimeout: String
        /// PostgreSQL's `lock_timeout` ("5000ms"; "0ms": no limit).
        public var lockTimeout: String
        /// The user gave their own server options (PGOPTIONS, or options= in the conninfo),
        /// which replace ours: the session settings are then set after connecting.
        public var hasOwnServerOptions: Bool

        public init(conninfo: String?, connectTimeout: String, lockTimeout: String, hasOwnServerOptions: Bool) {
            self.conninfo = conninfo
            self.connectTimeout = connectTimeout
            self.lockTimeout = lockTimeout
            self.hasOwnServerOptions = hasOwnServerOptions
        }

        /// The database every front end connects to: `database` (a `--database` option), else
        /// NEWSROOM_DATABASE_URL, else libpq's own environment. The user's own server options
        /// (PGOPTIONS, or options= in the string) replace ours entirely.
        public init(database: String?, environment: (String) -> String?, connectTimeout: String, lockTimeout: String) throws(UnreadableConninfo) {
            let conninfo = database ?? environment("NEWSROOM_DATABASE_URL")
            if let conninfo, let problem = PostgresConnection.conninfoProblem(conninfo) {
                throw UnreadableConninfo(fromEnvironment: database == nil, problem: problem)
            }
            self.init(
                conninfo: conninfo, connectTimeout: connectTimeout, lockTimeout: lockTimeout,
                hasOwnServerOptions: environment("PGOPTIONS") != nil || conninfo?.contains("options") == true
            )
        }
    }

    /// Connects. With `checkSchema`, refuses a database whose migrations are not all applied.
    /// - Parameter credentials: someone's own login and password, which win over whatever
    ///   the connection string and the environment say (the desk signing a person in).
    public static func open(_ options: Options, checkSchema: Bool = true, credentials: Credentials? = nil) throws -> NewsroomSession {
        // The session settings ride along with the connection (no extra round trip) unless
        // the user's own options replace them; then they are set afterwards.
        let connection = try PostgresConnection(
            conninfo: options.conninfo,
            defaults: [
                "connect_timeout": options.connectTimeout,
                "fallback_application_name": "newsroom",
                "options": "-c TimeZone=UTC -c DateStyle=ISO -c lock_timeout=\(options.lockTimeout)",
            ],
            overrides: credentials.map { ["user": $0.login, "password": $0.password] } ?? [:]
        )
        if credentials != nil, !connection.usedPassword {
            throw PasswordNotChecked(target: connection.target)
        }
        if options.hasOwnServerOptions || connection.parameterStatus("TimeZone") != "UTC"
            || connection.parameterStatus("DateStyle")?.hasPrefix("ISO") != true {
            try connection.query(
                """
                SELECT set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO', false),
                       set_config('lock_timeout', $1, false)
                """,
                [options.lockTimeout]
            )
        }
        if checkSchema {
            try Migrator().requireUpToDate(connection)
        }
        return NewsroomSession(connection: connection)
    }

    /// A person's own PostgreSQL login and password.
    public struct Credentials: Sendable {
        public let login: String
        public let password: String
        public init(login: String, password: String) {
            self.login = login
            self.password = password
        }
    }

    /// The server let a login in without asking for its password (trust or peer in
    /// pg_hba.conf): whoever typed any password would be in, so nobody is signed in that way.
    public struct PasswordNotChecked: Error, Sendable {
        public let target: String
        public var message: String {
            "the server at \(target) let a staff login in without checking its password (trust or peer in pg_hba.conf); "
                + "require scram-sha-256 for staff logins there, as docs/desk.md shows"
        }
    }

    /// Where this session is connected, for logs ("/run/postgresql:5432 db newsroom").
    public var target: String { connection.target }

    /// Ctrl-C cancels the statement in flight on the server, then exits with `exitCode`.
    public func cancelOnInterrupt(exitCode: Int32 = 130) {
        PostgresInterrupt.install(for: connection, exitCode: exitCode)
    }

    // MARK: Migrations

    public func migrate(dryRun: Bool) throws -> [String] {
        try Migrator().migrate(connection, dryRun: dryRun)
    }

    /// The server's warnings so far (what a migration found and left as it was, for one):
    /// notices below WARNING are chatter, and are left out.
    public var warnings: [String] {
        connection.notices.filter { $0.hasPrefix("WARNING:") }
    }

    public func migrationStatus() throws -> Migrator.Status {
        try Migrator().status(connection)
    }

    // MARK: Errors

    /// What a failure of a store call means to a person, as a `NewsroomError` (whose kind
    /// decides the exit code). Errors that are already newsroom errors pass through.
    /// A connection string libpq cannot read, and where it came from: a front end refuses it
    /// at once (a usage error for `--database`, a configuration error for the environment)
    /// rather than start and retry what can never connect.
    public struct UnreadableConninfo: Error, Sendable {
        public let fromEnvironment: Bool
        public let problem: String

        public var message: String {
            "\(fromEnvironment ? "NEWSROOM_DATABASE_URL" : "--database") is not a connection string libpq can read: \(problem)"
        }
    }

    public static func explain(_ error: any Error) -> NewsroomError {
        switch error {
        case let error as NewsroomError:
            return error
        case let error as MigrationError:
            return NewsroomError(.invalidState, error.description)
        case let error as PostgresError:
            return explain(error)
        default:
            return NewsroomError(.invalidInput, "\(error)")
        }
    }

    private static func explain(_ error: PostgresError) -> NewsroomError {
        switch error {
        case .connectionFailed(let message):
            // The server answered and said no: say which no, not "is the server running?".
            let reason = serverReason(message)
            if reason.contains("database \""), reason.contains("does not exist") {
                return NewsroomError(.unavailable, "the server is up, but \(reason)\n"
                    + "Create it (createdb NAME, then newsroom migrate), or name the right one with --database or NEWSROOM_DATABASE_URL.")
            }
            if refusesLogin(reason) {
                return NewsroomError(.unavailable, "the server is up, but refused the login: \(reason) "
                    + "(check the user and password: PGUSER, PGPASSWORD, ~/.pgpass or PGPASSFILE, or the connection string)")
            }
            // TLS: the server's certificate (sslmode=verify-ca or verify-full), or TLS itself.
            if reason.contains("certificate") {
                return NewsroomError(.unavailable, "the server's certificate was not accepted: \(reason) "
                    + "(sslrootcert must be the CA that signed it; with sslmode=verify-full it must also name the host connected to)")
            }
            if reason.hasPrefix("SSL") || reason.contains("server does not support SSL") {
                return NewsroomError(.unavailable, "the TLS connection failed: \(reason)")
            }
            if message.contains("FATAL:") {
                return NewsroomError(.unavailable, "the server refused the connection: \(reason)")
            }
            return NewsroomError(.unavailable, "cannot reach the database: \(firstLine(message))\n"
                + "Is the server running? For the private database: scripts/db start; else check --database or NEWSROOM_DATABASE_URL.")
        case .connectionLost(let message):
            return NewsroomError(.unavailable, "lost the database connection: \(firstLine(message)); nothing was committed by this command, so run it again")
        case .server(let server):
            switch server.sqlState {
            case .lockNotAvailable:
                return NewsroomError(.conflict, "the data is busy: someone else is changing it right now; try again in a moment")
            case .serializationFailure, .deadlockDetected:
                return NewsroomError(.conflict, "someone changed the data at the same moment; run the command again")
            case .queryCanceled:
                return NewsroomError(.conflict, "the database cancelled the command (\(server.message)); try again")
            case .insufficientPrivilege:
                // The database's own hint says what to do where it has one (the statements an
                // administrator runs, say); else the general one.
                return NewsroomError(.notAllowed, "the database refused: \(server.message)\n"
                    + (server.hint ?? "This login has no rights there: connect as the database's owner, or as a staff member's login an admin has set up."))
            default:
                var text = "the database refused: \(server.message)"
                if let hint = server.hint { text += "\n\(hint)" }
                return NewsroomError(.invalidInput, text)
            }
        default:
            return NewsroomError(.invalidInput, error.description)
        }
    }

    /// Whether connecting failed because the server refused the login itself (a wrong
    /// password, an unknown role, no pg_hba.conf entry for it), not because it was out of reach.
    public static func refusedLogin(_ error: any Error) -> Bool {
        guard case .connectionFailed(let message) = error as? PostgresError else { return false }
        return refusesLogin(serverReason(message))
    }

    private static func refusesLogin(_ reason: String) -> Bool {
        ["authentication failed", "no pg_hba.conf entry", "role \"", "no password supplied"].contains(where: reason.contains)
    }

    /// Whether the error means the server went away or is restarting, so that a long-running
    /// process (the scheduler) waits and connects again rather than giving up.
    public static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? PostgresError else { return false }
        switch error {
        case .connectionFailed, .connectionLost:
            return true
        case .server(let server):
            return [.adminShutdown, .crashShutdown, .cannotConnectNow].contains(server.sqlState)
        default:
            return false
        }
    }

    /// What the server said, from libpq's "connection to server … failed: FATAL:  …".
    private static func serverReason(_ message: String) -> String {
        let line = firstLine(message)
        let parts = line.split(separator: "FATAL:", maxSplits: 1)
        guard parts.count == 2 else { return line }
        return String(parts[1]).trimmingWhitespace()
    }

    public static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").first.map(String.init) ?? text
    }
}
