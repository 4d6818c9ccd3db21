@testable import NewsroomCore
import Testing

@Suite("The body format: CommonMark's subset, a line a paragraph")
struct ArticleBodyTests {
    static let rich = """
        قال الوزير إن **الحكومة** ستعلن *اليوم* [بيان الوزارة](https://example.gov.iq/statement?id=7) و[التغطية السابقة](/stories/42).
        ## ما حدث
        > لن نسمح بذلك
        > — محمد الأمين
        - أحمد علي
        - كريم حسن
          - الابن
        3. أولاً
        4. ثانياً
        ### خلفية
        سطر أول\\
        سطر ثانٍ
        """

    @Test("every allowed element, in the blocks a reader sees")
    func everyElement() throws {
        let body = try ArticleBody.validated(Self.rich)
        let link = ArticleLink(target: "https://example.gov.iq/statement?id=7")
        #expect(body.blocks == [
            .paragraph([
                .text("قال الوزير إن "), .strong([.text("الحكومة")]), .text(" ستعلن "), .emphasis([.text("اليوم")]), .text(" "),
                .link(link, [.text("بيان الوزارة")]), .text(" و"), .link(ArticleLink(target: "/stories/42"), [.text("التغطية السابقة")]), .text("."),
            ]),
            .subheading(level: 2, [.text("ما حدث")]),
            .quotation([[.text("لن نسمح بذلك")]], attribution: [.text("محمد الأمين")]),
            .list(ArticleList(ordered: false, start: 0, tight: true, items: [
                [.paragraph([.text("أحمد علي")])],
                [.paragraph([.text("كريم حسن")]), .list(ArticleList(ordered: false, start: 0, tight: true, items: [[.paragraph([.text("الابن")])]]))],
            ])),
            .list(ArticleList(ordered: true, start: 3, tight: true, items: [[.paragraph([.text("أولاً")])], [.paragraph([.text("ثانياً")])]])),
            .subheading(level: 3, [.text("خلفية")]),
            .paragraph([.text("سطر أول"), .lineBreak, .text("سطر ثانٍ")]),
        ])
        #expect(!body.visibleText.contains("https://"), "a link's address is not text a reader sees")
        #expect(body.visibleText.contains("بيان الوزارة") && body.visibleText.contains("— محمد الأمين"))
        #expect(body.subheadings == ["ما حدث", "خلفية"])
    }

    @Test("the first bodies' rule: a line a paragraph, `## ` a subheading, white space trimmed")
    func linesArePargraphs() throws {
        let body = try ArticleBody.validated("سطر أول\nسطر ثان\n\n\n## عنوان\n\u{A0}سطر ثالث\u{3000}")
        #expect(body.blocks == [
            .paragraph([.text("سطر أول")]), .paragraph([.text("سطر ثان")]), .subheading(level: 2, [.text("عنوان")]), .paragraph([.text("سطر ثالث")]),
        ])
    }

    @Test("emphasis or a link over a line end is closed at the end and opened again on the next line")
    func emphasisOverLines() throws {
        let body = try ArticleBody.validated("**أول\nثان**")
        #expect(body.blocks == [.paragraph([.strong([.text("أول")])]), .paragraph([.strong([.text("ثان")])])])
    }

    @Test("every refusal of the core's table, with its line and what to write instead", arguments: BodyRefusal.Kind.allCases)
    func refusals(kind: BodyRefusal.Kind) {
        var alone = 0
        do {
            _ = try ArticleBody.validated(kind.example)
            Issue.record("\(kind) was accepted")
        } catch {
            #expect(error.kind == kind, "\(kind.example) → \(error)")
            #expect(error.description.contains("; "))
            alone = error.line
        }
        if kind != .nothingVisible {
            #expect(throws: BodyRefusal(kind, line: alone + 2), "the line is counted in the whole body") { try ArticleBody.validated("فقرة\n\n" + kind.example) }
        }
        // Whatever the core refuses, a reader of a stored body still gets text, never a crash.
        _ = ArticleBody.reading(kind.example).visibleText
    }

    @Test("what CommonMark says is text stays text", arguments: [
        ("*كلمة بلا إغلاق", "*كلمة بلا إغلاق"),
        ("[نص بلا رابط]", "[نص بلا رابط]"),
        ("\\<script> نص", "<script> نص"),
        ("5 \\* 3", "5 * 3"),
        ("a < b و c > d", "a < b و c > d"),
        ("رابط مجرد https://example.org", "رابط مجرد https://example.org"),
    ])
    func literalText(source: String, shown: String) throws {
        #expect(try ArticleBody.validated(source).visibleText == shown)
    }

    @Test("links: http(s) with a host and the site's own paths; nothing else", arguments: [
        ("https://example.org/a", true), ("HTTP://example.org", true), ("/stories/42", true), ("/sections/politics", true),
        ("javascript:alert(1)", false), ("JavaScript:alert(1)", false), ("data:text/html,x", false), ("mailto:a@b.c", false),
        ("//evil.example/x", false), ("/\\evil.example", false), ("statement.html", false), ("https://", false), ("", false),
        ("vbscript:x", false), ("https:///x", false), ("https:example.org", false), ("httpx://example.org", false),
        ("https://مثال.عراق/خبر", true), ("https://example.org/a b", false),
    ])
    func linkTargets(target: String, allowed: Bool) {
        #expect(ArticleLink.isAllowed(target) == allowed)
    }

    @Test("a scheme is read as RFC 3986 writes it, in ASCII", arguments: [
        ("HTTPS://x", "https"), ("java+script.x-y:z", "java+script.x-y"), ("mailto:a@b", "mailto"), ("/stories/1", nil),
        ("1http:x", nil), ("قال:x", nil), ("statement.html", nil), ("x", nil),
    ] as [(String, String?)])
    func schemes(target: String, scheme: String?) {
        #expect(ArticleLink.scheme(of: target) == scheme)
    }

    @Test("words are counted in what readers see, not in the markup")
    func words() throws {
        let body = try ArticleBody.validated("قال **الوزير** [بيان الوزارة](https://example.org/a-b-c)\n> نعم\n> — أحمد")
        #expect(body.wordCount == 6, "قال الوزير بيان الوزارة نعم أحمد")
    }

    @Test("an entity-spelt javascript: link is refused though the lexical rule cannot see it")
    func entityLink() {
        #expect(throws: BodyRefusal(.linkScheme, line: 1)) { try ArticleBody.validated("[x](&#106;avascript:alert(1))") }
    }

    @Test("the lexical rules the database mirrors: escapes counted, one pass", arguments: [
        ("\\<b>", nil), ("\\\\<b>", BodyRefusal.Kind.rawHTML), ("<!-- x -->", .rawHTML), ("</p>", .rawHTML), ("<https://x>", .rawHTML),
        ("a<3", nil), ("[a](https://x)", nil), ("[a]( <javascript:x>)", .linkScheme), ("[a](\njavascript:x)", .linkScheme),
        ("[a](\n\njavascript:x)", nil), ("[a]\\(javascript:x)", nil), ("[a]: javascript:x", .linkScheme), ("   [a]: data:x", .linkScheme),
        ("    [a]: data:x", nil), ("نص [a]: data:x", nil), ("[a](httpx:y)", .linkScheme), ("[a](/stories/1)", nil),
    ] as [(String, BodyRefusal.Kind?)])
    func lexical(source: String, kind: BodyRefusal.Kind?) {
        #expect(ArticleBody.unsafeConstruct(in: source)?.kind == kind)
    }

    @Test("hostile shapes are refused or read as text, in time linear in their length")
    func hostile() {
        let nested = String(repeating: "> ", count: 10_000) + "قال"
        #expect(throws: BodyRefusal(.nestedQuotation, line: 1)) { try ArticleBody.validated(nested) }
        #expect(ArticleBody.reading(nested).visibleText == "قال")
        let stars = "نص " + String(repeating: "*", count: 1_000_000) + " نص"
        #expect(ArticleBody.reading(stars).visibleText.count > 1_000_000)
        let emphasis = String(repeating: "*a ", count: 50_000) + String(repeating: " a*", count: 50_000)
        #expect(throws: BodyRefusal.self) { try ArticleBody.validated(emphasis) }
        #expect(ArticleBody.reading(emphasis).visibleText.contains("a"))
        #expect(throws: BodyRefusal(.nothingVisible, line: 1)) { try ArticleBody.validated("##\n\n- \n\n> ") }
    }

    @Test("the body's limit counts what readers see, the ceiling the markup")
    func limits() throws {
        let long = String(repeating: "ب", count: 300_000)  // 600 KB of text
        let linked = "[\(long)](https://example.org/\(String(repeating: "a", count: 500_000)))"
        #expect(linked.utf8.count > EditorialText.bodyByteLimit)
        #expect(try EditorialText.body(linked) == linked, "1.1 MB of markup, 600 KB of text: within the limit")
        let over = String(repeating: "ب", count: EditorialText.bodyByteLimit / 2 + 1)
        #expect(throws: NewsroomError.self) { try EditorialText.body(over) }
        #expect(throws: NewsroomError.self) { try EditorialText.body(String(repeating: "a", count: EditorialText.bodySourceByteLimit + 1)) }
    }

    @Test("a note is plain text, not markup: `<` and `#` are its own")
    func notesAreNotMarkup() throws {
        #expect(try DeskNotes.text("# رأي <b> و [x](javascript:y)") == "# رأي <b> و [x](javascript:y)")
    }

    @Test("the byte-level shortcuts miss nothing: every never-text scalar and every bidi control is seen")
    func shortcuts() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if EditorialText.isNeverText(scalar) {
                #expect(EditorialText.mayHoldNeverText(("ب" + String(scalar) + "ب").utf8), "\(scalar.codePoint)")
            }
        }
        for control in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069] {
            #expect(EditorialText.mayHoldBidiControl(("ب" + String(Unicode.Scalar(UInt32(control))!)).utf8))
        }
        #expect(!EditorialText.mayHoldNeverText("قال\u{A0}الوزير — «نعم»\t\n".utf8))
        #expect(!EditorialText.mayHoldBidiControl("قال — الوزير… \u{200F}".utf8))
    }
}
