import Foundation
import PostgresClient
import TestSupport
import Testing

// What caches and kept-alive clients meet: validators, 304s, gzip, answers from memory.
extension ReaderServerTests {
    @Test("304 for If-None-Match and If-Modified-Since; a change makes both stale; gzip when asked")
    func conditionalAndCompressed() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let first = try server.get("/stories/\(id)")
            let etag = try #require(first.header("etag"))
            let modified = try #require(first.header("last-modified"))
            let byTag = try server.get("/stories/\(id)", headers: ["If-None-Match": etag])
            #expect(byTag.status == 304 && byTag.body.isEmpty && byTag.header("etag") == etag)
            #expect(try server.get("/stories/\(id)", headers: ["If-None-Match": "W/\(etag), \"other\""]).status == 304)
            #expect(try server.get("/stories/\(id)", headers: ["If-Modified-Since": modified]).status == 304)
            #expect(try server.get("/stories/\(id)", headers: ["If-None-Match": "\"other\"", "If-Modified-Since": modified]).status == 200,
                    "If-None-Match decides when present")

            let zipped = try server.get("/stories/\(id)", headers: ["Accept-Encoding": "br, gzip;q=0.8"])
            #expect(zipped.header("content-encoding") == "gzip")
            #expect(zipped.body.count < first.body.count && Array(zipped.body.prefix(2)) == [0x1f, 0x8b])
            #expect(zipped.header("etag") != etag)
            #expect(try server.get("/stories/\(id)", headers: ["Accept-Encoding": "gzip;q=0"]).header("content-encoding") == nil)

            // A correction: the old validators no longer match (within a second of the commit).
            try newsroom.steps([("omar", ["story", "edit", id, "--headline", "عنوان مصحَّح", "--correction", "اسم خاطئ"])])
            #expect(RunningNewsroom.eventually(seconds: 1) { (try? server.get("/stories/\(id)", headers: ["If-None-Match": etag]).status) == 200 })
            let corrected = try server.get("/stories/\(id)", headers: ["If-Modified-Since": modified])
            #expect(corrected.status == 200)
            #expect(corrected.text.contains("<h1 dir=\"auto\">عنوان مصحَّح</h1>"))
            #expect(corrected.text.contains("class=\"corrections\"") && !corrected.text.contains("اسم خاطئ"), "the correction's time, not its note")
        }
    }

    @Test("a change elsewhere: a page whose bytes stay the same keeps its Last-Modified and ETag, and still answers 304")
    func unchangedPageKeepsItsDate() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let first = try server.get("/stories/\(id)")
            let front = try #require(try server.get("/").header("etag"))
            let modified = try #require(first.header("last-modified"))
            // A story in another section: the front page changes (a new generation began) ...
            _ = try Self.publishSample(newsroom, headline: "خبر آخر في قسم آخر", section: "security")
            #expect(RunningNewsroom.eventually(seconds: 2) { (try? server.get("/").header("etag")) != front })
            // ... and the first story's page, made anew, is the same bytes: the same validators.
            let again = try server.get("/stories/\(id)")
            try #require(again.body == first.body, "the story's page changed with another story's publication")
            #expect(again.header("etag") == first.header("etag"))
            #expect(again.header("last-modified") == modified)
            #expect(try server.get("/stories/\(id)", headers: ["If-Modified-Since": modified]).status == 304)
        }
    }

    @Test("kept-alive connections: answers from memory are the same bytes and headers as any other, in the order asked")
    func keptAlive() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publishSample(newsroom)
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let requests: [(method: String, target: String, headers: [String: String])] = [
                ("GET", "/stories/\(id)", [:]), ("HEAD", "/stories/\(id)", [:]), ("GET", "/stories/\(id)", ["Accept-Encoding": "gzip"]),
                ("GET", "/api/v1/ticker", [:]), ("GET", "/sections/security", [:]), ("GET", "/assets/site.css", [:]),
                ("GET", "/stories/\(id)", [:]), ("GET", "/stories/123456", [:]), ("GET", "/api/v1/stories?limit=1", [:]),
            ]
            // Once the server follows the database's changes (it empties its memory when it starts
            // to, so answers kept before would be remade with a later Last-Modified; seen under load).
            #expect(RunningNewsroom.eventually(seconds: 10) { (try? server.get("/metrics").text.contains("newsroom_changes_following 1")) == true })
            // One request a connection: every answer goes through Hummingbird (and is kept).
            let single = try requests.map { try server.get($0.target, headers: $0.headers, method: $0.method) }
            // The same, kept alive, twice: now from memory, on the event loop.
            for round in 1...2 {
                let answers = try HTTPAnswer.pipelined(port: server.port, requests)
                #expect(answers.count == requests.count)
                for (index, (answer, reference)) in zip(answers, single).enumerated() {
                    #expect(answer.status == reference.status, "round \(round), \(requests[index].target)")
                    #expect(answer.body == reference.body, "round \(round), \(requests[index].target)")
                    var headers = answer.headers, expected = reference.headers
                    for name in ["date", "connection"] { headers[name] = nil; expected[name] = nil }
                    #expect(headers == expected, "round \(round), \(requests[index].target)")
                    #expect(answer.header("date")?.hasSuffix(" GMT") == true)
                }
            }
            // A cold page in the middle of kept-alive ones keeps its place.
            try newsroom.steps([("omar", ["ticker", "schedule", "--text", "سطر جديد", "--for", "1h"])])
            #expect(RunningNewsroom.eventually(seconds: 1) { (try? server.get("/api/v1/ticker").text.contains("سطر جديد")) == true })
            let mixed = try HTTPAnswer.pipelined(port: server.port, [
                ("GET", "/api/v1/ticker", [:]), ("GET", "/stories/\(id)", [:]), ("GET", "/assets/site.js", [:]), ("GET", "/api/v1/sections", [:]),
            ])
            #expect(mixed.map(\.status) == [200, 200, 200, 200])
            #expect(mixed.map { $0.header("content-type") ?? "" } == [
                "application/json; charset=utf-8", "text/html; charset=utf-8", "text/javascript; charset=utf-8", "application/json; charset=utf-8",
            ])
            #expect(mixed[0].text.contains("سطر جديد") && mixed[3].text.contains("\"sections\""))
            let metrics = try server.get("/metrics").text
            #expect(metrics.contains(#"newsroom_http_requests_total{route="story",status="200",source="memory"}"#))
        }
    }
}
