#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// Search over the stories' terms (Migrations/0017_search.sql): the staff's whole newsroom
/// through `NewsroomStore.search`, the published stories through `ReaderStore.search`.
///
/// Ranked in two tiers, headline matches first, newest first within each. Newest-first has
/// two traps at archive scale, and each plan avoids one: a frequent word is found by walking
/// the stories newest first and checking each one's terms (a few hundred checks for a word
/// in 3% of stories), while a rare word is found through its index entries and only those
/// stories are sorted (walking the time index for it would read most of the archive). The
/// planner's estimate of how many stories match chooses; a walk that falls short of the
/// page (an estimate too high) goes on through the index, so the answer never depends on
/// the choice.
struct StorySearch {
    /// Where a search looks: a relation with id, section, status, time and the search
    /// columns (to estimate and to walk), the same stories' ids and search columns alone (to
    /// read the matches of a rarer word), their ids, sections, statuses and times alone (to
    /// order those), and how to read the hits' texts.
    struct Scope {
        /// The function that finds close spellings in the headlines' vocabulary (0029): the
        /// staff's whole vocabulary, or only the words of published headlines.
        let closeSpellings: String
        let documents: String
        let matches: String
        let times: String
        let texts: String

        static let staff = Scope(
            closeSpellings: "newsroom_search_close",
            documents: """
                (SELECT s.id, s.section, s.status, s.updated_at AS time, x.headline_terms, x.terms, x.headline_words
                   FROM stories s JOIN story_search x ON x.story_id = s.id) d
                """,
            matches: "(SELECT story_id AS id, headline_terms, terms FROM story_search) d",
            times: "(SELECT id, section, status, updated_at AS time FROM stories) d",
            texts: "SELECT s.id, t.headline, coalesce(t.body_text, t.body) AS body, s.section, s.status, s.updated_at AS time FROM \(NewsroomStore.storyTables)"
        )
        /// The wire queue's items (0032), with their source in the place of a section. Close
        /// spellings come from the stories' vocabulary: the queue keeps none of its own.
        static let wire = Scope(
            closeSpellings: "newsroom_search_close",
            documents: """
                (SELECT id, source AS section, 'published'::text AS status, version_created AS time, headline_terms, terms, headline_words
                   FROM wire_items) d
                """,
            matches: "(SELECT id, headline_terms, terms FROM wire_items) d",
            times: "(SELECT id, source AS section, 'published'::text AS status, version_created AS time FROM wire_items) d",
            texts: """
                SELECT i.id, i.headline, v.body_text AS body, i.source AS section, 'published'::text AS status, i.version_created AS time
                  FROM wire_items i JOIN wire_versions v ON v.item_id = i.id AND v.version = i.version
                """
        )
        static let readers = Scope(
            closeSpellings: "reader.search_close",
            documents: """
                (SELECT id, section, 'published'::text AS status, published_at AS time, headline_terms, terms, headline_words
                   FROM reader.search) d
                """,
            matches: "(SELECT id, headline_terms, terms FROM reader.search) d",
            times: "(SELECT id, section, 'published'::text AS status, published_at AS time FROM reader.published) d",
            texts: "SELECT id, headline, body_text AS body, section, 'published'::text AS status, published_at AS time FROM reader.stories"
        )
    }

    let connection: PostgresConnection
    let scope: Scope

    /// When to walk and how far. Matches estimated above `walkAbove` are found by walking
    /// newest first; fewer, through the index. Measured at a million stories (BENCHMARKS.md): a
    /// walk passes a story in about 2.5 µs when it checks the headline's terms, 16 µs when it
    /// reads the whole text's, and must pass about 20 / (share of stories matching) of them;
    /// the index reads each match's id in about 4 µs (a new connection's first search) and
    /// then orders them in 2–3 ms. The two cost the same at about 4,000 headline and 9,000
    /// text matches. A walk stops after `walkLength` stories and the index takes over.
    struct Plans {
        var walkAbove: (headline: Int, text: Int)
        var walkLength: Int

        static let measured = Plans(walkAbove: (headline: 4_000, text: 9_000), walkLength: 20_000)

        func walkAbove(_ tier: Tier) -> Int { tier == .text ? walkAbove.text : walkAbove.headline }
    }
    var plans = Plans.measured
    /// Words in the snippet either side of its first marked word.
    static let snippetWords = 12
    /// How much of the text's opening a headline match's snippet is cut from (characters, at
    /// a word's end): about the snippet's length, so only that much is marked.
    static let openingLength = 240

