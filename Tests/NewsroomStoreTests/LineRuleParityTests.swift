import Foundation
import NewsroomCore
import NewsroomStore
import PostgresClient
import Testing
import TestSupport

/// A noncharacter as a string (Swift's literals refuse some of them).
private func noncharacter(_ value: UInt32) -> String { String(Character(Unicode.Scalar(value)!)) }

/// EditorialText's one-line and body rules and the database's `newsroom_is_line` and
/// `story_body` are one rule: for every sample, Swift keeps the text exactly as given if and
/// only if the database stores it, whatever the database's locale (the test cluster's
/// C.UTF-8, ctype C, and ICU).
@Suite("One-line rule: Swift and the database agree in every locale")
struct LineRuleParityTests {
    /// Every Unicode White_Space character, every C0 and C1 control, the line breaks, and
    /// characters Arabic text uses, at the start, in the middle and at the end of a word.
    static let samples: [String] = {
        var specials: [Unicode.Scalar] = (0x01...0x1F).map { Unicode.Scalar($0)! } + (0x7F...0x9F).map { Unicode.Scalar($0)! }
        specials += [0x20, 0xA0, 0x1680, 0x2000, 0x2005, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000].map { Unicode.Scalar($0)! }
        // Every bidirectional embedding, override and isolate, alone (unbalanced) and closed.
        specials += [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x0640, 0x064E, 0xFEFF].map { Unicode.Scalar($0)! }
        specials += (0x202A...0x202E).map { Unicode.Scalar($0)! } + (0x2066...0x2069).map { Unicode.Scalar($0)! }
        // Noncharacters (0028): the first and last of each kind, and the BMP's two XML forbids.
        specials += [0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF, 0xFFFD, 0xFDCF, 0xFDF0].map { Unicode.Scalar($0)! }
        var samples = ["خبر", "Breaking news", "👩‍💻 خبر", "🇮🇶"] + bidiSamples + invisibleSamples
        for scalar in specials {
            let s = String(Character(scalar))
            samples += [s + "خبر", "خبر" + s + "عاجل", "خبر" + s]
        }
        return samples
    }()

    /// Controls closed in order, crossed, closed by the wrong kind, nested.
    static let bidiSamples = [
        "\u{2067}بغداد\u{2069} اليوم", "\u{202B}نص\u{202C} و \u{2066}x\u{2069}", "\u{2067}\u{202B}a\u{202C}\u{2069}",
        "\u{2067}\u{202B}a\u{2069}\u{202C}", "\u{2067}a\u{202C}", "\u{202E}a\u{2069}", "a\u{2069}\u{2067}b",
        "\u{2068}\u{2068}a\u{2069}\u{2069}", "\u{2068}\u{2068}a\u{2069}",
    ]

    /// Text that shows nothing (zero widths, marks of direction, the Arabic number sign, a
    /// variation selector, a Hangul filler, a tag) and the same beside a letter.
    static let invisibleSamples = [
        "\u{200B}\u{200F}\u{2060}", "\u{061C}", "\u{0600}", "\u{06DD}", "\u{FE0F}", "\u{3164}", "\u{E0041}", "\u{2067}\u{200B}\u{2069}",
        "\u{200B}a", "\u{0600}١٢", "a\u{FE0F}", "\u{3164}ㄱ", "\u{2067}\u{200B}ب\u{2069}",
    ]

    /// Bodies: each line's controls close on that line.
    static let bodies = [
        "سطر \u{2067}أول\u{2069}\n\nسطر ثان", "سطر \u{2067}أول\nيغلق هنا\u{2069}", "\u{202B}فقرة\u{202C}\n## \u{2066}عنوان\u{2069}",
        "فقرة\n\u{2069}", "فقرة\tبعلامة\n\nأخرى", "\u{200B}\n\n\u{200F}", "\u{200B}\n\nب",
        "فقرة\(noncharacter(0xFFFE))\n\nأخرى", "فقرة\n\n\(noncharacter(0xFDD0))أخرى", "فقرة\n\nأخرى\(noncharacter(0x10FFFF))",
    ] + bidiSamples + invisibleSamples

