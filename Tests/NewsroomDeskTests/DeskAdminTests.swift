import Foundation
import Testing
import TestSupport

@Suite("the desk's administration, photos and day filter, as staff use them")
struct DeskAdminTests {
    @Test("an admin adds a person with a login and a first password, who then signs in; changes their role and deactivates them; a chief may not")
    func staff() throws {
        try DeskFixture.with { fixture in
            let login = "dnew_\(fixture.newsroom.database.name.suffix(10))"
            defer { _ = try? fixture.owner.executeScript("DROP OWNED BY \(login); DROP ROLE IF EXISTS \(login)") }
            let adam = try fixture.browser(signedInAs: "adam")
            #expect(try adam.get("/staff").text.contains("action=\"/staff\""))
            let refused = try adam.post("/staff", [("handle", "salma"), ("name", "سلمى"), ("role", "reporter"), ("login", login), ("password", "")])
            #expect(refused.status == 422, "an empty password creates no login, and the login named does not exist: \(refused.status)")
            #expect(try fixture.newsroom.count("SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1", [login]) == 0)
            let taken = try adam.post("/staff", [("handle", "layla"), ("name", "ليلى أخرى"), ("role", "reporter"), ("login", ""), ("password", "")])
            #expect(taken.status == 422 && taken.text.contains("ليلى أخرى"), "a handle taken: \(taken.status)")
            let twoLines = try adam.post("/staff", [("handle", "salma"), ("name", "سلمى"), ("role", "reporter"), ("login", login), ("password", "a\nb")])
            #expect(twoLines.status == 422 && !twoLines.text.contains("a\nb"), "a password of two lines, never shown back: \(twoLines.status)")
            #expect(try fixture.newsroom.count("SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1", [login]) == 0)
            try adam.get("/staff")
            let added = try adam.post("/staff", [("handle", "rana"), ("name", "رنا العبيدي"), ("role", "reporter"), ("login", login), ("password", DeskFixture.password)])
            #expect(added.status == 303, "\(added.status) \(added.text)")
            // She signs in with the first password her admin gave her.
            try fixture.owner.executeScript("GRANT \(DeskServer.passwordGroup) TO \(login)")
            let rana = DeskBrowser(fixture.desk)
            #expect(try rana.signIn(login, DeskFixture.password).status == 303)
            #expect(try rana.get("/").text.contains("رنا العبيدي"))

            let huda = try fixture.browser(signedInAs: "huda")
            let list = try huda.get("/staff")
            #expect(list.text.contains("رنا العبيدي") && !list.text.contains("action=\"/staff/rana/role\""), "a chief reads the staff; no forms")
            let forged = try huda.post("/staff/rana/role", [("role", "chief")])
            #expect(forged.status == 403 && forged.text.contains("class=\"refusal\""), "\(forged.status)")
            #expect(try fixture.owner.queryOne("SELECT role FROM staff WHERE handle = 'rana'").decode("role", as: String.self) == "reporter")

            try adam.get("/staff")
            #expect(try adam.post("/staff/rana/role", [("role", "editor")]).status == 303)
            #expect(try fixture.owner.queryOne("SELECT role FROM staff WHERE handle = 'rana'").decode("role", as: String.self) == "editor")
            try adam.get("/staff")
            #expect(try adam.post("/staff/rana/deactivate", []).status == 303)
            #expect(try rana.get("/stories").status == 403, "her session ends at her next request")
        }
    }

    @Test("a chief adds a section and sets a setting; a bad value comes back with the Arabic refusal and what was typed; a reporter's forged form is refused")
    func sectionsAndSettings() throws {
        try DeskFixture.with { fixture in
            let huda = try fixture.browser(signedInAs: "huda")
            try huda.get("/sections")
            #expect(try huda.post("/sections", [("slug", "culture"), ("name", "ثقافة وفنون")]).status == 303)
            #expect(try huda.get("/sections").text.contains("ثقافة وفنون"))
            #expect(try huda.post("/sections", [("slug", "culture"), ("name", "ثقافة")]).status == 422)
            try huda.get("/settings")
            #expect(try huda.post("/settings", [("key", "timezone"), ("value", "Asia/Baghdad")]).status == 303)
            #expect(try fixture.owner.queryOne("SELECT value FROM settings WHERE key = 'timezone'").decode("value", as: String.self) == "Asia/Baghdad")
            try huda.get("/settings")
            let bad = try huda.post("/settings", [("key", "timezone"), ("value", "Mars/Olympus")])
            #expect(bad.status == 422 && bad.text.contains("value=\"Mars/Olympus\""), "\(bad.status)")
            #expect(bad.text.contains("المنطقة الزمنية") || bad.text.contains("منطقة زمنية"), "the refusal in Arabic: \(bad.text.components(separatedBy: "class=\"refusal\"").last?.prefix(400) ?? "")")

            let layla = try fixture.browser(signedInAs: "layla")
            #expect(!layla.last!.text.contains("href=\"/sections\""), "no administration link for a reporter")
            let sections = try fixture.newsroom.count("SELECT count(*)::int AS n FROM sections")
            #expect(try layla.post("/sections", [("slug", "sport2"), ("name", "رياضة")]).status == 403)
            #expect(try layla.post("/settings", [("key", "timezone"), ("value", "UTC")]).status == 403)
            #expect(try fixture.newsroom.count("SELECT count(*)::int AS n FROM sections") == sections)
            #expect(try fixture.owner.queryOne("SELECT value FROM settings WHERE key = 'timezone'").decode("value", as: String.self) == "Asia/Baghdad")
        }
    }

