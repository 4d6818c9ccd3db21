import NewsroomCore
import PostgresClient

/// When a query finds nothing: the stories whose headlines have words spelled close to the
/// query's (Migrations/0029_close_by_edit_distance.sql for the staff's rule).
extension StorySearch {
    /// How alike a published headline's words must be to the query's (pg_trgm's
    /// word_similarity) to count as a close spelling, for readers.
    static let closeHeadline = "0.5"

    /// `marks`: the query's own stems and prefixes, which readers' hits are marked with.
    func closeSpellings(of words: String, excluding unwanted: String?, marks: (stems: [String], prefixes: [String]),
                        _ filters: Filters, limit: Int, plan: inout [String]) throws -> SearchResults {
        guard scope.vocabulary else {
            _ = try connection.query("SELECT set_config('pg_trgm.word_similarity_threshold', $1, false)", [Self.closeHeadline])
            let close = try closeHeadlines(of: words, excluding: unwanted, filters, limit: limit)
            return SearchResults(hits: try hits(close.map { ($0, .headline) }, stems: marks.stems, prefixes: marks.prefixes),
                                 closeSpellings: !close.isEmpty, plan: plan)
        }
        // The headlines' words within each query word's reach, then the newest headlines that
        // have each word's best stand-in, then the newest with any of them (and, as always, no
        // excluded word anywhere in the text).
        let close = try connection.queryOne("SELECT query::text, best::text, spellings FROM newsroom_search_close($1)", [words])
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

    /// Published headlines whose words are spelled close to the query's, closest first; never
    /// a story with an excluded word (readers: no vocabulary that knows drafts' words).
    func closeHeadlines(of words: String, excluding unwanted: String?, _ filters: Filters, limit: Int) throws -> [StoryID] {
        try connection.query(
            """
            SELECT d.id FROM \(scope.documents)
             WHERE \(Filters.sql) AND $5 <% d.headline_words AND ($7::tsquery IS NULL OR NOT d.terms @@ $7::tsquery)
             ORDER BY word_similarity($5, d.headline_words) DESC, d.time DESC, d.id DESC LIMIT $6
            """,
            filters.parameters + [words, limit, unwanted]
        ).map { StoryID(rawValue: try $0.decode("id")) }
    }
}
