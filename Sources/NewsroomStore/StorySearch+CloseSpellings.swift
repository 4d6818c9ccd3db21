import NewsroomCore
import PostgresClient

/// When a query finds nothing: the stories whose headlines have words spelled close to the
/// query's, by the rule of Migrations/0029_close_by_edit_distance.sql, for staff and readers alike.
extension StorySearch {
    func closeSpellings(of words: String, excluding unwanted: String?, _ filters: Filters, limit: Int,
                        plan: inout [String]) throws -> SearchResults {
        // The headlines' words within each query word's reach (readers': only those of published
        // headlines), then the newest headlines that have each word's best stand-in, then the
        // newest with any of them (and, as always, no excluded word anywhere in the text).
        let close = try connection.queryOne("SELECT query::text, best::text, spellings FROM \(scope.closeSpellings)($1)", [words])
        guard let anyQuery: String = try close.decode("query"), let bestQuery: String = try close.decode("best") else {
            return SearchResults(hits: [], closeSpellings: false, plan: plan)
        }
        let spellings: [String] = try close.decode("spellings")
        func wanted(_ query: String) -> String { unwanted.map { "(\(query)) & !(\($0))" } ?? query }
        let tier = Tier.headline(excludes: unwanted != nil)
        var spelled = try newest(matching: wanted(bestQuery), in: tier, filters, limit: limit, plan: &plan)
        if spelled.count < limit && anyQuery != bestQuery {
            let seen = Set(spelled)
            let more = try newest(matching: wanted(anyQuery), in: tier, filters, limit: limit, plan: &plan)
            spelled += more.filter { !seen.contains($0) }.prefix(limit - spelled.count)
        }
        let spelledMarks = try connection.queryOne(
            "SELECT stems, prefixes FROM newsroom_search_parse($1::text[], array_fill('word'::text, ARRAY[$2::int]), array_fill(false, ARRAY[$2::int]))",
            [PostgresTextArray(spellings), spellings.count]
        )
        return SearchResults(hits: try hits(spelled.map { ($0, .headline) }, stems: try spelledMarks.decode("stems"),
                                            prefixes: try spelledMarks.decode("prefixes")),
                             closeSpellings: !spelled.isEmpty, spellings: spelled.isEmpty ? [] : spellings, plan: plan)
    }
}
