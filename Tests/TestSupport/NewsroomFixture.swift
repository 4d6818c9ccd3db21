import Foundation
import PostgresClient

/// A database with a small newsroom in it, and a way to run `newsroom` on it as someone.
/// Staff: huda (chief), omar and nadia (editors), layla and sami (reporters), adam
/// (admin), gone (an inactive editor). Sections: politics (سياسة), security (أمن).
public struct NewsroomFixture: Sendable {
    public let database: TestDatabase

    public static func with<T>(_ body: (NewsroomFixture) throws -> T) throws -> T {
        try TestCluster.withDatabase(migrated: true) { database in
            let connection = try database.connect()
            try connection.executeScript("""
                INSERT INTO staff (handle, name, role, active) VALUES
                    ('huda', 'هدى الكاظمي', 'chief', true),
                    ('omar', 'عمر الجبوري', 'editor', true),
                    ('nadia', 'نادية علي', 'editor', true),
                    ('layla', 'ليلى حسن', 'reporter', true),
                    ('sami', 'سامي العبيدي', 'reporter', true),
                    ('adam', 'آدم', 'admin', true),
                    ('gone', 'غائب', 'editor', false);
                INSERT INTO sections (slug, name) VALUES ('politics', 'سياسة'), ('security', 'أمن');
                """)
            return try body(NewsroomFixture(database: database))
        }
    }

    /// `newsroom ARGS…`, acting as `actor` (through NEWSROOM_AS) when given.
    public func run(_ arguments: [String], as actor: String? = nil, stdin: Data? = nil, environment: [String: String] = [:]) throws -> NewsroomRun {
        var extra = environment
        if let actor { extra["NEWSROOM_AS"] = actor }
        return try NewsroomBinary.run(arguments, database: database.conninfo, environment: extra, stdin: stdin)
    }

    /// Creates a draft by `author` and returns its id as printed.
    public func draft(by author: String = "layla", headline: String = "العراق يخنق \"الرقم السري\"", section: String = "politics") throws -> String {
        let run = try run(["draft", "create", "--headline", headline, "--section", section], as: author)
        guard run.status == 0 else { throw FixtureFailure(message: "draft create failed: \(run)") }
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs each step (actor, arguments) and fails on the first that does not succeed.
    public func steps(_ steps: [(String, [String])]) throws {
        for (actor, arguments) in steps {
            let run = try run(arguments, as: actor)
            guard run.status == 0 else { throw FixtureFailure(message: "\(actor): \(arguments.joined(separator: " ")) failed: \(run)") }
        }
    }

    /// Parses stdout as JSON.
    public static func json(_ run: NewsroomRun) throws -> Any {
        try JSONSerialization.jsonObject(with: run.stdoutData, options: [.fragmentsAllowed])
    }
}

public struct FixtureFailure: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

extension NewsroomFixture {
    /// Makes `count` approved stories scheduled (by omar) to publish `seconds` from now
    /// (negative: already due), straight in SQL, with the history the workflow would write.
    /// Returns their ids.
    @discardableResult
    public func scheduledBacklog(count: Int, dueIn seconds: Double) throws -> [Int64] {
        let connection = try database.connect()
        return try connection.transaction {
            try connection.query("SELECT set_config('newsroom.actor', 'layla', true)")
            let ids = try connection.query(
                """
                WITH created AS (
                    INSERT INTO stories (section, author)
                    SELECT 'politics', 'layla' FROM generate_series(1, $1::int) g
                    RETURNING id
                ), texts AS (
                    INSERT INTO story_texts (story_id, version, headline)
                    SELECT id, 1, 'خبر مجدول رقم ' || id FROM created
                ), logged AS (
                    INSERT INTO story_history (story_id, actor, action, to_status, version)
                    SELECT id, 'layla', 'create', 'draft', 1 FROM created
                )
                SELECT id FROM created ORDER BY id
                """,
                [count]
            ).map { try $0.decode("id", as: Int64.self) }
            let list = "{" + ids.map(String.init).joined(separator: ",") + "}"
            let steps: [(String, String, String, String)] = [
                ("status = 'in_review', editor = 'omar', submitted_at = now()", "layla", "submit", "draft"),
                ("status = 'approved', approved_at = now()", "omar", "approve", "in_review"),
                ("status = 'scheduled', publish_at = now() + $2::float8 * interval '1 second', scheduled_by = 'omar'", "omar", "schedule", "approved"),
            ]
            for (set, actor, action, from) in steps {
                if action == "schedule" && seconds <= 0 {
                    // Scheduled earlier for a time that has now come: the database refuses a
                    // schedule in the past, so this line is written as a restore of older rows would be.
                    try connection.query("SELECT set_config('session_replication_role', 'replica', true)")
                }
                try connection.query(
                    """
                    WITH moved AS (
                        UPDATE stories SET \(set), version = version + 1, updated_at = now()
                         WHERE id = ANY($1::bigint[]) RETURNING id, status, version, publish_at
                    )
                    INSERT INTO story_history (story_id, actor, action, from_status, to_status, version, scheduled_for)
                    SELECT id, '\(actor)', '\(action)', '\(from)', status, version,
                           CASE WHEN status = 'scheduled' THEN publish_at END FROM moved
                    """,
                    set.contains("$2") ? [list, seconds] : [list]
                )
            }
            return ids
        }
    }

    /// How many publish_scheduled lines each story has, for stories that have any.
    public func scheduledPublicationCounts() throws -> [Int64: Int] {
        let connection = try database.connect()
        var counts: [Int64: Int] = [:]
        for row in try connection.query(
            "SELECT story_id, count(*) AS n FROM story_history WHERE action = 'publish_scheduled' GROUP BY story_id"
        ) {
            counts[try row.decode("story_id")] = try row.decode("n")
        }
        return counts
    }

    public func count(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws -> Int {
        try database.connect().queryOne(sql, parameters).decode(at: 0)
    }
}

extension NewsroomFixture {
    /// Opens a transaction in a side session that locks story `id`'s row, so a command on
    /// that story stops right there. Roll the returned session back to let it go on.
    public func holdStoryLock(_ id: String) throws -> PostgresConnection {
        let holder = try database.connect()
        try holder.executeScript("BEGIN")
        try holder.query("SELECT 1 FROM stories WHERE id = $1 FOR UPDATE", [Int64(id) ?? 0])
        return holder
    }

    /// Starts `newsroom ARGS…` as `actor` in the background, willing to wait a minute for locks,
    /// and returns once it is waiting on one (false if it never did).
    public func startBlocked(_ arguments: [String], as actor: String) throws -> (RunningNewsroom, Bool) {
        let command = try NewsroomBinary.start(
            arguments, database: database.conninfo, environment: ["NEWSROOM_AS": actor, "NEWSROOM_LOCK_TIMEOUT": "60s"]
        )
        let waiting = try RunningNewsroom.eventually(seconds: 15) {
            try count(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'newsroom' AND wait_event_type = 'Lock'"
            ) == 1
        }
        return (command, waiting)
    }
}