    func search(_ request: SearchRequest) throws -> SearchResults {
        let clauses = request.query.clauses
        let clauseParameters: [any PostgresEncodable] = [
            PostgresTextArray(clauses.map(\.text)), PostgresTextArray(clauses.map(\.kind.rawValue)),
            PostgresTextArray(values: clauses.map(\.excludes)),
        ]
        // Every statement below reads a few index entries and rows: a parallel worker's start
        // (a process) and JIT compilation cost more than they save, and vary most (what p95
        // sees). Turned off for the session with the first statement, in the same round trip.
        let parsed = try connection.queryOne(
            """
            SELECT set_config('max_parallel_workers_per_gather', '0', false), set_config('jit', 'off', false),
                   query::text, unwanted::text, stems, prefixes, words FROM newsroom_search_parse($1::text[], $2::text[], $3::boolean[])
            """,
            clauseParameters
        )
        guard let query: String = try parsed.decode("query") else { throw SearchQuery.nothingToFind }
        let stems: [String] = try parsed.decode("stems")
        let prefixes: [String] = try parsed.decode("prefixes")

        let filters = Filters(request)
        var plan: [String] = []
        let excludes = request.query.clauses.contains(where: \.excludes)
        let inHeadlines = try newest(matching: query, in: .headline(excludes: excludes), filters, limit: request.limit, plan: &plan)
        var found = inHeadlines.map { ($0, SearchHit.Tier.headline) }
        if found.count < request.limit {
            let inText = try newest(matching: query, in: .text, filters, limit: request.limit, plan: &plan)
            let seen = Set(inHeadlines)
            found += inText.filter { !seen.contains($0) }.prefix(request.limit - found.count).map { ($0, .text) }
        }
        if !found.isEmpty {
            return SearchResults(hits: try hits(found, stems: stems, prefixes: prefixes), closeSpellings: false, plan: plan)
        }
        let words: String = try parsed.decode("words")
        let unwanted: String? = try parsed.decode("unwanted")
        guard words.contains(where: { !$0.isWhitespace }) else { return SearchResults(hits: [], closeSpellings: false, plan: plan) }
        plan.append("close spellings")
        return try closeSpellings(of: words, excluding: unwanted, filters, limit: request.limit, plan: &plan)
    }

    /// The request's filters as the parameters $1…$4 of every query below.
    struct Filters {
        let parameters: [any PostgresEncodable]
        static let sql = """
            ($1::text IS NULL OR d.section = $1) AND ($2::text[] IS NULL OR d.status = ANY ($2::text[]))
            AND ($3::timestamptz IS NULL OR d.time >= $3) AND ($4::timestamptz IS NULL OR d.time < $4)
            """

        init(_ request: SearchRequest) {
            parameters = [
                request.section?.rawValue, request.statuses.isEmpty ? nil : PostgresTextArray(request.statuses.map(\.rawValue)),
                request.from, request.to,
            ]
        }
    }

    /// What a tier matches: the query in the headline (and, when it excludes words, in the
    /// whole text too, so that an excluded word anywhere keeps a story out), or in the whole
    /// text. A headline that matches words alone matches the whole text, which holds it.
    enum Tier: Equatable, CustomStringConvertible {
        case headline(excludes: Bool), text

        func condition(_ alias: String, query: String = "$5") -> String {
            switch self {
            case .headline(false): "\(alias).headline_terms @@ \(query)::tsquery"
            case .headline(true): "\(alias).headline_terms @@ \(query)::tsquery AND \(alias).terms @@ \(query)::tsquery"
            case .text: "\(alias).terms @@ \(query)::tsquery"
            }
        }

        var description: String { self == .text ? "text" : "headline" }
    }

