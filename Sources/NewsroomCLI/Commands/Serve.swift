#if canImport(Glibc)
import Glibc
#endif
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

        @Flag(name: .customLong("no-access-log"), help: "No line per request on standard output.")
        var noAccessLog = false

        @Option(
            name: .customLong("database"),
            help: ArgumentHelp("A libpq connection string or URI (default: $NEWSROOM_DATABASE_URL, else libpq's PG* environment).", valueName: "conninfo")
        )
        var database: String?

        func run() throws {
            try reportingFailures(handOver)
        }

        private func handOver() throws {
            guard let server = Self.findServer() else {
                throw NewsroomError(.configuration, """
                    newsroom-server is not installed beside this binary (\(Self.ownFolder() ?? "?")) nor on PATH.
                    Build it with `swift build -c release --product newsroom-server` (scripts/newsroom serve builds it), \
                    and keep it in the same folder as newsroom.
                    """)
            }
            var arguments = ["newsroom-server", "--listen", listen]
            if let baseURL { arguments += ["--base-url", baseURL] }
            if let poolSize { arguments += ["--pool-size", String(poolSize)] }
            if noAccessLog { arguments.append("--no-access-log") }
            if let database { arguments += ["--database", database] }
            var cArguments = arguments.map { strdup($0) } + [nil]
            execv(server, &cArguments)
            let reason = String(cString: strerror(errno))
            throw NewsroomError(.configuration, "could not start \(server): \(reason)")
        }

        /// The folder this binary is in (the link /proc/self/exe points to).
        static func ownFolder() -> String? {
            var buffer = [CChar](repeating: 0, count: 4096)
            let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            guard length > 0 else { return nil }
            let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard let slash = path.lastIndex(of: "/") else { return nil }
            return String(path[..<slash])
        }

        static func findServer() -> String? { findCompanion("newsroom-server") }

        /// A binary of the newsroom's, beside this one or on PATH.
        static func findCompanion(_ name: String) -> String? {
            var candidates: [String] = []
            if let folder = ownFolder() { candidates.append(folder + "/" + name) }
            if let path = getenv("PATH").map({ String(cString: $0) }) {
                candidates += path.split(separator: ":").filter { !$0.isEmpty }.map { "\($0)/\(name)" }
            }
            return candidates.first { access($0, X_OK) == 0 }
        }
    }
}
