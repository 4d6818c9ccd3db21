#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore
import ArgumentParser
import NewsroomCommandLine

@main
struct Newsroom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsroom",
        abstract: "An editorial workflow for news organisations, on PostgreSQL.",
        discussion: """
            The database is named by --database, else NEWSROOM_DATABASE_URL, else libpq's \
            environment (PGHOST, PGDATABASE, PGSERVICE, ~/.pgpass, …).
            Exit codes: 0 success, 1 refused (rules, permissions or input), 64 usage error, \
            69 database unreachable, 75 conflict (someone changed the data first; retry).
            """,
        version: NewsroomVersion.current,
        subcommands: [
            Migrate.self, StaffCommand.self, SectionCommand.self, DraftCommand.self, StoryCommand.self, TickerCommand.self, SchedulerCommand.self,
            Search.self, Budget.self, Watch.self, Config.self, Serve.self, DeskCommand.self, Purge.self, Export.self, Body.self, Media.self, Wire.self,
        ]
    )

    // Declared here too so `newsroom --as H story …` parses; each command reads its own copy.
    @OptionGroup var global: GlobalOptions

    /// Like ArgumentParser's, but a usage error is two lines (what is wrong, where help
    /// is) instead of the whole usage text, so every failure reads the same way.
    static func main() {
        do {
            let direct = directCommand()
            if getenv("NEWSROOM_TRACE_STARTUP") != nil {
                // For the test that keeps the shortcut honest (and for anyone measuring start-up).
                Terminal.note("newsroom: start-up: \(direct.map { "direct, \(type(of: $0).configuration.commandName ?? "?")" } ?? "full parse")")
            }
            var command = try direct ?? parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode {
                exit(withError: error)  // --help, --version, or a code a command chose
            }
            Terminal.error(message(for: error))
            // A negative number reads as an option to the parser; say what is really wrong.
            if let negative = CommandLine.arguments.dropFirst().first(where: { $0.count > 1 && $0.hasPrefix("-") && Digits.positiveInteger(String($0.dropFirst())) != nil }) {
                Terminal.note("\"\(negative)\" is not allowed: ids and versions are whole numbers from 1.")
            } else {
                Terminal.note("See 'newsroom --help' or 'newsroom COMMAND --help'.")
            }
            Glibc.exit(code.rawValue)
        }
    }
}

extension Newsroom {
    /// The command the leading words name, parsed on its own. ArgumentParser's full walk
    /// reflects every command on the path and runs its help and completion checks, which
    /// costs more than most commands' own work; a leaf parsed directly skips all of that.
    /// Anything else (`--help`, a root option first, a mistake) returns nil and goes through
    /// `parseAsRoot`, so errors and help read exactly as before. Each leaf's configuration
    /// names its parents (`_superCommandName`, an underscored API: Package.swift pins the
    /// parser's minor version, and CLI tests check with NEWSROOM_TRACE_STARTUP that
    /// commands still take this path).
    static func directCommand() -> ParsableCommand? {
        var type: ParsableCommand.Type = Newsroom.self
        var words = CommandLine.arguments.dropFirst()
        while let word = words.first,
              let next = type.configuration.subcommands.first(where: { $0.configuration.commandName == word }) {
            type = next
            words = words.dropFirst()
        }
        guard type != Newsroom.self, type.configuration.subcommands.isEmpty else { return nil }
        return try? type.parseAsRoot(Array(words))
    }
}

enum NewsroomVersion {
    static let current = "0.1.0"
}
