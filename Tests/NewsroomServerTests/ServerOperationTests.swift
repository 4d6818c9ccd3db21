import Foundation
import PostgresClient
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The server as operators meet it: logins, outages, load, signals, metrics, slow clients.
@Suite("reader site: running the server")
struct ServerOperationTests {
    @Test("a login given only the reader views serves the site, and cannot read a draft or a withdrawn text with its own SQL")
    func readerLogin() throws {
        try NewsroomFixture.with { newsroom in
            let published = try ReaderServerTests.publishSample(newsroom, headline: "خبر منشور للقرّاء")
            let withdrawn = try ReaderServerTests.publishSample(newsroom, headline: "نص مسحوب سرّي")
            try newsroom.steps([("huda", ["story", "withdraw", withdrawn, "--reason", "legal"])])
            let draft = try newsroom.draft(headline: "مسودة سرّية")
            let owner = try newsroom.database.connect()
            let login = "reader_\(newsroom.database.name)".lowercased()
            try owner.executeScript("DROP ROLE IF EXISTS \(quoteIdentifier(login)); CREATE ROLE \(quoteIdentifier(login)) LOGIN")
            defer { _ = try? owner.executeScript("DROP OWNED BY \(quoteIdentifier(login)); DROP ROLE IF EXISTS \(quoteIdentifier(login))") }
            try owner.query("SELECT newsroom_grant_reader($1)", [login])

            let conninfo = newsroom.database.conninfo + " user=\(login)"
            let reader = try PostgresConnection(conninfo: conninfo)
            for table in ["stories", "story_texts", "story_revisions", "story_history", "staff", "ticker_items", "settings", "newsroom_migrations", "story_search"] {
                #expect(throws: PostgresError.self, "\(table)") { try reader.query("SELECT * FROM \(table) LIMIT 1") }
            }
            #expect(throws: PostgresError.self) { try reader.query("SELECT newsroom_grant_reader('x')") }
            let visible = try reader.query("SELECT id, headline FROM reader.stories").map { try $0.decode("headline", as: String.self) }
            #expect(visible == ["خبر منشور للقرّاء"])
            let columns = try reader.query("SELECT * FROM reader.withdrawn_stories")
            #expect(columns.count == 1)
            #expect(try reader.query("SELECT count(*) AS n FROM reader.stories WHERE id = $1", [Int64(draft)!]).first?.decode("n", as: Int64.self) == 0)

            let server = try ReaderServer(database: conninfo)
            #expect(try server.get("/stories/\(published)").status == 200)
            #expect(try server.get("/stories/\(withdrawn)").status == 410)
            #expect(try server.get("/stories/\(draft)").status == 404)
            #expect(try server.get("/healthz").status == 200)
            // Search through the reader views: the published story, never the draft's or the withdrawn story's words.
            func hits(_ query: String) throws -> [String] {
                let answer = try server.get("/api/v1/search?q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                #expect(answer.status == 200, "\(query): \(answer.status) \(answer.text)")
                let object = try JSONSerialization.jsonObject(with: answer.body) as! [String: Any]
                return (object["hits"] as! [[String: Any]]).map { ($0["id"] as! NSNumber).stringValue }
            }
            #expect(try hits("منشور") == [published])
            #expect(try hits("سرّي").allSatisfy { $0 == published })
            #expect(try hits("مسودة").isEmpty && hits("مسحوب").isEmpty)
            #expect(try server.get("/search?q=%D9%85%D9%86%D8%B4%D9%88%D8%B1").status == 200)
        }
    }

    @Test("database unreachable: pages in memory keep being served, others get 503 with Retry-After; it recovers by itself")
    func databaseDown() throws {
        try NewsroomFixture.with { newsroom in
            let id = try ReaderServerTests.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            #expect(RunningNewsroom.eventually(seconds: 10) { (try? server.get("/metrics").text.contains("newsroom_changes_following 1")) == true })
            #expect(try server.get("/stories/\(id)").status == 200)
            let owner = try TestCluster.adminConnection()
            let name = quoteIdentifier(newsroom.database.name)
            try owner.executeScript("ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
            defer { _ = try? owner.executeScript("ALTER DATABASE \(name) ALLOW_CONNECTIONS true") }
            _ = try owner.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                                [newsroom.database.name])
            let kept = try server.get("/stories/\(id)")
            #expect(kept.status == 200 && kept.text.contains("متى ظهر؟"))
            let uncached = try server.get("/sections/politics")
            #expect(uncached.status == 503)
            #expect(uncached.header("retry-after") == "5" && uncached.header("cache-control") == "no-store")
            #expect(try server.get("/api/v1/sections").status == 503)
            #expect(try server.get("/healthz").status == 503)
            try owner.executeScript("ALTER DATABASE \(name) ALLOW_CONNECTIONS true")
            #expect(RunningNewsroom.eventually(seconds: 10) { (try? server.get("/sections/politics").status) == 200 })
            #expect(try server.get("/healthz").status == 200)
            // Listening again: a change shows within a second.
            try newsroom.steps([("huda", ["story", "withdraw", id, "--reason", "legal"])])
            #expect(RunningNewsroom.eventually(seconds: 3) { (try? server.get("/stories/\(id)").status) == 410 })
        }
    }

    @Test("200 clients at once all get their answer; SIGTERM lets requests finish and exits 0")
    func loadAndShutdown() throws {
        try NewsroomFixture.with { newsroom in
            let id = try ReaderServerTests.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo, arguments: ["--pool-size", "2"])
            let paths = ["/", "/stories/\(id)", "/sections/politics", "/api/v1/stories", "/api/v1/ticker", "/api/v1/stories/\(id)"]
            let statuses = Locked<[Int]>([])
            DispatchQueue.concurrentPerform(iterations: 200) { index in
                let status = (try? server.get(paths[index % paths.count]).status) ?? -1
                statuses.withLock { $0.append(status) }
            }
            #expect(statuses.withLock { $0 }.count == 200)
            #expect(statuses.withLock { $0 }.allSatisfy { $0 == 200 }, "\(statuses.withLock { $0.filter { $0 != 200 } })")

            // A request in flight when SIGTERM arrives is answered: the database holds it (a lock
            // on the sections) until after the signal.
            let blocker = try newsroom.database.connect()
            try blocker.executeScript("BEGIN; LOCK TABLE sections IN ACCESS EXCLUSIVE MODE")
            let answer = Locked<HTTPAnswer?>(nil)
            let port = server.port
            let client = Thread { answer.withLock { $0 = try? HTTPAnswer.request(port: port, target: "/sections/politics?before=99999999999999-1") } }
            client.start()
            Thread.sleep(forTimeInterval: 0.4)
            server.process.signal(SIGTERM)
            Thread.sleep(forTimeInterval: 0.3)
            try blocker.executeScript("COMMIT")
            #expect(RunningNewsroom.eventually(seconds: 10) { answer.withLock { $0 } != nil })
            #expect(answer.withLock { $0?.status } == 200)
            #expect(server.process.wait(seconds: 15) == 0, "\(server.process.stderr)")
        }
    }

