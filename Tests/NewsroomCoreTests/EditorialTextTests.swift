import Foundation
import NewsroomCore
import Testing

/// A noncharacter as a string (Swift's literals refuse some of them).
private func noncharacter(_ value: UInt32) -> String { String(Character(Unicode.Scalar(value)!)) }

@Suite("Editorial text: normalisation and refusals")
struct EditorialTextTests {
    @Test("line endings become LF, text becomes NFC, surrounding white space goes; the rest stays")
    func normalisation() {
        #expect(EditorialText.normalize("  a\r\nb\rc \n") == "a\nb\nc")
        // e + combining acute → é; alef + hamza above → أ
        #expect(Array(EditorialText.normalize("e\u{301}").unicodeScalars) == ["\u{E9}"])
        #expect(Array(EditorialText.normalize("\u{627}\u{654}").unicodeScalars) == ["\u{623}"])
        // A line's trailing space inside the text survives (the sample has some).
        #expect(EditorialText.normalize("سطر \nآخر") == "سطر \nآخر")
    }

    @Test("a headline must be one visible line within the limit")
    func headlineRefusals() throws {
        let cases: [(String, String)] = [
            ("", "must not be empty"),
            ("   \t ", "must not be empty"),
            ("\u{200B}\u{200F}\u{2060}", "only invisible characters"),
            ("سطر\nسطر", "single line"),
            ("bell\u{7}", "control character (U+0007)"),
            ("خبر\(noncharacter(0xFFFE))", "noncharacter (U+FFFE) at character 4"),
            ("\(noncharacter(0xFFFF))x", "noncharacter (U+FFFF)"),
            ("x\(noncharacter(0xFDD0))", "noncharacter (U+FDD0)"),
            ("x\(noncharacter(0x10FFFE))", "noncharacter (U+10FFFE)"),
            (String(repeating: "ب", count: LineKind.headline.limit + 1), "the limit is \(LineKind.headline.limit)"),
            ("\u{202E}txt.exe", "unbalanced bidirectional control U+202E"),
            ("abc\u{2069}", "closes nothing"),
            ("\u{2067}عربي", "unbalanced"),
        ]
        for (input, fragment) in cases {
            do {
                _ = try EditorialText.line(input, .headline)
                Issue.record("\(input.debugDescription) must be refused")
            } catch {
                #expect(error.kind == .invalidInput)
                #expect(error.message.hasPrefix("headline: "), "\(error.message)")
                #expect(error.message.contains(fragment), "\(error.message)")
            }
        }
    }

    @Test("Arabic's own marks are ordinary text", arguments: [
        "العراق\u{200F} يخنق", "ما\u{200E}", "\u{61C}١٢", "بـ18", "لا\u{200D}", "ن\u{200C}ها", "مَرْحَبًا",
        "\u{2067}balanced\u{2069} نص", "\u{202B}embedded\u{202C}",
    ])
    func arabicMarksAccepted(text: String) throws {
        #expect(try EditorialText.line(text, .headline) == text.precomposedStringWithCanonicalMapping)
    }

    @Test("length counts characters a reader sees, not bytes")
    func lengthInCharacters() throws {
        let voweled = String(repeating: "بَ", count: LineKind.headline.limit)  // 2 scalars each, 1 character
        #expect(try EditorialText.line(voweled, .headline) == voweled)
    }

    /// Characters as a reader counts them; code points only against the ceiling the database
    /// checks too (4 per character of the limit), so stacked marks cannot grow a line without end.
    @Test("every kind of line: the limit and one over, with vowel marks, emoji, flags and ZWJ sequences", arguments: LineKind.allCases)
    func limits(kind: LineKind) throws {
        let limit = kind.limit
        func accepted(_ unit: String, _ count: Int) -> Bool {
            (try? EditorialText.line(String(repeating: unit, count: count), kind)) != nil
        }
        for unit in ["ب", "بَ", "بَّ", "👍🏽", "🇮🇶", "👩‍💻"] {  // 1, 2, 3, 2, 2 and 3 code points a character
            #expect(accepted(unit, limit), "\(limit) × \(unit)")
            #expect(!accepted(unit, limit + 1), "\(limit + 1) × \(unit)")
        }
        // 👨‍👩‍👧‍👦 is one character of 7 code points: a line of them passes the ceiling first.
        #expect(accepted("👨‍👩‍👧‍👦", limit * 4 / 7))
        #expect(!accepted("👨‍👩‍👧‍👦", limit * 4 / 7 + 1))
        // Exactly at the ceiling (letter, tanween, shadda, dagger alef), and one code point over.
        let full = String(repeating: "بًّٰ", count: limit)
        #expect(full.unicodeScalars.count == kind.codePointLimit)
        #expect(try EditorialText.line(full, kind) == full)
        #expect(throws: NewsroomError.self) { try EditorialText.line(full + "ْ", kind) }
        do {
            _ = try EditorialText.line(full + "ْ", kind)
        } catch {
            #expect(error.message.contains("\(kind.codePointLimit + 1) code points") && error.message.contains("at most \(kind.codePointLimit)"), "\(error)")
        }
    }

