import Foundation
import NewsroomCore
import NewsroomStore
import NewsroomViews
import PostgresClient
import TestRandom
import TestSupport
import Testing

/// How the reader site rendered a body before the format grew (issue 29), kept here as the
/// reference the migration is measured against: a line a paragraph, `## ` a subheading, each
/// line trimmed of Unicode white space, literal text otherwise.
enum FirstFormat {
    static func html(_ body: String) -> String {
        var out = HTML(capacity: 4096)
        for raw in body.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(raw).trimmingWhitespace()
            if line.isEmpty { continue }
            if line.hasPrefix("## ") {
                let heading = String(line.dropFirst(3)).trimmingWhitespace()
                if !heading.isEmpty { out.raw("<h2 dir=\"auto\">"); out.text(heading); out.raw("</h2>\n") }
            } else {
                out.raw("<p dir=\"auto\">"); out.text(line); out.raw("</p>\n")
            }
        }
        return out.output
    }

    /// Lines a body of the first format might hold: words, and everything CommonMark reads as
    /// markup, at a line's start and inside it, with white space of every kind around.
    static let pieces = [
        "قال", "الوزير", "بغداد", "٢٠٢٦", " ", " ", "  ", "\t", "\u{A0}", "\u{3000}", "*", "**", "_", "__", "`", "```", "[", "]", "(", ")",
        "[نص](https://example.org)", "[x]: https://y", "<b>", "</p>", "<!--", "&amp;", "&copy;", "&#65;", "\\", "#", "## ", "### ", "# ",
        "-", "- ", "+ ", "* ", "1. ", "2) ", "10.", "> ", ">", "=", "===", "---", "***", "~~~", "|", "| --- |", "!", "![a](b)", "[^1]",
        "    ", "http://x.y", "<https://x>", "—", "e\u{301}", "\u{200F}", "a  ", ":",
    ]

    static func body(_ random: inout SeededGenerator) -> String {
        let lines = (0..<Int.random(in: 1...6, using: &random)).map { _ in
            (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        return EditorialText.normalize(lines.joined(separator: Bool.random(using: &random) ? "\n" : "\n\n"))
    }
}

@Suite("bodies of the first format render as they did")
struct FirstFormatTests {
    static let markup = ArticleHTML(settings: SiteSettings(values: [:]))

    @Test("the escaping function: 4,000 generated bodies and the sample article, byte for byte on the page")
    func escaping() throws {
        var random = SeededGenerator(state: 20_261_207)
        var bodies = (0..<4_000).map { _ in FirstFormat.body(&random) }.filter { !$0.isEmpty }
        bodies.append(EditorialText.normalize(try String(contentsOf: Samples.folder.appendingPathComponent("article-body.txt"), encoding: .utf8)))
        try TestCluster.withDatabase { database in
            let connection = try database.connect()
            let rows = try connection.query(
                """
                SELECT b.body, newsroom_body_from_lines(b.body) AS converted, newsroom_body_needs_escapes(b.body) AS needs
                  FROM unnest($1::text[]) WITH ORDINALITY AS b(body, n) ORDER BY b.n
                """, [PostgresTextArray(bodies.map { Optional($0) })])
            var changed = 0
            for row in rows {
                let body: String = try row.decode("body"), converted: String = try row.decode("converted"), needs: Bool = try row.decode("needs")
                #expect(Self.markup.html(converted) == FirstFormat.html(body), "\(body.debugDescription) → \(converted.debugDescription)")
                #expect(needs || converted == body, "the migration's prefilter misses \(body.debugDescription)")
                if converted != body { changed += 1 }
                #expect(ArticleBody.unsafeConstruct(in: converted) == nil, "\(converted.debugDescription)")
            }
            #expect(rows.count == bodies.count)
            #expect(changed > bodies.count / 2, "the generator must make bodies that need escaping (\(changed))")
            let sample = try #require(rows.last)
            #expect(try sample.decode("converted", as: String.self) == bodies.last, "the sample article needs no escape")
        }
    }

    @Test("the migration rewrites what needs it, bodies and revisions, and leaves every other byte")
    func migration() throws {
        var random = SeededGenerator(state: 29)
        let bodies = (0..<200).map { _ in FirstFormat.body(&random) }.filter { !$0.unicodeScalars.allSatisfy(EditorialText.isInvisible) } + ["سطر\n## عنوان\nسطر آخر", EditorialText.erased]
        try TestCluster.withDatabase(migrated: false) { database in
            let connection = try database.connect()
            let before = Array(Migration.bundled.prefix { $0.name < "0030" })
            try Migrator(migrations: before).migrate(connection)
            try connection.executeScript("""
                SET session_replication_role = replica;
                INSERT INTO sections (slug, name) VALUES ('politics', 'سياسة');
                INSERT INTO staff (handle, name, role) VALUES ('omar', 'عمر', 'reporter');
                """)
            for (index, body) in bodies.enumerated() {
                try connection.query("INSERT INTO stories (id, section, author) OVERRIDING SYSTEM VALUE VALUES ($1, 'politics', 'omar')", [index + 1])
                try connection.query("INSERT INTO story_texts (story_id, version, headline, body) VALUES ($1, 1, 'خبر', $2)", [index + 1, body])
                try connection.query(
                    "INSERT INTO story_revisions (story_id, version, headline, section, body, edited_by) VALUES ($1, 1, 'خبر', 'politics', $2, 'omar')",
                    [index + 1, body])
            }
            try connection.executeScript("RESET session_replication_role")
            try Migrator().migrate(connection)
            let rows = try connection.query(
                """
                SELECT t.story_id, t.body, t.body_text, r.body AS revision FROM story_texts t
                  JOIN story_revisions r ON r.story_id = t.story_id AND r.version = 1 ORDER BY t.story_id
                """)
            for row in rows {
                let id: Int = try row.decode("story_id"), stored: String = try row.decode("body"), revision: String = try row.decode("revision")
                let original = bodies[id - 1]
                #expect(Self.markup.html(stored) == FirstFormat.html(original) || original == EditorialText.erased)
                #expect(revision == stored)
                let text: String? = try row.decode("body_text")
                #expect(text == (stored == original ? nil : original), "the text readers saw is kept for search when the body changed")
            }
            #expect(rows.count == bodies.count)
            let erased: String = try connection.queryOne("SELECT body FROM story_texts WHERE story_id = $1", [bodies.count]).decode("body")
            #expect(erased == EditorialText.erased)
        }
    }
}
