import Foundation
import PostgresClient
import TestSupport
import Testing

// Stories readers may no longer read: withdrawn, expired, erased.
extension ReaderServerTests {
    @Test("a withdrawn story: 410, when it was withdrawn, and nothing of its text")
    func withdrawnIsGone() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publishSample(newsroom, headline: "عنوان سيُسحب لأسباب قانونية")
            try newsroom.steps([("huda", ["story", "withdraw", id, "--reason", "court order"])])
            let server = try ReaderServer(database: newsroom.database.conninfo)
            let page = try server.get("/stories/\(id)")
            #expect(page.status == 410)
            #expect(page.text.contains("سُحب هذا الخبر في <time dir=\"ltr\" datetime=\""))
            #expect(!page.text.contains("عنوان سيُسحب") && !page.text.contains("داعش") && !page.text.contains("ديالى"))
            #expect(!page.text.contains("court order"))
            let api = try server.get("/api/v1/stories/\(id)")
            #expect(api.status == 410)
            let json = try #require(try JSONSerialization.jsonObject(with: api.body) as? [String: Any])
            #expect(Set(json.keys) == ["id", "status", "withdrawn_at"])
            #expect(!(try server.get("/").text.contains("/stories/\(id)\"")))
        }
    }

    @Test("an expired story: 410 like a withdrawn one once the scheduler takes it off, and out of the feed and the front page")
    func expiredIsGone() throws {
        try NewsroomFixture.with { newsroom in
            let id = try newsroom.draft(headline: "عرض ينتهي قريبا")
            try newsroom.steps([("huda", ["story", "assign", id, "--editor", "omar"]), ("layla", ["story", "submit", id]),
                                ("omar", ["story", "approve", id]), ("omar", ["story", "publish", id, "--expire-at", "+2s"])])
            let server = try ReaderServer(database: newsroom.database.conninfo)
            #expect(try server.get("/stories/\(id)").status == 200)
            #expect(try server.get("/feed.rss").text.contains("/stories/\(id)<"))
            Thread.sleep(forTimeInterval: 2.2)
            let run = try newsroom.run(["scheduler", "run", "--once"])
            #expect(run.status == 0 && run.stdout.contains("took off 1 expired story"), "\(run)")
            #expect(RunningNewsroom.eventually(seconds: 2) { (try? server.get("/stories/\(id)").status) == 410 })
            #expect(try server.get("/api/v1/stories/\(id)").status == 410)
            #expect(!(try server.get("/feed.rss").text.contains("/stories/\(id)<")))
            #expect(try server.get("/feed.atom").text.contains("at:deleted-entry"), "Atom says it is gone (RFC 6721)")
            #expect(!(try server.get("/").text.contains("عرض ينتهي قريبا")))
        }
    }

    @Test("an erased story: 410 like a withdrawn one, out of the feeds, nothing of its text anywhere the site shows")
    func erasedIsGone() throws {
        try NewsroomFixture.with { newsroom in
            let id = try Self.publishSample(newsroom, headline: "عنوان يمحى بأمر المحكمة")
            let server = try ReaderServer(database: newsroom.database.conninfo)
            #expect(try server.get("/stories/\(id)").status == 200)
            try newsroom.steps([("huda", ["story", "erase", id, "--order", "أمر 5"]), ("adam", ["story", "erase", id, "--order", "أمر 5", "--confirm"])])
            #expect(RunningNewsroom.eventually(seconds: 2) { (try? server.get("/stories/\(id)").status) == 410 })
            #expect(try server.get("/api/v1/stories/\(id)").status == 410)
            for path in ["/stories/\(id)", "/", "/feed.rss", "/feed.atom", "/search?q=%D9%8A%D9%85%D8%AD%D9%89"] {
                let text = try server.get(path).text
                #expect(!text.contains("عنوان يمحى") && !text.contains("ديالى"), "\(path) still shows its text")
            }
        }
    }
}
