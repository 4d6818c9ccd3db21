import Foundation
import PostgresClient
import Testing
import TestSupport

/// Arabic search through `newsroom search`, as a person uses it: a hand-made corpus (each
/// story carries one spelling of a word) plus the sample article, and queries that must find
/// some stories and must not find others — every normalisation and stemming rule of
/// Migrations/0017_search.sql, phrases, exclusions, prefixes, and words that merely share
/// letters.
@Suite("search: Arabic, whatever the spelling")
struct SearchTests {
    /// key → (headline, body). Each story written once, by layla, in this order.
    static let corpus: [(key: String, headline: String, body: String)] = [
        ("bank", "البَنْكُ المركزي يرفع الفائدة", "قرر مجلس الإدارة رفع سعر الفائدة."),
        ("ihsan", "لقاء مع إحسان الشمري", "تحدث الدكتور عن الانتخابات."),
        ("hospital", "افتتاح مستشفى جديد", "افتتحت وزارة الصحة المبنى في البصرة."),
        ("kafala", "نظام الكفاله في المحافظات", "يعتمد التنظيم هذا النظام لتمويل الأسر."),
        ("conference", "مؤتمر صحفي لرئيس الوزراء", "قال رئيس الوزراء إن الحوار مستمر."),
        ("quds", "ٱلقدس في الذاكرة", "صفحات عن تاريخ المدينة."),
        ("refugees", "عودة \u{FEFB}جئين إلى ديارهم", "عاد المئات إلى قراهم."),
        ("arrests", "الإطاحة بـ18 متهما", "خلال 48 ساعة في ديالى."),
        ("tatweel", "الحكـــومة تجتمع", "اجتمع الوزراء يوم الأحد."),
        ("digits", "موازنة عام ٢٠١٤", "أقرت الموازنة في ۲۰۱۵ بعد تأخير."),
        ("english", "Parliament passes the BUDGET", "The vote came on Sunday."),
        ("wa", "تصريح المتحدث", "قال إن والحكومة ماضية في الإصلاح."),
        ("plural", "تعاون إقليمي", "تعمل حكومات المنطقة معا."),
        ("bi", "اجتماع الوزراء", "اجتمع الوزراء بالحكومة الجديدة."),
        ("li", "رسالة المتظاهرين", "وجهوا رسالة للحكومة."),
        ("officials", "اجتماع في بغداد", "اجتمع المسؤولون في بغداد."),
        ("their-book", "كتابهم الجديد", "صدر عن دار النشر."),
        ("armies", "الجيشان يتدربان", "تدريب مشترك."),
        ("pancreas", "مرض البنكرياس", "يصيب كثيرين."),
        ("world", "عالم الرياضة", "أخبار الملاعب."),
        ("ball", "كرة القدم", "فاز الفريق في المباراة."),
        ("idea", "فكرة جديدة", "طرحها الوزير في الاجتماع."),
        ("peace", "دعوة إلى السلام", "يريد الناس الأمان."),
        ("islam", "تاريخ الإسلام", "صفحات من الماضي."),
        ("minister", "زيارة وزير الخارجية", "وصل أمس."),
        ("palestine", "وفلسطين في القمة", "حضر الوفد."),
        ("marked-body", "خبر عاجل", "قالت الحُكومَة العراقية إنّ القرار نهائي."),
        ("oil", "صادرات النفط: 3.4 million barrels", "Exports rose, the ministry said."),
    ]

    static let government = ["tatweel", "wa", "plural", "bi", "li", "marked-body"]