    /// The newest `limit` stories the tier matches, newest first.
    func newest(matching query: String, in tier: Tier, _ filters: Filters, limit: Int, plan: inout [String]) throws -> [StoryID] {
        let parameters = filters.parameters + [query, limit]
        let estimated = try estimate(matching: query, in: tier, filters)
        if estimated > plans.walkAbove(tier) {
            let walked = try connection.query(
                """
                SELECT w.id FROM (SELECT d.id, d.time, d.headline_terms, d.terms FROM \(scope.documents)
                                   WHERE \(Filters.sql) ORDER BY d.time DESC, d.id DESC LIMIT $7) w
                 WHERE \(tier.condition("w")) ORDER BY w.time DESC, w.id DESC LIMIT $6
                """,
                parameters + [plans.walkLength]
            ).map { StoryID(rawValue: try $0.decode("id")) }
            if walked.count == limit {
                plan.append("\(tier): walk (estimated \(estimated))")
                return walked
            }
        }
        plan.append("\(tier): index (estimated \(estimated))")
        // The matches' ids first, then the newest of them: the planner walks the time index
        // newest first checking each story against the ids (hashed), or fetches each match
        // and sorts them when there are few; it knows how many there are.
        let ids: String? = try connection.queryOne(
            "SELECT array_agg(d.id)::text FROM \(scope.matches) WHERE \(tier.condition("d", query: "$1"))", [query]
        ).decode(at: 0)
        guard let ids else { return [] }
        return try connection.query(
            """
            SELECT d.id FROM \(scope.times)
             WHERE \(Filters.sql) AND d.id = ANY ($5::bigint[])
             ORDER BY d.time DESC, d.id DESC LIMIT $6
            """,
            filters.parameters + [ids, limit]
        ).map { StoryID(rawValue: try $0.decode("id")) }
    }

    /// The planner's estimate of the stories that match (its statistics know how common
    /// each term is).
    func estimate(matching query: String, in tier: Tier, _ filters: Filters) throws -> Int {
        let plan: String = try connection.queryOne(
            "EXPLAIN (FORMAT JSON) SELECT 1 FROM \(scope.documents) WHERE \(Filters.sql) AND \(tier.condition("d"))",
            filters.parameters + [query]
        ).decode(at: 0)
        guard let range = plan.firstRange(of: "\"Plan Rows\": ") else { return 0 }
        return Int(plan[range.upperBound...].prefix(while: \.isNumber)) ?? 0
    }

    /// The hits' texts with the query's words marked, in the order found. A story found by its
    /// headline shows the opening of its text (marked where the words are there too); one found
    /// by its text, the place in it where they first are.
    func hits(_ found: [(StoryID, SearchHit.Tier)], stems: [String], prefixes: [String]) throws -> [SearchHit] {
        guard !found.isEmpty else { return [] }
        let rows = try connection.query(
            """
            SELECT h.id, h.section, h.status, h.time,
                   newsroom_search_marks(h.headline, $2::text[], $3::text[], NULL) AS headline,
                   newsroom_search_marks(CASE WHEN i.by_headline AND length(h.body) > $5
                                              THEN regexp_replace(left(h.body, $5), '\\s+\\S*$', '') || ' …' ELSE h.body END,
                                         $2::text[], $3::text[], $4) AS snippet
              FROM unnest($1::bigint[], $6::boolean[]) WITH ORDINALITY AS i(id, by_headline, n)
              JOIN (\(scope.texts)) h ON h.id = i.id
             ORDER BY i.n
            """,
            [PostgresTextArray(values: found.map { $0.0.rawValue }), PostgresTextArray(stems), PostgresTextArray(prefixes),
             Self.snippetWords, Self.openingLength, PostgresTextArray(values: found.map { $0.1 == .headline })]
        )
        let tiers = Dictionary(found.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        return try rows.map { row in
            let id = StoryID(rawValue: try row.decode("id"))
            return SearchHit(
                id: id,
                headline: MarkedText(pieces: try row.decode("headline")),
                section: SectionSlug(rawValue: try row.decode("section")),
                status: try StoryStatus.parse(try row.decode("status")),
                time: try row.decode("time"),
                snippet: MarkedText(pieces: try row.decode("snippet")),
                tier: tiers[id] ?? .text
            )
        }
    }
}

extension NewsroomStore {
    /// Every story, whatever its status (staff read them all), matching the request.
    public func search(_ request: SearchRequest) throws -> SearchResults {
        try StorySearch(connection: connection, scope: .staff).search(request)
    }
}

extension ReaderStore {
    /// Published stories only, by publication time.
    public func search(_ request: SearchRequest) throws -> SearchResults {
        var published = request
        published.statuses = []
        return try StorySearch(connection: connection, scope: .readers).search(published)
    }
}