    static let locales: [(name: String, options: String)] = [
        ("C.UTF-8 (the cluster's)", ""),
        ("ctype C", "LC_CTYPE 'C' LC_COLLATE 'C'"),
        ("ICU ar", "LOCALE_PROVIDER icu ICU_LOCALE 'ar' LOCALE 'C.UTF-8'"),
    ]

    /// The code points (every scalar but the surrogates and NUL) the core's `test` holds for,
    /// and those the database's `predicate` over `cp` holds for (the predicate is this file's own SQL).
    static func sets(_ connection: PostgresConnection, core test: (Unicode.Scalar) -> Bool, database predicate: String) throws -> (core: Set<UInt32>, database: Set<UInt32>) {
        let core = Set((UInt32(1)...0x10FFFF).compactMap(Unicode.Scalar.init).filter(test).map(\.value))
        let listed: String = try connection.queryOne(
            """
            SELECT coalesce(string_agg(cp::text, ',' ORDER BY cp), '') AS listed FROM generate_series(1, 1114111) cp
             WHERE (cp < 55296 OR cp > 57343) AND \(predicate)
            """
        ).decode("listed")
        return (core, Set(listed.split(separator: ",").compactMap { UInt32($0) }))
    }

    @Test("accepted by Swift as is ⇔ accepted by newsroom_is_line", arguments: locales.map(\.options))
    func parity(options: String) throws {
        let admin = try PostgresConnection(conninfo: try TestCluster.conninfo(database: "postgres"))
        let name = "p_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        // Both the name and the options are this test's own text, never input.
        try admin.executeScript("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' \(options)")
        defer { _ = try? admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        let connection = try PostgresConnection(conninfo: try TestCluster.conninfo(database: name))
        try Migrator().migrate(connection)
        var disagreements: [String] = []
        for sample in Self.samples {
            // Byte for byte: Swift's == would call canonically equivalent strings equal.
            let kept = try? EditorialText.line(sample, .headline)
            let swift = kept.map { Array($0.utf8) == Array(sample.utf8) } ?? false
            let database: Bool = try connection.queryOne("SELECT newsroom_is_line($1, 250) AS ok", [sample]).decode("ok")
            if swift != database {
                disagreements.append("\(sample.unicodeScalars.map { String($0.value, radix: 16) }): Swift \(swift), database \(database)")
            }
        }
        for body in Self.bodies {
            let kept = try? EditorialText.body(body)
            let swift = kept.map { Array($0.utf8) == Array(body.utf8) } ?? false
            // A value cast to the domain is checked by all of its constraints.
            let database = (try? connection.query("SELECT $1::story_body AS b", [body])) != nil
            if swift != database {
                disagreements.append("body \(body.unicodeScalars.map { String($0.value, radix: 16) }): Swift \(swift), database \(database)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
        // What shows nothing, code point by code point: the core's definition and the
        // database's list are the same set (every scalar but the surrogates and NUL).
        let invisible = try Self.sets(connection, core: EditorialText.isInvisible, database: "NOT newsroom_has_visible(chr(cp))")
        #expect(invisible.core.count > 4_000, "the core's set is Unicode's: White_Space, Cf and default ignorables")
        #expect(invisible.core == invisible.database,
                "the core only: \(invisible.core.subtracting(invisible.database).sorted().prefix(20)); the database only: \(invisible.database.subtracting(invisible.core).sorted().prefix(20))")
        // The noncharacters likewise.
        let noncharacters = try Self.sets(connection, core: EditorialText.isNoncharacter, database: "newsroom_has_noncharacter(chr(cp))")
        #expect(noncharacters.core.count == 66, "32 in U+FDD0–U+FDEF and two at the end of each of the 17 planes")
        #expect(noncharacters.core == noncharacters.database,
                "the core only: \(noncharacters.core.subtracting(noncharacters.database).sorted()); the database only: \(noncharacters.database.subtracting(noncharacters.core).sorted())")
        // And the rule really refuses: every line break, anywhere.
        for breaker in ["\n", "\u{85}", "\u{2028}", "\u{2029}"] {
            #expect(try connection.queryOne("SELECT newsroom_is_line($1, 250) AS ok", ["أ" + breaker + "ب"]).decode("ok", as: Bool.self) == false)
        }
    }
}
