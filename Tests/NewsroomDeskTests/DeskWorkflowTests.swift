import Foundation
import Testing
import TestSupport

@Suite("the desk's workflow as staff use it: the core's offer, forged forms, conflicts, deactivation")
struct DeskWorkflowTests {
    static let body = "## الخلفية\n\nقال المسؤول إن [الطريق](https://example.org/road) مغلق.\n\n> «لن نتراجع»\n\n- أولاً\n- ثانياً"

    func create(_ browser: DeskBrowser, headline: String = "العراق يخنق <b>الرقم</b>") throws -> String {
        try browser.get("/stories/new")
        let made = try browser.post("/stories", [("headline", headline), ("dateline", "ديالى"), ("section", "politics"), ("body", Self.body)])
        #expect(made.status == 303, "\(made.status) \(made.text)")
        let location = try #require(made.header("location"))
        return String(location.dropFirst("/stories/".count).prefix { $0.isNumber })
    }

    @Test("a reporter writes and submits; she has no approve button, and a forged approve is refused with nothing changed; the editor approves and publishes")
    func workflow() throws {
        try DeskFixture.with { fixture in
            let layla = try fixture.browser(signedInAs: "layla")
            let id = try create(layla)
            let page = try layla.get("/stories/\(id)")
            #expect(page.text.contains("&lt;b&gt;الرقم&lt;/b&gt;") && !page.text.contains("<b>الرقم"), "HTML in a headline is escaped")
            #expect(page.text.contains("<h2 dir=\"auto\">الخلفية</h2>") && page.text.contains("<blockquote"), "the body drawn as readers see it")
            let huda = try fixture.browser(signedInAs: "huda")
            try huda.get("/stories/\(id)")
            #expect(try huda.post("/stories/\(id)/actions", [("action", "assign"), ("version", "1"), ("editor", "omar")]).status == 303)
            try layla.get("/stories/\(id)")
            #expect(try layla.post("/stories/\(id)/actions", [("action", "submit"), ("version", "2")]).status == 303)

            let review = try layla.get("/stories/\(id)")
            #expect(!review.text.contains("value=\"approve\""), "no approve button on her own story")
            let before = try fixture.storyRow(id)
            let forged = try layla.post("/stories/\(id)/actions", [("action", "approve"), ("version", String(before.version))])
            #expect(forged.status == 403 && forged.text.contains("class=\"refusal\""), "\(forged.status)")
            #expect(try fixture.storyRow(id) == before, "the forged approval changed nothing")

            let omar = try fixture.browser(signedInAs: "omar")
            let offered = try omar.get("/stories/\(id)")
            #expect(offered.text.contains("value=\"approve\"") && offered.text.contains("value=\"return\""))
            #expect(try omar.post("/stories/\(id)/actions", [("action", "approve"), ("version", String(before.version))]).status == 303)
            try omar.get("/stories/\(id)")
            let version = try fixture.storyRow(id).version
            let token = omar.csrf
            #expect(try omar.post("/stories/\(id)/actions", [("action", "publish"), ("version", String(version))]).status == 303)
            // A double-clicked publish: the second carries the old version and publishes nothing more.
            let again = try omar.post("/stories/\(id)/actions", [("action", "publish"), ("version", String(version))], csrf: .some(token))
            #expect(again.status == 409)
            #expect(try fixture.storyRow(id).status == "published")
            // A correction in Arabic goes to the editor through the redirect's query, ASCII-encoded.
            try omar.get("/stories/\(id)")
            let lease = try omar.post("/stories/\(id)/lease", [("correction", "تصحيح اسم المكان")])
            let location = try #require(lease.header("location"))
            #expect(lease.status == 303 && location.unicodeScalars.allSatisfy(\.isASCII), "\(location)")
            #expect(try omar.get(location).text.contains("value=\"تصحيح اسم المكان\""))
            #expect(try fixture.newsroom.count("SELECT count(*)::int AS n FROM story_history WHERE story_id = $1::bigint AND action = 'publish'", [id]) == 1)
        }
    }

