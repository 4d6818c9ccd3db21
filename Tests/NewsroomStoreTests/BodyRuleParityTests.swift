import Foundation
@_spi(RuleParity) @testable import NewsroomStore
import NewsroomCore
import PostgresClient
import Testing
import TestRandom
import TestSupport

/// The body format's refusals are one table (`BodyRefusal.Kind`): the core refuses every
/// kind; the database refuses exactly the kinds marked `mirroredInDatabase` (what would be
/// unsafe on a page), through the same store write with the core's checks off. And the two
/// lexical rules it mirrors agree with the core's scanner on generated markup, case by case.
@Suite("body format: the database refuses what the core's table says it mirrors")
struct BodyRuleParityTests {
    @Test("every kind of the table: the core refuses it; the database exactly when it is mirrored")
    func table() throws {
        try NewsroomFixture.with { fixture in
            let newsroom = try RuleParityTests.Newsroom(fixture)
            let reporter = newsroom.actor("layla")
            for kind in BodyRefusal.Kind.allCases {
                let core = RuleParityTests.core { _ = try EditorialText.body(kind.example) }
                let database = try RuleParityTests.database {
                    _ = try newsroom.bypass.createDraft(
                        NewDraft(headline: "خبر", section: SectionSlug(rawValue: "politics"), dateline: nil, body: kind.example, author: nil), by: reporter)
                }
                #expect(!core.isAllowed, "the core takes \(kind)")
                #expect(database.isAllowed == !kind.mirroredInDatabase, "\(kind): database \(database)")
            }
            // And an edit is held to it as a new draft is.
            let draft = try newsroom.story(.draft, author: "layla", editor: nil)
            let edit = try RuleParityTests.database {
                _ = try newsroom.bypass.edit(draft, changes: StoryChanges(body: BodyRefusal.Kind.rawHTML.example), correction: nil, ifVersion: nil, by: reporter)
            }
            #expect(!edit.isAllowed)
        }
    }

    @Test("the markup's ceiling, at it and one byte over: the core and the database agree")
    func ceiling() throws {
        let link = "[x](https://example.org/"
        let at = link + String(repeating: "a", count: EditorialText.bodySourceByteLimit - link.utf8.count - 1) + ")"
        try NewsroomFixture.with { fixture in
            let newsroom = try RuleParityTests.Newsroom(fixture)
            for (body, fits) in [(at, true), (at + "a", false)] {
                #expect(body.utf8.count == EditorialText.bodySourceByteLimit + (fits ? 0 : 1))
                let core = RuleParityTests.core { _ = try EditorialText.body(body) }
                let database = try RuleParityTests.database {
                    _ = try newsroom.bypass.createDraft(
                        NewDraft(headline: "خبر", section: SectionSlug(rawValue: "politics"), dateline: nil, body: body, author: nil), by: newsroom.actor("layla"))
                }
                #expect(core.isAllowed == fits && database.isAllowed == fits, "\(body.utf8.count) bytes: core \(core), database \(database)")
            }
        }
    }

    static let pieces = ["<", "a", "Z", "/", "!", "?", "\\", "]", "[", "(", ")", ":", " ", "\t", "\n", "<", "javascript", "JavaScript",
                         "http", "https", "s", "data", "x+y.z-", "1", "ب", "*", "   ", "    ", "#", "&", "<!--", "](", "]:", "\\\\"]

    @Test("the mirrored rules, on 20,000 generated bodies: the core's scanner and the database's check agree on each")
    func lexical() throws {
        var random = SeededGenerator(state: 20_261_207)
        let bodies = (0..<20_000).map { _ in
            (0..<Int.random(in: 1...14, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
        }
        try TestCluster.withDatabase { database in
            let connection = try database.connect()
            let rows = try connection.query(
                "SELECT b.n, newsroom_body_unsafe(b.body) AS unsafe FROM unnest($1::text[]) WITH ORDINALITY AS b(body, n) ORDER BY b.n",
                [PostgresTextArray(bodies.map { Optional($0) })])
            var refused = 0
            for row in rows {
                let index: Int = try row.decode("n") - 1, unsafe: Bool = try row.decode("unsafe")
                let core = ArticleBody.unsafeConstruct(in: bodies[index]) != nil
                #expect(core == unsafe, "\(bodies[index].debugDescription): core \(core), database \(unsafe)")
                if unsafe { refused += 1 }
            }
            #expect(rows.count == bodies.count)
            #expect(refused > 1_000 && refused < 19_000, "the generator must make both kinds (\(refused) refused)")
        }
    }
}
