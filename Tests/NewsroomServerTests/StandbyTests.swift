import Foundation
import PostgresClient
import TestSupport
import Testing

/// Serving from a replica: a real streaming standby of the test cluster (pg_basebackup -R,
/// a socket of its own), where LISTEN is unavailable; the server there still shows what the
/// primary commits, also after the standby restarts, and the same pages as a server on the primary.
@Suite("reader site: serving from a streaming standby")
struct StandbyTests {
    static var script: String { PageCheckTests.repository.appendingPathComponent("scripts/lib/standby").path }

    @Test("publication and withdrawal on the primary show on the standby's server; it survives the standby's restart")
    func standby() throws {
        try NewsroomFixture.with { newsroom in
            let first = try ReaderServerTests.publishSample(newsroom, headline: "خبر قبل النسخة")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsroom-standby-\(UUID().uuidString)").path
            let environment = ProcessInfo.processInfo.environment
            let started = try Spawn.run(Self.script, ["start", try TestCluster.host(), folder], environment: environment)
            defer { _ = try? Spawn.run(Self.script, ["stop", folder], environment: environment) }
            try #require(started.status == 0, "\(started.output)")
            let socket = try #require(started.output.split(separator: "\n").last.map(String.init))
            let standbyDatabase = "host='\(socket)' user=newsroom dbname='\(newsroom.database.name)'"
            let replica = try PostgresConnection(conninfo: standbyDatabase)
            #expect(try replica.queryOne("SELECT pg_is_in_recovery() AS r").decode("r", as: Bool.self))

            // Servers behind one address, as replicas are deployed: the same site address.
            let site = ["--base-url", "https://news.example.com"]
            let onStandby = try ReaderServer(database: standbyDatabase, arguments: site)
            let onPrimary = try ReaderServer(database: newsroom.database.conninfo, arguments: site)
            #expect(try onStandby.get("/stories/\(first)").status == 200)
            #expect(try onStandby.get("/healthz").status == 200)

            // Committed on the primary, shown by the standby's server (replication lag included),
            // though the front page was kept in memory before.
            #expect(try onStandby.get("/").text.contains("خبر قبل النسخة"))
            let second = try ReaderServerTests.publishSample(newsroom, headline: "خبر بعد النسخة")
            #expect(RunningNewsroom.eventually(seconds: 2) { (try? onStandby.get("/stories/\(second)").status) == 200 })
            #expect(RunningNewsroom.eventually(seconds: 2) { (try? onStandby.get("/").text.contains("خبر بعد النسخة")) == true })
            try newsroom.steps([("huda", ["story", "withdraw", first, "--reason", "legal"])])
            #expect(RunningNewsroom.eventually(seconds: 2) { (try? onStandby.get("/stories/\(first)").status) == 410 })

            // The same pages from a server on the primary.
            for path in ["/stories/\(second)", "/stories/\(first)", "/api/v1/stories/\(second)", "/api/v1/stories/\(second).ninjs"] {
                let (a, b) = (try onStandby.get(path), try onPrimary.get(path))
                #expect(a.status == b.status && a.body == b.body && a.header("etag") == b.header("etag"), "\(path)")
            }

            // The ticker stream: a line scheduled on the primary reaches a client of the standby's
            // server, with the same event id as a client of the primary's server; a client that
            // moves between them with Last-Event-ID is not sent the strip again.
            let standbyStream = try EventStreamClient(port: onStandby.port)
            let primaryStream = try EventStreamClient(port: onPrimary.port)
            _ = standbyStream.next(within: 3)
            _ = primaryStream.next(within: 3)
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "سطر من الأصل", "--for", "1h"])])
            let fromPrimary = primaryStream.next(within: 2)
            let fromStandby = standbyStream.next(within: 2)
            #expect(fromStandby?.data.contains("سطر من الأصل") == true)
            #expect(fromStandby?.id != nil && fromStandby?.id == fromPrimary?.id)
            #expect(fromStandby?.data == fromPrimary?.data)
            let moved = try EventStreamClient(port: onStandby.port, lastEventID: try #require(fromPrimary?.id))
            #expect(moved.next(within: 1) == nil)

            // libpq's own choice among hosts: the primary listed first, prefer-standby takes the
            // standby (its connections show there), and the pages are the same.
            let chooser = try ReaderServer(database: "host='\(try TestCluster.host()),\(socket)' target_session_attrs=prefer-standby user=newsroom dbname='\(newsroom.database.name)'", arguments: site)
            let chosen = try chooser.get("/stories/\(second)")
            #expect(chosen.body == (try onPrimary.get("/stories/\(second)")).body, "\(chosen.status) \(chooser.process.stderr)")
            let connectedThere: Int64 = try replica.queryOne(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname = current_database()"
            ).decode("n")
            #expect(connectedThere >= 2, "the server's watcher and pool connect to the standby")
            chooser.process.signal(SIGTERM)
            _ = chooser.process.wait(seconds: 10)

            // The standby restarts: the server finds it again and stays fresh.
            let restarted = try Spawn.run(Self.script, ["restart", folder], environment: environment)
            try #require(restarted.status == 0, "\(restarted.output)")
            let third = try ReaderServerTests.publishSample(newsroom, headline: "خبر بعد إعادة التشغيل")
            #expect(RunningNewsroom.eventually(seconds: 10) { (try? onStandby.get("/stories/\(third)").status) == 200 })
            #expect(try onStandby.get("/healthz").status == 200)
        }
    }
}
