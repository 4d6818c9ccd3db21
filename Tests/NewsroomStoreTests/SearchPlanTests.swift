import Foundation
import NewsroomCore
@testable import NewsroomStore
import PostgresClient
import Testing
import TestSupport

/// The search chooses how to find the newest matches (a walk newest first, or the matches'
/// ids ordered by time) from the planner's estimate, and a walk that falls short hands over
/// to the ids. At test scale the estimate always picks the ids; here every plan is forced in
/// turn over the same stories, and each must give the same answer.
@Suite("search: every plan gives the same answer")
struct SearchPlanTests {
    /// Stories whose words come in known shares: الحكومة in every other headline, البرلمان in
    /// one in five, الكفالة in one in forty, the body's words likewise; their times out of
    /// step with their ids, so that time, not id, orders them.
    static func stories(_ newsroom: NewsroomFixture, count: Int) throws {
        let connection = try newsroom.database.connect()
        try connection.transaction {
            try connection.query("SELECT set_config('newsroom.actor', 'layla', true)")
            try connection.query(
                """
                WITH created AS (
                    INSERT INTO stories (section, author, created_at, updated_at)
                    SELECT CASE WHEN g % 3 = 0 THEN 'security' ELSE 'politics' END, 'layla',
                           now() - (g * 7919 % $1) * interval '1 minute', now() - (g * 7919 % $1) * interval '1 minute'
                      FROM generate_series(1, $1::int) g
                    RETURNING id
                ), texts AS (
                    INSERT INTO story_texts (story_id, version, headline, body)
                    SELECT id, 1,
                           concat_ws(' ', 'خبر', CASE WHEN id % 2 = 0 THEN 'الحكومة' END, CASE WHEN id % 5 = 0 THEN 'والبرلمان' END,
                                     CASE WHEN id % 40 = 0 THEN 'الكفالات' END, 'رقم', id),
                           concat_ws(' ', 'نص', CASE WHEN id % 3 = 0 THEN 'الحكومة' END, CASE WHEN id % 7 = 0 THEN 'بالكفالة' END,
                                     CASE WHEN id % 11 = 0 THEN 'المصرف المركزي' END, 'انتهى')
                      FROM created
                ), logged AS (
                    INSERT INTO story_history (story_id, actor, action, to_status, version)
                    SELECT id, 'layla', 'create', 'draft', 1 FROM created
                )
                SELECT count(*) FROM created
                """,
                [count]
            )
        }
    }

    static let queries = ["الحكومة", "برلمان", "الكفالة", "\"المصرف المركزي\"", "حكو*", "الحكومة -برلمان", "كفالة -\"المصرف المركزي\"", "غائب"]

    static let plans: [(String, StorySearch.Plans)] = [
        ("index", .init(walkAbove: (headline: .max, text: .max), walkLength: 0)),
        ("walk", .init(walkAbove: (headline: -1, text: -1), walkLength: 100_000)),
        ("short walk, then the index", .init(walkAbove: (headline: -1, text: -1), walkLength: 7)),
        ("measured", .measured),
    ]

    @Test("walk, index and a walk cut short agree, for staff and readers, with and without filters")
    func plansAgree() throws {
        try NewsroomFixture.with { newsroom in
            try Self.stories(newsroom, count: 400)
            #expect(try newsroom.count("SELECT count(*) FROM story_search") == 400, "every story has its terms")
            for id in [2, 4, 10, 40, 41, 77, 80, 120, 210, 399] {
                try newsroom.steps([("huda", ["story", "publish", String(id), "--skip-review", "--reason", "عاجل"])])
            }
            let connection = try newsroom.database.connect()
            let requests: [(String, (SearchQuery) throws -> SearchRequest)] = [
                ("no filter", { try SearchRequest(query: $0, limit: 15) }),
                ("security", { try SearchRequest(query: $0, section: SectionSlug(rawValue: "security"), limit: 15) }),
                ("drafts", { try SearchRequest(query: $0, statuses: [.draft], limit: 15) }),
                ("last two hours", { try SearchRequest(query: $0, from: Date().addingTimeInterval(-7200), limit: 100) }),
            ]
            var found = 0
            for scope in [StorySearch.Scope.staff, .readers] {
                for typed in Self.queries {
                    for (filter, request) in requests {
                        let request = try request(try SearchQuery.parse(typed))
                        var answers: [(String, [String])] = []
                        for (name, plans) in Self.plans {
                            var search = StorySearch(connection: connection, scope: scope)
                            search.plans = plans
                            let results = try search.search(request)
                            answers.append((name, results.hits.map { "\($0.id.rawValue) \($0.tier) \($0.headline.plain)" }))
                        }
                        for (name, answer) in answers.dropFirst() {
                            #expect(answer == answers[0].1, "\(typed), \(filter): \(name) differs from the index")
                        }
                        found += answers[0].1.count
                    }
                }
            }
            #expect(found > 500, "the queries find stories (\(found) hits in all)")

            // The walk's answer really is the newest first: the staff's newest matches by the
            // stories' own times, straight from the tables.
            var walk = StorySearch(connection: connection, scope: .staff)
            walk.plans = Self.plans[1].1
            let newest = try walk.search(try SearchRequest(query: try SearchQuery.parse("الكفالة"), limit: 5)).hits.map(\.id.rawValue)
            let expected: [Int64] = try connection.query(
                """
                SELECT s.id FROM stories s JOIN story_texts t ON t.story_id = s.id
                 WHERE t.headline LIKE '%الكفالات%' ORDER BY s.updated_at DESC, s.id DESC LIMIT 5
                """
            ).map { try $0.decode("id") }
            #expect(newest == expected)
        }
    }
}
