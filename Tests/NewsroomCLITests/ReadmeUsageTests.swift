import Foundation
import PostgresClient
import Testing
import TestSupport

/// The README's "Using it" block runs as written: on a new newsroom, each of its commands
/// succeeds and the story it drafts ends published.
@Suite("README: the usage block runs as written")
struct ReadmeUsageTests {
    @Test("every command of the README's usage block succeeds on a new newsroom, in order")
    func usageBlock() throws {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let afterHeading = try #require(readme.components(separatedBy: "## Using it\n").dropFirst().first, "the README has its Using it section")
        // Every shell block of the section, in order (the photos' block uses the story the first one drafts).
        let section = afterHeading.components(separatedBy: "\n## ").first ?? afterHeading
        let blocks = section.components(separatedBy: "```sh\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
        try #require(!blocks.isEmpty, "the section has its shell blocks")
        var lines = blocks.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The block runs the tool through scripts/newsroom (the private database); here the
        // built binary runs against a database of the test's own. Every other line is as written.
        let first = try #require(lines.first)
        try #require(first == "N=scripts/newsroom", "the block starts by naming the tool: \(first)")
        lines[0] = "N=\"$NEWSROOM_BIN\""
        #expect(lines.count > 10, "the block has its commands")

        try TestCluster.withDatabase { database in
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && !$0.key.hasPrefix("NEWSROOM_") }
            environment["NEWSROOM_BIN"] = try NewsroomBinary.path()
            environment["NEWSROOM_DATABASE_URL"] = database.conninfo
            let script = "set -euo pipefail\ncd '\(Repository.root.path)'\n" + lines.joined(separator: "\n") + "\necho \"published: $id\"\n"
            let run = try Spawn.run("/bin/bash", ["-c", script], environment: environment)
            #expect(run.status == 0, "\(run.output)")
            let id = try #require(run.output.split(separator: "\n").last { $0.hasPrefix("published: ") }?.dropFirst("published: ".count))
            let status: String = try database.connect().queryOne("SELECT status FROM stories WHERE id = $1", [Int64(String(id))!]).decode("status")
            #expect(status == "published")
        }
    }
}
