import Foundation
import PostgresClient
import Testing
import TestSupport

/// Close spellings (Migrations/0029_close_by_edit_distance.sql), when a query finds nothing:
/// the staff's search offers the headlines' words within each query word's reach (edit
/// distance 1 for 3–5 letters, 2 for 6 or more, over the folded forms or their stems), best
/// first by distance and then by how many headlines have the word.
@Suite("search: close spellings by edit distance")
struct CloseSpellingTests {
    /// (query, stories its close spellings must find, stories they must not) over
    /// SearchTests' corpus: every query here finds nothing as typed.
    static let shortTypos: [(query: String, finds: [String], misses: [String])] = [
        ("جدبد", ["hospital", "idea", "their-book"], ["bank"]),  // one letter of four: جديد (and الجديد, جديدة by their stem)
        ("الجدبد", ["hospital", "idea", "their-book"], ["bank"]),  // the article typed too
        ("جدبب", [], ["hospital", "idea", "their-book"]),  // two letters of four: out of reach
        ("كرف", ["ball"], ["idea"]),  // one of three: كرة, not فكرة (two away)
        ("موتمل", ["conference"], []),  // one of five
        ("وزبر", ["minister"], []),
        ("الخاريجه", ["minister"], []),  // two of eight (الخارجية, two letters swapped)
        ("المتظاهبين", ["li"], []),
        ("Parlaiment", ["english"], []),  // Latin letters too
        ("رساله المتظاهبين", ["li"], ["minister"]),  // each word of the query has its own stand-ins
    ]

    @Test("a one-letter typo in a short word finds the word; out of reach finds nothing")
    func shortTypos() throws {
        try SearchTests.withCorpus { corpus in
            for (query, finds, misses) in Self.shortTypos {
                let answer = try corpus.search(["--", query])
                let found = Set(corpus.keys(answer.hits))
                #expect(answer.closeSpellings == !finds.isEmpty, "\(query): close spellings \(answer.closeSpellings)")
                for key in finds { #expect(found.contains(key), "\(query) must find \(key); found \(found.sorted())") }
                for key in misses { #expect(!found.contains(key), "\(query) must not find \(key); found \(found.sorted())") }
            }
        }
    }

    @Test("the nearest spelling first, then the more common; its headlines first, newest first")
    func ranking() throws {
        try NewsroomFixture.with { newsroom in
            // Digits are words no stemmer changes: distances are exactly as written.
            let headlines = ["رمز 120499", "رمز 120499", "رمز 120499", "رمز 120458", "رمز 120458", "رمز 120456", "رمز 12099"]
            var ids: [String] = []
            for headline in headlines { ids.append(try newsroom.draft(headline: headline)) }
            let run = try newsroom.run(["search", "--json", "120457"], as: "omar")
            let json = try #require(try NewsroomFixture.json(run) as? [String: Any], "\(run)")
            // Distance 1 before 2 however common; among distance 1, two headlines before one.
            #expect(json["spellings"] as? [String] == ["120458", "120456", "120499"], "\(json)")
            let found = (json["hits"] as? [[String: Any]] ?? []).map { "\(($0["id"] as! NSNumber).int64Value)" }
            // 120458's headlines (the best stand-in), newest first, then the rest newest first.
            #expect(found == [ids[4], ids[3], ids[5], ids[2], ids[1], ids[0]], "\(found) of \(ids)")
            // Five letters reach one: 12099 is two from 12011, and nothing else is nearer.
            let short = try NewsroomFixture.json(try newsroom.run(["search", "--json", "12011"], as: "omar")) as? [String: Any]
            #expect((short?["hits"] as? [[String: Any]])?.isEmpty == true, "\(String(describing: short))")
        }
    }

    @Test("the vocabulary is exactly the headlines' words, each counted once a headline, through edits")
    func vocabularyFollowsHeadlines() throws {
        try NewsroomFixture.with { newsroom in
            let first = try newsroom.draft(headline: "مطار بغداد يستأنف الرحلات")
            _ = try newsroom.draft(headline: "مطار البصرة مطار جديد")
            try newsroom.steps([("layla", ["story", "edit", first, "--headline", "ميناء بغداد يستأنف العمل"])])
            let disagreeing = try newsroom.count("""
                WITH kept AS (SELECT word, headlines FROM search_words),
                     words AS (SELECT w AS word, count(*)::integer AS headlines
                                 FROM story_search, LATERAL (SELECT DISTINCT w FROM unnest(string_to_array(headline_words, ' ')) AS w WHERE w <> '') u
                                GROUP BY w)
                SELECT count(*) FROM ((TABLE kept EXCEPT TABLE words) UNION ALL (TABLE words EXCEPT TABLE kept)) d
                """)
            #expect(disagreeing == 0)
            #expect(try newsroom.count("SELECT headlines FROM search_words WHERE word = 'مطار'") == 1)
            #expect(try newsroom.count("SELECT count(*) FROM search_words WHERE word = 'الرحلات'") == 0)
            // The word the edit took out is no longer offered.
            let run = try newsroom.run(["search", "--json", "الرحلاث"], as: "omar")
            let json = try #require(try NewsroomFixture.json(run) as? [String: Any], "\(run)")
            #expect((json["spellings"] as? [String] ?? []).isEmpty, "\(json)")
        }
    }

    @Test("a misspelling falls back to close spellings of the headline and says so; excluded words stay out")
    func closeSpellings() throws {
        try SearchTests.withCorpus { corpus in
            let close = try corpus.search(["Parliment"])
            #expect(close.closeSpellings)
            #expect(corpus.keys(close.hits) == ["english"])
            #expect(try corpus.search(["Parliment -budget"]).hits.isEmpty)
            let run = try corpus.newsroom.run(["search", "Parliment"], as: "omar")
            #expect(run.status == 0 && run.stderr.contains("spelled close"), "\(run)")
            // The staff's search says which of the headlines' words stood in, and marks them.
            let json = try #require(try NewsroomFixture.json(try corpus.newsroom.run(["search", "--json", "Parliment"], as: "omar")) as? [String: Any])
            #expect(json["spellings"] as? [String] == ["parliament"])
            let hits = try #require(json["hits"] as? [[String: Any]])
            let marked = (hits.first?["headline_marked"] as? [[String: Any]])?.filter { $0["marked"] as? Bool == true }.map { $0["text"] as? String }
            #expect(marked == ["Parliament"], "\(hits)")
            // One letter changed inside an Arabic word (المتظاهرين, typed المتظاهبين): the headline is found.
            let arabic = try corpus.search(["المتظاهبين"])
            #expect(arabic.closeSpellings && corpus.keys(arabic.hits) == ["li"], "\(corpus.keys(arabic.hits))")
            let exact = try corpus.search(["parliament"])
            #expect(!exact.closeSpellings)
        }
    }
}
