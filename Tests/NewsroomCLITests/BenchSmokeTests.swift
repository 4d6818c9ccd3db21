import Foundation
import PostgresClient
import Testing
import TestSupport

/// The benchmarks are not part of the test run, but a tiny run of them is, so that
/// scripts/bench keeps working.
@Suite("scripts/bench, smoke run")
struct BenchSmokeTests {
    @Test("scripts/bench --quick runs every workload and writes its table")
    func quickRun() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: out) }
        let database = "bench_smoke_\(UUID().uuidString.prefix(8).lowercased())"
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && !$0.key.hasPrefix("NEWSROOM_") }
        environment["NEWSROOM_BIN"] = try NewsroomBinary.path()
        environment["PGHOST"] = try TestCluster.host()
        environment["PGUSER"] = "newsroom"
        let script = Samples.folder.deletingLastPathComponent().appendingPathComponent("scripts/bench").path
        let result = try Spawn.run(script, ["--quick", "--database", database, "--out", out.path], environment: environment)
        #expect(result.status == 0, "\(result.output)")
        let table = try String(contentsOf: out, encoding: .utf8)
        for workload in ["`draft create`", "`story assign`", "`story publish`", "`ticker schedule`", "`ticker list`",
                         "`story list --status in_review --section politics`", "`story history`", "everyday path",
                         "scheduler: 200 due stories", "4 schedulers at once", "200 expiring stories taken off", "peak memory", "`newsroom --version`"] {
            #expect(table.contains(workload), "\(workload) missing from the table")
        }
        #expect(table.contains("Index"), "query plans are shown")
        let admin = try PostgresConnection(conninfo: try TestCluster.conninfo(database: "postgres"))
        try admin.executeScript("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    }
}
