import ArgumentParser

/// What `serve` and `desk` both pass to the server they hand over to.
struct ServerOptions: ParsableArguments {
    @Flag(name: .customLong("no-access-log"), help: "No line per request on standard output.")
    var noAccessLog = false

    @Option(
        name: .customLong("database"),
        help: ArgumentHelp("A libpq connection string or URI (default: $NEWSROOM_DATABASE_URL, else libpq's PG* environment).", valueName: "conninfo")
    )
    var database: String?

    /// As the server reads them.
    var arguments: [String] {
        (noAccessLog ? ["--no-access-log"] : []) + (database.map { ["--database", $0] } ?? [])
    }
}
