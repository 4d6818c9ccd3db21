import ArgumentParser
import NewsroomCore
import NewsroomCommandLine

extension Newsroom {
    /// Hands over to `newsroom-server purge`, as `serve` does to `newsroom-server`: the worker
    /// speaks HTTP (libcurl), which stays out of this binary. Its options are its own; this
    /// passes every word on unchanged.
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge", _superCommandName: "newsroom",
            abstract: "Tell the caches in front (a CDN, Varnish, nginx) which pages each change alters.",
            discussion: """
                Runs `newsroom-server purge` with the same words: --hook URL-TEMPLATE (with {url} or \
                {path}), --method, --header-file, --name, --base-url, --from-start, --once, --database. \
                `newsroom purge --help` shows them in full.
                """
        )

        @Argument(parsing: .captureForPassthrough, help: "The worker's options (see above).")
        var options: [String] = []

        func run() throws {
            try reportingFailures {
                try Companion.handOver(to: "newsroom-server", ["purge"] + options, scriptVerb: "purge")
            }
        }
    }
}
