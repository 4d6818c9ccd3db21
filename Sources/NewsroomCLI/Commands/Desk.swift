import ArgumentParser
import NewsroomCommandLine

extension Newsroom {
    /// Hands over to `newsroom-desk`, as `serve` hands over to `newsroom-server`.
    struct DeskCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "desk", _superCommandName: "newsroom",
            abstract: "Serve the staff desk in a browser: each person signs in as their own PostgreSQL login.",
            discussion: """
                Runs newsroom-desk, found beside this binary or on PATH, on the same database (where it is; \
                each person brings their own login and password, and the database must ask for them). \
                Reach it through a TLS reverse proxy or a private network only. Stop it with Ctrl-C or SIGTERM.
                """
        )

        @Option(help: ArgumentHelp("Where to listen (port 0: any free port).", valueName: "host:port"))
        var listen = "127.0.0.1:8090"

        @Option(name: .customLong("max-sessions"), help: "People signed in at once (default 200; each holds a database connection).")
        var maxSessions: Int?

        @Option(name: .customLong("idle-timeout"), help: "Minutes without a request before a session ends (default 30).")
        var idleTimeout: Int?

        @Option(name: .customLong("session-timeout"), help: "Hours after signing in when a session ends (default 12).")
        var sessionTimeout: Int?

        @OptionGroup var server: ServerOptions

        func run() throws {
            try reportingFailures {
                var arguments = ["--listen", listen]
                if let maxSessions { arguments += ["--max-sessions", String(maxSessions)] }
                if let idleTimeout { arguments += ["--idle-timeout", String(idleTimeout)] }
                if let sessionTimeout { arguments += ["--session-timeout", String(sessionTimeout)] }
                arguments += server.arguments
                try Companion.handOver(to: "newsroom-desk", arguments, scriptVerb: "desk")
            }
        }
    }
}