    @Test("/healthz, /metrics by route and status, one access-log line per request")
    func observability() throws {
        try NewsroomFixture.with { newsroom in
            let id = try ReaderServerTests.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let health = try server.get("/healthz")
            #expect(health.status == 200 && health.text == "ok\n")
            for _ in 0..<3 { _ = try server.get("/stories/\(id)") }
            _ = try server.get("/stories/999")
            let metrics = try server.get("/metrics")
            #expect(metrics.status == 200 && metrics.header("content-type")?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(metrics.text.contains(#"newsroom_http_requests_total{route="story",status="200",source="database"} 1"#))
            #expect(metrics.text.contains(#"newsroom_http_requests_total{route="story",status="200",source="memory"} 2"#))
            #expect(metrics.text.contains(#"newsroom_http_requests_total{route="story",status="404",source="database"} 1"#))
            #expect(metrics.text.contains("newsroom_http_request_duration_seconds_bucket{le="))
            #expect(metrics.text.contains("newsroom_db_pool_in_use") && metrics.text.contains("newsroom_db_pool_size 4"))
            #expect(metrics.text.contains("newsroom_changes_following 1"))
            #expect(RunningNewsroom.eventually(seconds: 2) {
                server.process.stdout.split(separator: "\n").filter { $0.contains("\"GET /stories/") }.count == 4
            })
            let line = try #require(server.process.stdout.split(separator: "\n").first { $0.contains("\"GET /stories/999\"") })
            #expect(line.contains(" 127.0.0.1 \"GET /stories/999\" 404 ") && line.hasSuffix(" story database"))
        }
    }

    @Test("a client that does not finish its request head within the limit is disconnected")
    func slowClient() throws {
        try NewsroomFixture.with { newsroom in
            let server = try ReaderServer(database: newsroom.database.conninfo, arguments: ["--head-timeout", "1"])
            let socket = try HTTPAnswer.connect(port: server.port, timeout: 10)
            defer { close(socket) }
            let started = Date()
            let part = Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8)
            _ = part.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var buffer = [UInt8](repeating: 0, count: 1024)
            var closed = false
            for _ in 0..<40 {
                _ = Array("X-Slow: 1\r\n".utf8).withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                if poll(&poller, 1, 250) > 0, recv(socket, &buffer, buffer.count, 0) <= 0 { closed = true; break }
            }
            #expect(closed, "still connected after \(Date().timeIntervalSince(started)) s")
            // Headers beyond the limit are refused, not read for ever.
            let huge = try HTTPAnswer.request(port: server.port, target: "/", headers: ["X-Big": String(repeating: "a", count: 20_000)])
            #expect(huge.status >= 400)
            #expect(try server.get("/").status == 200)
        }
    }

    @Test("`newsroom serve` hands over to newsroom-server on the same database")
    func serveHandsOver() throws {
        try NewsroomFixture.with { newsroom in
            let id = try ReaderServerTests.publishSample(newsroom)
            let running = try NewsroomBinary.start(["serve", "--listen", "127.0.0.1:0", "--no-access-log"], database: newsroom.database.conninfo)
            var port: Int?
            _ = RunningNewsroom.eventually(seconds: 30) {
                port = running.stderr.range(of: "serving http://127.0.0.1:").flatMap { Int(running.stderr[$0.upperBound...].prefix { $0.isNumber }) }
                return port != nil || !running.isRunning
            }
            let found = try #require(port, "\(running.stderr)")
            #expect(try HTTPAnswer.request(port: found, target: "/stories/\(id)").status == 200)
            running.signal(SIGTERM)
            #expect(running.wait(seconds: 15) == 0)
            #expect(running.stdout.isEmpty, "--no-access-log")
        }
    }

    @Test("a connection string libpq cannot read is refused at once, by the CLI, the server and the purge worker alike: 64 as --database, 78 from the environment")
    func unreadableConninfo() throws {
        for arguments in [["serve", "--listen", "127.0.0.1:0"], ["purge", "--hook", "http://x{path}"], ["story", "list"]] {
            let given = try NewsroomBinary.run(arguments + ["--database", "host='a','b'"], database: nil)
            #expect(given.status == 64, "\(arguments): \(given)")
            #expect(given.stderr.contains("--database is not a connection string libpq can read: missing \"=\""), "\(given.stderr)")
            let fromEnvironment = try NewsroomBinary.run(arguments, database: "a b c")
            #expect(fromEnvironment.status == 78, "\(arguments): \(fromEnvironment)")
            #expect(fromEnvironment.stderr.contains("NEWSROOM_DATABASE_URL is not a connection string libpq can read"), "\(fromEnvironment.stderr)")
        }
    }
}
