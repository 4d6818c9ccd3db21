import ArgumentParser
import NewsroomCore
import NewsroomCommandLine

extension Newsroom {
    /// Hands over to `newsroom-server`, as git hands `git foo` to `git-foo`: the server's
    /// dependencies (SwiftNIO, Hummingbird) stay out of this binary and its start-up.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve", _superCommandName: "newsroom",
            abstract: "Serve the published newsroom to readers (the site, its JSON API, /healthz, /metrics).",
            discussion: """
                Runs newsroom-server, found beside this binary or on PATH, on the same database. \
                Read-only: it reads the published views, and can run as a login given only those \
                (see the README). Stop it with Ctrl-C or SIGTERM.
                """
        )

        @Option(help: ArgumentHelp("Where to listen (port 0: any free port).", valueName: "host:port"))
        var listen = "127.0.0.1:8080"

        @Option(name: .customLong("base-url"), help: ArgumentHelp("The site's public address for canonical links (default: the site.base_url setting).", valueName: "url"))
        var baseURL: String?

        @Option(name: .customLong("pool-size"), help: "Database connections the server may open.")
        var poolSize: Int?

        @OptionGroup var server: ServerOptions

        func run() throws {
            try reportingFailures(handOver)
        }

        private func handOver() throws {
            var arguments = ["--listen", listen]
            if let baseURL { arguments += ["--base-url", baseURL] }
            if let poolSize { arguments += ["--pool-size", String(poolSize)] }
            arguments += server.arguments
            try Companion.handOver(to: "newsroom-server", arguments, scriptVerb: "serve")
        }
    }
}