    @Test("a body: multi-line, tabs allowed, bidi balanced per line, bounded")
    func body() throws {
        #expect(try EditorialText.body("فقرة\tأولى\n\n## عنوان\n\nفقرة") == "فقرة\tأولى\n\n## عنوان\n\nفقرة")
        #expect(ArticleBody.reading("a\n\n## متى ظهر؟\n\nb\n## التمويل الخارجي").subheadings == ["متى ظهر؟", "التمويل الخارجي"])
        #expect(throws: NewsroomError.self) { try EditorialText.body("   \n\n ") }
        #expect(throws: NewsroomError.self) { try EditorialText.body("a\u{1B}[31m") }
        do {
            _ = try EditorialText.body("سطر\n\u{202E}مقلوب\nسطر")
            Issue.record("an unbalanced override must be refused")
        } catch {
            #expect(error.message.contains("line 2"))
        }
        let big = String(repeating: "ب", count: EditorialText.bodyByteLimit / 2 + 1)
        #expect(throws: NewsroomError.self) { try EditorialText.body(big) }
    }

    @Test("invalid UTF-8 and NUL bytes are refused with their line and byte")
    func utf8() throws {
        #expect(try EditorialText.decodeUTF8(Array("سطر\n".utf8)) == "سطر\n")
        let cases: [([UInt8], String)] = [
            ([0x61, 0x0A, 0x62, 0xFF], "line 2, byte 2"),
            ([0x61, 0x62, 0xC3], "line 1, byte 3"),
            ([0xE0, 0x80, 0x80], "line 1, byte 1"),   // overlong
            ([0xED, 0xA0, 0x80], "line 1, byte 1"),   // surrogate
            ([0x0A, 0x0A, 0x61, 0x00], "NUL byte at line 3, byte 2"),
        ]
        for (bytes, fragment) in cases {
            do {
                _ = try EditorialText.decodeUTF8(bytes, field: "body-file")
                Issue.record("\(bytes) must be refused")
            } catch {
                #expect(error.message.contains(fragment), "\(error.message)")
                #expect(error.message.hasPrefix("body-file: "))
            }
        }
    }
}

@Suite("Identifiers and digits")
struct IdentifierTests {
    @Test("story ids take ASCII and Arabic-Indic digits")
    func storyIDs() throws {
        #expect(try StoryID.parse("42").rawValue == 42)
        #expect(try StoryID.parse("٤٢").rawValue == 42)
        #expect(try StoryID.parse("۴۲").rawValue == 42)
        #expect(try StoryID.parse(" 7 ").rawValue == 7)
        for bad in ["", "0", "-3", "+3", "4.2", "abc", "9223372036854775808", "٤x", "1e3"] {
            #expect(throws: NewsroomError.self, "\(bad)") { try StoryID.parse(bad) }
        }
        #expect(try StoryID.parse("9223372036854775807").rawValue == Int64.max)
    }

    @Test("handles and slugs follow their documented alphabet")
    func handlesAndSlugs() throws {
        for good in ["layla", "layla.hassan", "omar_2", "ab", "a-b"] { #expect((try? Handle.parse(good)) != nil, "\(good)") }
        for bad in ["", "a", "Layla", "layla hassan", "ليلى", "2layla", "layla!", String(repeating: "a", count: 33)] {
            #expect(throws: NewsroomError.self, "\(bad)") { try Handle.parse(bad) }
        }
        for good in ["politics", "middle-east", "p2"] { #expect((try? SectionSlug.parse(good)) != nil, "\(good)") }
        for bad in ["", "Politics", "sport news", "سياسة", "a_b", "-x"] {
            #expect(throws: NewsroomError.self, "\(bad)") { try SectionSlug.parse(bad) }
        }
    }
}
