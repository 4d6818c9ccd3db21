import Foundation
import PostgresClient
import TestSupport

/// The fixture's newsroom with a desk in front of it, and logins with passwords for layla
/// (reporter), omar (editor), huda (chief) and adam (admin); the logins go with the database.
struct DeskFixture {
    let newsroom: NewsroomFixture
    let desk: DeskServer
    let logins: [String: String]
    let owner: PostgresConnection

    static let password = "كلمة سر طويلة 2026"

    static func with(arguments: [String] = [], _ body: (DeskFixture) throws -> Void) throws {
        try NewsroomFixture.with { newsroom in
            let owner = try newsroom.database.connect()
            let suffix = newsroom.database.name.suffix(10)
            var logins: [String: String] = [:]
            for handle in ["layla", "omar", "huda", "adam"] {
                let login = "d\(handle)_\(suffix)"
                // Identifiers cannot be parameters; the name is ours, the password a literal of ours.
                try owner.executeScript("CREATE ROLE \(login) LOGIN PASSWORD '\(password)' IN ROLE \(DeskServer.passwordGroup)")
                logins[handle] = login
            }
            defer { for login in logins.values { _ = try? owner.executeScript("DROP OWNED BY \(login); DROP ROLE IF EXISTS \(login)") } }
            for (handle, login) in logins {
                let run = try newsroom.run(["staff", "edit", handle, "--login", login])
                guard run.status == 0 else { throw FixtureFailure(message: "staff edit: \(run)") }
            }
            let desk = try DeskServer(database: newsroom.database.name, arguments: arguments)
            try body(DeskFixture(newsroom: newsroom, desk: desk, logins: logins, owner: owner))
        }
    }

    func browser(signedInAs handle: String) throws -> DeskBrowser {
        let browser = DeskBrowser(desk)
        let answer = try browser.signIn(logins[handle]!, Self.password)
        guard answer.status == 303 else { throw FixtureFailure(message: "\(handle) could not sign in: \(answer.status) \(answer.text)") }
        try browser.get("/")
        return browser
    }

    func storyRow(_ id: String) throws -> (status: String, version: Int) {
        let row = try owner.queryOne("SELECT status, version FROM stories WHERE id = $1::bigint", [id])
        return (try row.decode("status"), try row.decode("version"))
    }
}