    /// (query, stories it must find, stories it must not find)
    static let relevance: [(query: String, finds: [String], misses: [String])] = [
        ("بنك", ["bank", "sample"], ["pancreas"]),
        ("بَنك", ["bank", "sample"], ["pancreas"]),
        ("البنوك", [], []),  // a broken plural is another word to a light stemmer: no claim either way
        ("البنك", ["bank", "sample"], ["pancreas"]),
        ("البنكرياس", ["pancreas"], ["bank", "sample"]),
        ("احسان", ["ihsan"], []),
        ("إحسان", ["ihsan"], []),
        ("أحسان", ["ihsan"], []),
        ("مستشفي", ["hospital"], []),
        ("مستشفى", ["hospital"], []),
        ("الكفالة", ["kafala", "sample"], []),
        ("الكفاله", ["kafala", "sample"], []),
        ("الكفالات", ["kafala", "sample"], []),
        ("موتمر", ["conference"], []),
        ("رييس", ["conference"], []),
        ("القدس", ["quds"], []),
        ("لاجئين", ["refugees"], []),
        ("18", ["arrests"], []),
        ("بـ18", ["arrests"], []),
        ("ب18", ["arrests"], []),
        ("الحكومة", government, ["officials", "conference"]),
        ("حكومة", government, ["officials"]),
        ("والحكومة", government, ["officials"]),
        ("الحكومات", government, ["officials"]),
        ("فالحكومة", government, ["officials"]),
        ("الحكـــومة", government, ["officials"]),
        ("حكو*", government, ["officials"]),
        ("٢٠١٤", ["digits", "sample"], []),
        ("2014", ["digits", "sample"], []),
        ("2015", ["digits"], ["sample"]),
        ("۲۰۱۵", ["digits"], ["sample"]),
        ("budget", ["english"], []),
        ("BUDGET", ["english"], []),
        ("parliament", ["english"], []),
        ("parliaments", ["english"], []),
        ("barrel", ["oil"], []),  // English words go through Snowball's English stemmer
        ("Barrels", ["oil"], []),
        ("exported", ["oil"], []),
        ("النفط barrel", ["oil"], []),
        ("\"million barrel\"", ["oil"], []),
        ("barre*", ["oil"], []),
        ("المسؤول", ["officials"], []),
        ("مسؤولين", ["officials"], []),
        ("كتاب", ["their-book"], []),
        ("الجيش", ["armies"], []),
        ("علم", [], ["world"]),
        ("كرة", ["ball"], ["idea"]),
        ("فكرة", ["idea"], ["ball"]),
        ("سلام", ["peace"], ["islam"]),
        ("الإسلام", ["islam"], ["peace"]),
        ("زير", [], ["minister", "idea"]),
        ("وزير", ["minister", "idea"], []),
        ("فلسطين", ["palestine"], []),
        ("الفلسطينيون", ["palestine"], []),
        ("\"الرقم السري\"", ["sample"], []),
        ("\"السري الرقم\"", [], ["sample"]),
        ("«الرقم السري»", ["sample"], []),
        ("بنك -داعش", ["bank"], ["sample"]),
        ("الحكومة -\"الوزراء\"", ["wa", "plural", "li", "marked-body"], ["tatweel", "bi"]),
        ("عراقي", ["sample", "marked-body"], []),
        ("\u{202B}بنك\u{202C}", ["bank", "sample"], ["pancreas"]),
    ]

    struct Corpus {
        let newsroom: NewsroomFixture
        let ids: [String: Int64]

        func key(_ id: Int64) -> String { ids.first { $0.value == id }?.key ?? "story \(id)" }
        /// The corpus keys of a search's hits, in order.
        func keys(_ hits: [[String: Any]]) -> [String] { hits.map { key(($0["id"] as! NSNumber).int64Value) } }

        func search(_ arguments: [String]) throws -> (hits: [[String: Any]], closeSpellings: Bool) {
            let run = try newsroom.run(["search", "--json", "--limit", "100"] + arguments, as: "omar")
            guard run.status == 0 else { throw FixtureFailure(message: "search \(arguments) failed: \(run)") }
            let object = try NewsroomFixture.json(run) as! [String: Any]
            return (object["hits"] as! [[String: Any]], object["close_spellings"] as! Bool)
        }
    }

