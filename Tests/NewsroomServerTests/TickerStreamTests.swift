import Foundation
import TestSupport
import Testing

/// `/api/v1/ticker/stream` as an EventSource meets it: the real server, a real database, the
/// CLI writing.
@Suite("reader site: the live ticker stream")
struct TickerStreamTests {
    /// The lines' texts in an event's strip, in strip order.
    static func texts(_ event: EventStreamClient.Event?) throws -> [String] {
        let event = try #require(event)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
        let lines = try #require(document["ticker"] as? [[String: Any]])
        return lines.compactMap { $0["text"] as? String }
    }

    /// `CHANGE-MICROSECONDS`, ordered as the server orders them.
    static func position(_ event: EventStreamClient.Event?) throws -> (Int64, Int64) {
        let id = try #require(event?.id)
        let parts = id.split(separator: "-").compactMap { Int64($0) }
        try #require(parts.count == 2, "event id \(id)")
        return (parts[0], parts[1])
    }

    @Test("the strip on connect, then every change: scheduled, cancelled, and a line starting by the clock, each within a second")
    func follows() throws {
        try NewsroomFixture.with { newsroom in
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "سطر أول", "--for", "2h"])])
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let client = try EventStreamClient(port: server.port)
            #expect(client.status == 200)
            #expect(client.headers["content-type"] == "text/event-stream; charset=utf-8")
            #expect(client.headers["cache-control"] == "no-store")
            let first = client.next(within: 3)
            #expect(first?.type == "ticker")
            #expect(try Self.texts(first) == ["سطر أول"])

            // Scheduled with the CLI: on the stream within a second, urgent first.
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "عاجل: سطر ثان", "--urgent", "--for", "1h"])])
            let second = client.next(within: 1)
            #expect(try Self.texts(second) == ["عاجل: سطر ثان", "سطر أول"])
            #expect(try Self.position(second) > Self.position(first))

            // Cancelled: gone from the next event.
            let listed = try newsroom.run(["ticker", "list", "--json"])
            let items = try #require(try NewsroomFixture.json(listed) as? [[String: Any]])
            let urgent = try #require(items.first { $0["text"] as? String == "عاجل: سطر ثان" }?["id"] as? Int)
            try newsroom.steps([("omar", ["ticker", "cancel", String(urgent), "--reason", "خطأ"])])
            let third = client.next(within: 1)
            #expect(try Self.texts(third) == ["سطر أول"])

            // A line that starts in two seconds: nobody writes then, the server knows the time.
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "سطر يبدأ لاحقا", "--from", "+2s", "--for", "1h"])])
            let started = Date()
            var fourth = client.next(within: 1)  // the insert itself changes nothing shown, but it is a change
            if (try? Self.texts(fourth)) == ["سطر أول"] { fourth = client.next(within: 3.5) }
            #expect(try Self.texts(fourth).contains("سطر يبدأ لاحقا"))
            #expect(Date().timeIntervalSince(started) >= 1.5, "the line showed before its time")
            #expect(try Self.position(fourth) > Self.position(third))
            #expect(try server.get("/metrics").text.contains("newsroom_ticker_stream_clients 1"))
        }
    }

    @Test("Last-Event-ID: the same strip is not sent again, an older one is brought up to date, and another server names the same strip alike")
    func reconnect() throws {
        try NewsroomFixture.with { newsroom in
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "سطر", "--for", "2h"])])
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let first = try EventStreamClient(port: server.port).next(within: 3)
            let id = try #require(first?.id)

            // Another server on the same database names the same strip with the same id.
            let other = try ReaderServer(database: newsroom.database.conninfo)
            #expect(try EventStreamClient(port: other.port).next(within: 3)?.id == id)

            // Back with the id it has: nothing until the strip changes, then the change.
            let back = try EventStreamClient(port: other.port, lastEventID: id)
            #expect(back.next(within: 1.5) == nil)
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "سطر جديد", "--for", "1h"])])
            let change = back.next(within: 1)
            #expect(try Self.texts(change).contains("سطر جديد"))

            // Back with an older id, or one this server never wrote: the strip as it stands.
            for stale in [id, "not-an-id", "12"] {
                let caughtUp = try EventStreamClient(port: server.port, lastEventID: stale).next(within: 3)
                #expect(caughtUp?.id == change?.id, "Last-Event-ID \(stale)")
            }
            // A client that saw a newer strip (on a server further along) gets nothing older.
            let (changeNumber, _) = try Self.position(change)
            let ahead = try EventStreamClient(port: server.port, lastEventID: "\(changeNumber + 1)-0")
            #expect(ahead.next(within: 1.5) == nil)
        }
    }

    @Test("a client that never reads holds nobody up; SIGTERM ends every stream and the server exits 0")
    func stalledClientAndShutdown() throws {
        try NewsroomFixture.with { newsroom in
            let server = try ReaderServer(database: newsroom.database.conninfo)
            // A client that sends its request and never reads, with the smallest receive buffer.
            let stalled = try HTTPAnswer.connect(port: server.port)
            defer { close(stalled) }
            var small: Int32 = 1
            setsockopt(stalled, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
            let request = Array("GET /api/v1/ticker/stream HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(stalled, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }

            let reader = try EventStreamClient(port: server.port)
            _ = reader.next(within: 3)
            let long = String(repeating: "سطر طويل ", count: 20)
            for index in 0..<12 {
                try newsroom.steps([("omar", ["ticker", "schedule", "--text", "\(index) \(long)".prefix(200).description, "--for", "1h"])])
                let event = reader.next(within: 1)
                #expect(try Self.texts(event).count == index + 1, "event \(index)")
            }
            #expect(try server.get("/").status == 200)

            server.process.signal(SIGTERM)
            #expect(reader.ends(within: 3), "the stream was not ended")
            #expect(server.process.wait(seconds: 10) == 0, "\(server.process.stderr)")
        }
    }
}
