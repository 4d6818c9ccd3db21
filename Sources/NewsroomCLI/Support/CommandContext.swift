import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore
import NewsroomStore
import PostgresClient

/// What one invocation works with, built once from the global options: the
/// connection (session pinned to UTC/ISO so times decode exactly) and who acts.
struct CommandContext {
    let connection: PostgresConnection
    let global: GlobalOptions

    /// The store; with `dryRun` every write is checked, then rolled back.
    func store(dryRun: Bool = false) -> NewsroomStore {
        NewsroomStore(connection: connection, dryRun: dryRun)
    }

    /// Who is acting: `--as`, else NEWSROOM_AS, else the staff member with this login.
    func actor(_ store: NewsroomStore) throws -> Actor {
        let requested = global.actingAs ?? environment("NEWSROOM_AS").flatMap { $0.isEmpty ? nil : $0 }
        return try store.resolveActor(as: try requested.map { try Handle.parse($0, field: "--as") })
    }

    static func open(_ global: GlobalOptions, checkSchema: Bool) throws -> CommandContext {
        let conninfo = global.database ?? environment("NEWSROOM_DATABASE_URL")
        let lockTimeout = try EnvironmentSettings.lockTimeout(environment("NEWSROOM_LOCK_TIMEOUT"))
        let connectTimeout = try EnvironmentSettings.connectTimeout(environment("NEWSROOM_CONNECT_TIMEOUT"))
        // The session settings ride along with the connection (no extra round trip) unless
        // the user's own `options` replace them; then they are set afterwards.
        let lockOption = " -c lock_timeout=\(lockTimeout)"
        let connection = try PostgresConnection(
            conninfo: conninfo,
            defaults: [
                "connect_timeout": connectTimeout,
                "fallback_application_name": "newsroom",
                "options": "-c TimeZone=UTC -c DateStyle=ISO" + lockOption,
            ]
        )
        // Their own options (PGOPTIONS, or options= in the conninfo) replace ours entirely.
        let ownOptions = environment("PGOPTIONS") != nil || conninfo?.contains("options") == true
        if ownOptions || connection.parameterStatus("TimeZone") != "UTC"
            || connection.parameterStatus("DateStyle")?.hasPrefix("ISO") != true {
            try connection.query(
                """
                SELECT set_config('TimeZone', 'UTC', false), set_config('DateStyle', 'ISO', false),
                       set_config('lock_timeout', $1, false)
                """,
                [lockTimeout]
            )
        }
        if checkSchema {
            try Migrator().requireUpToDate(connection)
        }
        return CommandContext(connection: connection, global: global)
    }
}

/// One environment variable. (ProcessInfo's `environment` copies all of them into a
/// dictionary on every call, which costs more than a command's own work.)
func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// A command that works on the database. Its `run()` builds the context, calls
/// `run(_:)`, and turns every error into one message on stderr and an exit code.
protocol NewsroomCommand: ParsableCommand {
    var global: GlobalOptions { get }
    /// `migrate` runs on an out-of-date schema; every other command refuses to.
    static var requiresCurrentSchema: Bool { get }
    func run(_ context: CommandContext) throws
}

extension NewsroomCommand {
    static var requiresCurrentSchema: Bool { true }

    func run() throws {
        do {
            let context = try CommandContext.open(global, checkSchema: Self.requiresCurrentSchema)
            PostgresInterrupt.install(for: context.connection)
            try run(context)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let failure = Failure(error)
            Terminal.error(failure.message)
            throw ExitCode(failure.exitCode)
        }
    }
}