    static func withCorpus(_ body: (Corpus) throws -> Void) throws {
        try NewsroomFixture.with { newsroom in
            var ids: [String: Int64] = [:]
            let sampleHeadline = try String(contentsOf: Samples.folder.appendingPathComponent("article-headline.txt"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let sampleBody = try Data(contentsOf: Samples.folder.appendingPathComponent("article-body.txt"))
            for (key, headline, body) in [("sample", sampleHeadline, "")] + corpus.map({ ($0.key, $0.headline, $0.body) }) {
                let run = try newsroom.run(["draft", "create", "--headline", headline, "--section", "politics", "--body-file", "-"],
                                           as: "layla", stdin: key == "sample" ? sampleBody : Data(body.utf8))
                guard run.status == 0, let id = Int64(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    throw FixtureFailure(message: "draft create \(key) failed: \(run)")
                }
                ids[key] = id
            }
            try body(Corpus(newsroom: newsroom, ids: ids))
        }
    }

    @Test("at least 40 queries find what they must and nothing they must not")
    func relevance() throws {
        #expect(Self.relevance.count >= 40)
        try Self.withCorpus { corpus in
            for (query, finds, misses) in Self.relevance {
                // Close spellings are offered (and labelled) only when nothing matched: not finds.
                let answer = try corpus.search(["--", query])
                let found = answer.closeSpellings ? [] : Set(corpus.keys(answer.hits))
                for key in finds { #expect(found.contains(key), "\(query) must find \(key); found \(found.sorted())") }
                for key in misses { #expect(!found.contains(key), "\(query) must not find \(key); found \(found.sorted())") }
            }
        }
    }

    @Test("a headline match ranks above a match in the text alone, newest first within each; marks sit on the words as written")
    func rankingAndMarks() throws {
        try Self.withCorpus { corpus in
            let hits = try corpus.search(["الحكومة"]).hits
            // "tatweel" is the oldest of them but the only one with the word in its headline.
            #expect(corpus.keys(hits) == ["tatweel", "marked-body", "li", "bi", "plural", "wa"])
            #expect(hits.map { $0["matched_in"] as! String } == ["headline", "text", "text", "text", "text", "text"])

            func marked(_ hit: [String: Any], _ field: String) -> [String] {
                (hit[field] as! [[String: Any]]).filter { $0["marked"] as! Bool }.map { $0["text"] as! String }
            }
            #expect(marked(hits[0], "headline_marked") == ["الحكـــومة"], "the tatweel stays in the mark")
            #expect(marked(hits[1], "snippet_marked") == ["الحُكومَة"], "the vowel marks stay in the mark")
            #expect(marked(hits[5], "snippet_marked") == ["والحكومة"])
            for hit in hits {
                let runs = (hit["snippet_marked"] as! [[String: Any]]).map { $0["text"] as! String }.joined()
                #expect(runs == hit["snippet"] as! String, "the marked runs are the snippet, nothing lost")
            }
            let bank = try corpus.search(["بنك"]).hits
            #expect(marked(bank[corpus.keys(bank).firstIndex(of: "bank")!], "headline_marked") == ["البَنْكُ"])

            // The database's own function, asked directly, marks the same words the tool printed.
            let connection = try corpus.newsroom.database.connect()
            let pieces: [String] = try connection.queryOne(
                """
                SELECT newsroom_search_marks(t.body, w.stems, w.prefixes, 12) AS pieces
                  FROM story_texts t, newsroom_search_parse(ARRAY['الحكومة'], ARRAY['word'], ARRAY[false]) w WHERE t.story_id = $1
                """, [corpus.ids["marked-body"]!]).decode("pieces")
            #expect(pieces.enumerated().filter { $0.offset % 2 == 1 }.map(\.element) == marked(hits[1], "snippet_marked"))
            // A snippet whose words reach the text's start keeps the start as written.
            let opening: [String] = try connection.queryOne(
                """
                SELECT newsroom_search_marks($1, w.stems, w.prefixes, 2) AS pieces
                  FROM newsroom_search_parse(ARRAY['حكومة'], ARRAY['word'], ARRAY[false]) w
                """, ["«الحكومة» قالت إن الوزير سافر أمس"]).decode("pieces")
            #expect(opening == ["«", "الحكومة", "» قالت إن…"])

            // On the terminal: brackets around the word as written.
            let text = try corpus.newsroom.run(["search", "الحكومة", "--limit", "2"], as: "omar")
            #expect(text.status == 0)
            #expect(text.stdout.contains("[[الحكـــومة]]") && text.stdout.contains("[[الحُكومَة]]"), "\(text.stdout)")
        }
    }

    @Test("filters: status, section, time; staff see drafts; the text follows edits")
    func filtersAndEdits() throws {
        try Self.withCorpus { corpus in
            let newsroom = corpus.newsroom
            let bank = String(corpus.ids["bank"]!)
            try newsroom.steps([("huda", ["story", "publish", bank, "--skip-review", "--reason", "عاجل"])])
            let published = try corpus.search(["بنك", "--status", "published"]).hits
            #expect(corpus.keys(published) == ["bank"])
            #expect(published.first?["status"] as? String == "published")
            #expect(try corpus.keys(corpus.search(["بنك", "--status", "draft"]).hits) == ["sample"])
            #expect(try corpus.search(["بنك", "--section", "security"]).hits.isEmpty)
            #expect(try corpus.search(["بنك", "--from", "+1h"]).hits.isEmpty)
            #expect(try corpus.search(["بنك", "--to", "+1h"]).hits.count == 2)

            let ball = String(corpus.ids["ball"]!)
            try newsroom.steps([("layla", ["story", "edit", ball, "--headline", "السباحة للجميع"])])
            let old = try corpus.search(["كرة"])
            #expect(old.closeSpellings || old.hits.isEmpty, "the old headline's words are gone")
            #expect(try corpus.keys(corpus.search(["السباحة"]).hits) == ["ball"])
        }
    }

    @Test("bad queries get a clear refusal (exit 1), never a failure")
    func badQueries() throws {
        try NewsroomFixture.with { newsroom in
            let cases: [(String, String)] = [
                ("", "say what to look for"),
                ("   ", "say what to look for"),
                (String(repeating: "بنك ", count: 250), "at most 200"),
                ("ًٌٍَُ", "no letters or digits"),
                ("!!! ... ؟؟", "no letters or digits"),
                ("\"الرقم السري", "is not closed"),
                ("-بنك", "as well as what to leave out"),
                ("\u{202E}\u{2066}", "say what to look for"),
            ]
            for (query, message) in cases {
                let run = try newsroom.run(["search", "--", query], as: "omar")
                #expect(run.status == 1, "\(query.debugDescription): \(run)")
                #expect(run.stderr.contains(message), "\(query.debugDescription): \(run.stderr)")
                #expect(run.stdout.isEmpty)
            }
            let limit = try newsroom.run(["search", "بنك", "--limit", "500"], as: "omar")
            #expect(limit.status == 1 && limit.stderr.contains("limit"), "\(limit)")
        }
    }
}
