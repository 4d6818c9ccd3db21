import Foundation
import Testing
import TestSupport

/// docs/schema.sql is the database's current shape in one file, for reading; the migrations
/// are what makes it. This holds the two together: a function changed in a migration and not
/// in the file (or the other way round) fails here until `scripts/schema` writes it again.
@Suite("docs/schema.sql: the migrations' schema as it is now")
struct SchemaFileTests {
    @Test("an empty database migrated by the tool, described as scripts/schema describes it, is docs/schema.sql")
    func agreesWithMigrations() throws {
        let committed = try String(contentsOf: Repository.root.appendingPathComponent("docs/schema.sql"), encoding: .utf8)
        let described = try TestCluster.withDatabase(migrated: false) { database in
            // Migrated here, not copied from the template: the groups are named after the
            // database they are made in.
            let migrated = try NewsroomBinary.run(["migrate"], database: database.conninfo)
            try #require(migrated.status == 0, "\(migrated)")
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString).sql")
            defer { try? FileManager.default.removeItem(at: output) }
            // The same function scripts/schema calls, so the two never describe differently.
            let script = "set -euo pipefail; . scripts/lib/common.sh; . scripts/lib/schema.sh; describe_schema \"$1\" \"$2\" > \"$3\""
            let run = try Spawn.run(
                "/bin/bash", ["-c", "cd '\(Repository.root.path)' && " + script, "describe", try TestCluster.host(), database.name, output.path],
                environment: ProcessInfo.processInfo.environment
            )
            try #require(run.status == 0, "\(run.output)")
            return try String(contentsOf: output, encoding: .utf8)
        }
        #expect(described.contains("CREATE FUNCTION public.story_history_check_actor()"), "the dump holds the functions")
        #expect(described.contains("TO newsroom_reporter;"), "the groups are named as in a newsroom called newsroom")
        guard described != committed else { return }
        let committedLines = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let describedLines = described.split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(committedLines.count, describedLines.count)).first { committedLines[$0] != describedLines[$0] }
            ?? min(committedLines.count, describedLines.count)
        let around = { (lines: [Substring]) in lines[max(0, first - 3)..<min(lines.count, first + 4)].joined(separator: "\n") }
        Issue.record(
            """
            docs/schema.sql disagrees with the migrations from line \(first + 1): run scripts/schema and commit it with the migration.
            docs/schema.sql:
            \(around(committedLines))
            the migrations:
            \(around(describedLines))
            """
        )
    }
}