    @Test("a reporter uploads a photo with its words and focal point, sees its thumbnail, places it as the lead; a file that is no photo is refused, nothing stored")
    func photos() throws {
        try DeskFixture.with { fixture in
            try TestPhotos.withFolder { folder in
                let layla = try fixture.browser(signedInAs: "layla")
                try layla.get("/photos")
                let file = try Array(Data(contentsOf: try TestPhotos.plain(in: folder, name: "road", size: "900x600")))
                let added = try layla.upload("/photos", [("alt", "طريق في ديالى"), ("caption", "الطريق إلى بعقوبة"), ("credit", "بغداد اليوم"),
                                                         ("focus_x", "30"), ("focus_y", "60")], file: file)
                #expect(added.status == 303, "\(added.status) \(added.text)")
                let location = try #require(added.header("location"))
                let id = String(location.drop { $0 != "=" }.dropFirst())
                let row = try fixture.owner.queryOne("SELECT alt, credit, focus_x::float8 AS x, focus_y::float8 AS y FROM media WHERE id = $1::bigint", [id])
                #expect(try row.decode("alt", as: String.self) == "طريق في ديالى" && row.decode("credit", as: String.self) == "بغداد اليوم")
                let focus = (try row.decode("x", as: Double.self), try row.decode("y", as: Double.self))
                #expect(abs(focus.0 - 0.3) < 0.001 && abs(focus.1 - 0.6) < 0.001, "\(focus)")
                let page = try layla.get(location)
                #expect(page.text.contains("media:\(id)") && page.text.contains("/photos/\(id)/thumbnail"))
                let thumbnail = try layla.get("/photos/\(id)/thumbnail")
                #expect(thumbnail.status == 200 && thumbnail.header("content-type") == "image/jpeg" && thumbnail.body.starts(with: [0xFF, 0xD8]))

                let photos = try fixture.newsroom.count("SELECT count(*)::int AS n FROM media")
                try layla.get("/photos")
                let notAPhoto = try layla.upload("/photos", [("alt", "x")], file: Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8))
                #expect(notAPhoto.status == 422 && notAPhoto.text.contains("class=\"refusal\""), "\(notAPhoto.status)")
                #expect(try layla.upload("/photos", [("alt", "x")], file: nil).status == 422)
                #expect(try layla.upload("/photos", [("alt", "x")], file: file, boundary: "").status == 415)
                #expect(try DeskBrowser(fixture.desk).upload("/photos", [], file: file).status == 401, "no file is taken without a session")
                #expect(try fixture.newsroom.count("SELECT count(*)::int AS n FROM media") == photos)

                try layla.get("/stories/new")
                let made = try layla.post("/stories", [("headline", "خبر بصورة"), ("section", "politics"), ("body", "نص.")])
                let story = String(try #require(made.header("location")).dropFirst("/stories/".count).prefix { $0.isNumber })
                try layla.get("/stories/\(story)")
                #expect(try layla.post("/stories/\(story)/lead", [("media", id)]).status == 303)
                #expect(try fixture.newsroom.count("SELECT count(*)::int AS n FROM story_photos WHERE story_id = $1::bigint AND role = 'lead'", [story]) == 1)
            }
        }
    }

    @Test("the story list by day, in the newsroom's zone; a day that is none is refused in words")
    func dayFilter() throws {
        try DeskFixture.with { fixture in
            let layla = try fixture.browser(signedInAs: "layla")
            try layla.get("/stories/new")
            _ = try layla.post("/stories", [("headline", "خبر اليوم"), ("section", "politics"), ("body", "نص.")])
            #expect(try layla.get("/stories?day=today").text.contains("خبر اليوم"))
            #expect(!(try layla.get("/stories?day=yesterday").text.contains("خبر اليوم")))
            let bad = try layla.get("/stories?day=2026-02-30")
            #expect(bad.status == 422 && bad.text.contains("class=\"refusal\""), "\(bad.status)")
        }
    }
}
