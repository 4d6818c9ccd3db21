import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore
import NewsroomStore

/// What one invocation works with, built once from the global options: the session
/// (set up by the store) and who acts.
public struct CommandContext {
    public let session: NewsroomSession
    public let global: GlobalOptions

    /// The store; with `dryRun` every write is checked, then rolled back.
    public func store(dryRun: Bool = false) -> NewsroomStore {
        NewsroomStore(session: session, dryRun: dryRun)
    }

    /// Who is acting: `--as`, else NEWSROOM_AS, else the staff member with this login.
    public func actor(_ store: NewsroomStore) throws -> Actor {
        let requested = global.actingAs ?? environment("NEWSROOM_AS").flatMap { $0.isEmpty ? nil : $0 }
        return try store.resolveActor(as: try requested.map { try Handle.parse($0, field: "--as") })
    }

    /// How to reach the database, from the options and the environment (checked first:
    /// a wrong setting is a configuration error, never a database that seems unreachable).
    public static func sessionOptions(_ global: GlobalOptions) throws -> NewsroomSession.Options {
        let connectTimeout = try EnvironmentSettings.connectTimeout(environment("NEWSROOM_CONNECT_TIMEOUT"))
        let lockTimeout = try EnvironmentSettings.lockTimeout(environment("NEWSROOM_LOCK_TIMEOUT"))
        do {
            return try NewsroomSession.Options(database: global.database, environment: environment, connectTimeout: connectTimeout, lockTimeout: lockTimeout)
        } catch let unreadable {
            if unreadable.fromEnvironment { throw NewsroomError(.configuration, unreadable.message) }
            throw ValidationError(unreadable.message)
        }
    }

    public static func open(_ global: GlobalOptions, checkSchema: Bool) throws -> CommandContext {
        CommandContext(session: try NewsroomSession.open(try sessionOptions(global), checkSchema: checkSchema), global: global)
    }
}

/// One environment variable. (ProcessInfo's `environment` copies all of them into a
/// dictionary on every call, which costs more than a command's own work.)
public func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// A command that works on the database. Its `run()` builds the context, calls
/// `run(_:)`, and turns every error into one message on stderr and an exit code.
public protocol NewsroomCommand: ParsableCommand {
    var global: GlobalOptions { get }
    /// `migrate` runs on an out-of-date schema; every other command refuses to.
    static var requiresCurrentSchema: Bool { get }
    func run(_ context: CommandContext) throws
}

extension NewsroomCommand {
    public static var requiresCurrentSchema: Bool { true }

    public func run() throws {
        try reportingFailures {
            let context = try CommandContext.open(global, checkSchema: Self.requiresCurrentSchema)
            context.session.cancelOnInterrupt()
            try run(context)
        }
    }
}

/// Runs a command's work; any failure becomes one message on stderr and its exit code.
public func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let failure = Failure(error)
        Terminal.error(failure.message)
        throw ExitCode(failure.exitCode)
    }
}
