import Foundation
import Testing
import TestSupport

@Suite("the desk's sign-in and sessions, on a real newsroom-desk and PostgreSQL checking passwords")
struct DeskSignInTests {
    @Test("a person signs in with their own login and password; a wrong password and an unknown login get the same words; the cookie is HttpOnly, SameSite=Strict, 256 bits")
    func signIn() throws {
        try DeskFixture.with { fixture in
            let browser = DeskBrowser(fixture.desk)
            let page = try browser.get("/")
            #expect(page.status == 200 && page.text.contains("action=\"/sign-in\""))
            #expect(page.header("content-security-policy")?.contains("default-src 'none'") == true)
            #expect(page.header("content-security-policy")?.contains("frame-ancestors 'none'") == true)
            #expect(page.header("referrer-policy") == "same-origin" && page.header("cache-control") == "no-store")

            let wrong = try DeskBrowser(fixture.desk).signIn(fixture.logins["layla"]!, "not the password")
            let unknown = try DeskBrowser(fixture.desk).signIn("nobody_at_all", "not the password")
            #expect(wrong.status == 401 && unknown.status == 401)
            func refusal(_ answer: HTTPAnswer) -> String? {
                guard let range = answer.text.range(of: "<div class=\"refusal\"") else { return nil }
                return String(answer.text[range.lowerBound...].prefix { $0 != "\n" })
            }
            #expect(refusal(wrong) != nil && refusal(wrong) == refusal(unknown), "one message whether the login exists or not")
            #expect(!fixture.desk.process.stderr.contains("not the password"), "the log never holds a password")

            let made = try browser.signIn(fixture.logins["layla"]!, DeskFixture.password)
            #expect(made.status == 303 && made.header("location") == "/")
            let cookie = try #require(browser.setCookies.first { $0.hasPrefix("newsroom-desk=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
            let token = String(cookie.split(separator: ";")[0].dropFirst("newsroom-desk=".count))
            #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
            let desk = try browser.get("/")
            #expect(desk.status == 200 && desk.text.contains("data-viewer=\"layla\""))
            #expect(desk.text.contains("lang=\"ar\" dir=\"rtl\""))

            // Sign-out ends the session and closes its connection.
            try browser.post("/sign-out", [])
            #expect(try browser.get("/stories").status == 401)
            let connections = try fixture.newsroom.count("SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1", [fixture.logins["layla"]!])
            #expect(connections == 0)
        }
    }

    @Test("behind a TLS proxy the cookie is Secure with the __Host- prefix")
    func secureCookie() throws {
        try DeskFixture.with { fixture in
            let browser = DeskBrowser(fixture.desk)
            let answer = try HTTPAnswer.request(port: fixture.desk.port, target: "/sign-in", headers: ["X-Forwarded-Proto": "https"])
            let cookie = try #require(answer.header("set-cookie"))
            #expect(cookie.hasPrefix("__Host-newsroom-desk-pre=") && cookie.contains("; Secure"), "\(cookie)")
            _ = browser
        }
    }

    @Test("after five failures a login is held back (429, Retry-After) even with the right password, and another login is not")
    func throttle() throws {
        try DeskFixture.with { fixture in
            for _ in 0..<5 { #expect(try DeskBrowser(fixture.desk).signIn(fixture.logins["omar"]!, "wrong").status == 401) }
            let held = try DeskBrowser(fixture.desk).signIn(fixture.logins["omar"]!, DeskFixture.password)
            #expect(held.status == 429 && held.header("retry-after") != nil, "\(held.status)")
        }
    }

    @Test("the desk takes as many people as --max-sessions says, and tells the next one so")
    func sessionLimit() throws {
        try DeskFixture.with(arguments: ["--max-sessions", "1"]) { fixture in
            _ = try fixture.browser(signedInAs: "layla")
            let full = try DeskBrowser(fixture.desk).signIn(fixture.logins["omar"]!, DeskFixture.password)
            #expect(full.status == 503 && full.text.contains("المكتب ممتلئ"), "\(full.status)")
        }
    }

    @Test("a desk pointed where the server lets logins in without a password (trust) signs nobody in, and logs why")
    func passwordMustBeChecked() throws {
        try DeskFixture.with { fixture in
            // The test cluster trusts its socket to logins outside the group: the right password
            // or any other, such a login gets nowhere.
            try fixture.owner.executeScript("REVOKE \(DeskServer.passwordGroup) FROM \(fixture.logins["huda"]!)")
            let trusting = fixture.desk
            for password in [DeskFixture.password, "anything"] {
                let answer = try DeskBrowser(trusting).signIn(fixture.logins["huda"]!, password)
                #expect(answer.status == 401, "\(answer.status)")
            }
            #expect(RunningNewsroom.eventually(seconds: 5) { trusting.process.stderr.contains("without checking its password") }, "\(trusting.process.stderr)")
        }
    }
}
