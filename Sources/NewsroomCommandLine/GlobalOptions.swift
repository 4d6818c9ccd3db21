import ArgumentParser

/// Options every command that touches the database takes.
public struct GlobalOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "A libpq connection string or URI (default: $NEWSROOM_DATABASE_URL, else libpq's PG* environment).",
            valueName: "conninfo"
        )
    )
    public var database: String?

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("Act as this staff member (default: $NEWSROOM_AS).", valueName: "handle")
    )
    public var actingAs: String?
}
