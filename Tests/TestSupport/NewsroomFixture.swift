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