    @Test("a POST without the form token, with another session's, or from another origin is refused and changes nothing")
    func forgedForms() throws {
        try DeskFixture.with { fixture in
            let layla = try fixture.browser(signedInAs: "layla")
            let id = try create(layla)
            let omar = try fixture.browser(signedInAs: "omar")
            try layla.get("/stories/\(id)")
            let before = try fixture.storyRow(id)
            let spike = [("action", "spike"), ("version", String(before.version))]
            #expect(try layla.post("/stories/\(id)/actions", spike, csrf: .some(nil)).status == 403)
            #expect(try layla.post("/stories/\(id)/actions", spike, csrf: .some(omar.csrf)).status == 403)
            #expect(try layla.post("/stories/\(id)/actions", spike, origin: "https://evil.example").status == 403)
            #expect(try layla.post("/stories/\(id)/actions", spike, origin: "null").status == 403)
            #expect(try fixture.storyRow(id) == before)
        }
    }

    @Test("saving against a version someone else moved on shows what changed and keeps the person's text")
    func conflictKeepsText() throws {
        try DeskFixture.with { fixture in
            let layla = try fixture.browser(signedInAs: "layla")
            let id = try create(layla)
            try layla.get("/stories/\(id)")
            #expect(try layla.post("/stories/\(id)/lease", []).status == 303)
            let editor = try layla.get("/stories/\(id)/edit")
            #expect(editor.status == 200 && editor.text.contains("name=\"version\" value=\"1\""))
            // Meanwhile a chief takes the story over and saves a change.
            let huda = try fixture.browser(signedInAs: "huda")
            try huda.get("/stories/\(id)")
            #expect(try huda.post("/stories/\(id)/lease", [("take_over", "1")]).status == 303)
            try huda.get("/stories/\(id)/edit")
            let chief = try huda.post("/stories/\(id)/edit", [("save", "1"), ("version", "1"), ("headline", "عنوان رئيسة التحرير"), ("dateline", "ديالى"),
                                                              ("section", "politics"), ("body", Self.body)])
            #expect(chief.status == 303, "\(chief.status) \(chief.text)")
            let mine = "نص ليلى الجديد الذي لا يضيع"
            let refused = try layla.post("/stories/\(id)/edit", [("save", "1"), ("version", "1"), ("headline", "عنوان ليلى"), ("dateline", "ديالى"),
                                                                 ("section", "politics"), ("body", mine)])
            #expect(refused.status == 409)
            #expect(refused.text.contains(mine) && refused.text.contains("عنوان ليلى"), "her text comes back")
            #expect(refused.text.contains("<ins>") || refused.text.contains("<del>"), "with what changed meanwhile")
            #expect(try fixture.owner.queryOne("SELECT headline FROM story_texts WHERE story_id = $1::bigint", [id]).decode("headline", as: String.self) == "عنوان رئيسة التحرير")
        }
    }

    @Test("a person deactivated mid-session is shown out at their next request")
    func deactivation() throws {
        try DeskFixture.with { fixture in
            let layla = try fixture.browser(signedInAs: "layla")
            let run = try fixture.newsroom.run(["staff", "deactivate", "layla"])
            #expect(run.status == 0, "\(run)")
            let next = try layla.get("/stories")
            #expect(next.status == 403 && next.text.contains("أُوقف حسابك"), "\(next.status)")
            #expect(try layla.get("/").text.contains("action=\"/sign-in\""), "the session is gone")
        }
    }

    @Test("bad requests: oversized, not UTF-8, a field twice, an encoded path; each a clear page, nothing changed")
    func badInput() throws {
        try DeskFixture.with(arguments: ["--max-form-kilobytes", "16"]) { fixture in
            let layla = try fixture.browser(signedInAs: "layla")
            let token = try #require(layla.csrf)
            let stories = try fixture.newsroom.count("SELECT count(*)::int AS n FROM stories")
            #expect(try layla.post("/stories", [("headline", "x"), ("section", "politics"), ("body", String(repeating: "ب", count: 20_000))]).status == 413)
            #expect(try layla.post("/stories", [], rawBody: Array("csrf=\(token)&headline=".utf8) + [0xFF, 0xFE]).status == 400)
            #expect(try layla.post("/stories", [], rawBody: Array("csrf=\(token)&headline=a&headline=b&section=politics&body=x".utf8)).status == 400)
            #expect(try layla.get("/stories/1%2F..%2Fedit").status == 404)
            #expect(try layla.get("/stories/abc").status == 422)
            #expect(try fixture.newsroom.count("SELECT count(*)::int AS n FROM stories") == stories)
        }
    }
}
