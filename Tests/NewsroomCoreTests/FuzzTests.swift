import Foundation
@testable import NewsroomCore
import Testing
import TestRandom

/// Property-based fuzzing of everything that parses user input: thousands of generated
/// inputs, each either accepted (and then well-formed) or refused with a message naming
/// the field; never a crash. Longer runs:
///     NEWSROOM_FUZZ_ITERATIONS=1000000 NEWSROOM_FUZZ_SEED=7 scripts/test --filter FuzzTests
@Suite("Fuzzing the input parsers")
struct FuzzTests {
    static let iterations = ProcessInfo.processInfo.environment["NEWSROOM_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 20_000
    static let seed = ProcessInfo.processInfo.environment["NEWSROOM_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_129

    /// Pieces that make parsers' lives hard: Arabic with marks, digits of three kinds,
    /// bidi controls, invisible and control characters, white space of many kinds.
    static let pieces: [String] = [
        "ا", "ب", "ة", "ه", "أ", "إ", "آ", "ـ", "َ", "ً", "ْ", "ّ", "ع", "ل", "ا\u{654}",
        "٠", "٣", "٩", "۴", "0", "7", "9", "a", "Z", "z", ".", "_", "-", "+", ":", " ", "  ", "T", "Z",
        "\n", "\r", "\r\n", "\t", "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}",
        "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}", "\u{61C}", "\u{FEFF}", "\u{2060}",
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
        "e\u{301}", "\u{301}", "🇮🇶", "👩‍💻", "新", "'", "\"", ";", "--", "$(", ")", "`", "\\", "%s", "## ",
        "2026", "-11-", "29", " 18:", "30", "now", "m", "h", "d", "s", "+0", "99999999999999999999",
    ]

    static func text(_ random: inout SeededGenerator, maxPieces: Int = 12) -> String {
        (0..<Int.random(in: 0...maxPieces, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test("one-line fields: accepted text is normalised, one line, bounded, and stable")
    func lines() {
        var random = SeededGenerator(state: Self.seed)
        var accepted = 0
        for _ in 0..<Self.iterations {
            let input = Self.text(&random)
            do {
                let value = try EditorialText.line(input, field: "headline", limit: 40, codePointLimit: 160)
                accepted += 1
                #expect(!value.isEmpty && value.count <= 40)
                #expect(!value.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0.properties.generalCategory == .control })
                #expect(value == value.precomposedStringWithCanonicalMapping)
                #expect((try? EditorialText.line(value, field: "headline", limit: 40, codePointLimit: 160)) == value, "normalising twice changes nothing")
            } catch {
                #expect(error.message.hasPrefix("headline: ") && error.message.count > 12, "\(error.message)")
            }
        }
        #expect(accepted > Self.iterations / 20, "the generator must also produce acceptable text (\(accepted))")
    }

    @Test("bodies and their bytes: valid UTF-8 decodes exactly, anything else is refused with a place")
    func bodies() {
        var random = SeededGenerator(state: Self.seed &+ 1)
        for _ in 0..<Self.iterations {
            var bytes = Array(Self.text(&random, maxPieces: 30).utf8)
            if Bool.random(using: &random), !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            do {
                let decoded = try EditorialText.decodeUTF8(bytes)
                // Every byte is kept, but for a byte-order mark at the very start.
                let kept = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
                #expect(Array(decoded.utf8) == kept, "decoding keeps every byte")
                #expect(!bytes.contains(0))
                do {
                    let body = try EditorialText.body(decoded)
                    #expect((try? EditorialText.body(body)) == body)
                    #expect(body.utf8.count <= EditorialText.bodyByteLimit)
                } catch {
                    #expect(error.message.hasPrefix("body: "))
                }
            } catch {
                #expect(error.message.contains("line ") && error.message.contains("byte "), "\(error.message)")
                #expect(bytes.contains(0) || String(bytes: bytes, encoding: .utf8) == nil, "refused only what is not UTF-8 text")
            }
        }
    }

    /// The body format's pieces: every marker CommonMark knows, Arabic, links of every scheme.
    static let markup: [String] = [
        "ب", "قال", " ", "\n", "\n\n", "*", "**", "_", "`", "[", "]", "(", ")", "](", "<", ">", "> ", "- ", "1. ", "## ", "# ", "### ",
        "\\", "&amp;", "&#106;", "!", "[نص](https://x.example/a)", "[x](/stories/4)", "[x](javascript:y)", "<b>", "---", "  ", "    ",
        "\t", "— ", "\u{2067}", "\u{2069}", "\u{200F}", "|", "| --- |", "[^1]", "~~~", "```", "e\u{301}",
    ]

    @Test("bodies in the format: refused with a line and advice, or accepted with text to read; reading never fails")
    func articleBodies() {
        var random = SeededGenerator(state: Self.seed &+ 3)
        var accepted = 0
        for _ in 0..<Self.iterations {
            let source = (0..<Int.random(in: 1...24, using: &random)).map { _ in Self.markup.randomElement(using: &random)! }.joined()
            let read = ArticleBody.reading(source)
            do {
                let body = try ArticleBody.validated(source)
                accepted += 1
                #expect(body == read, "reading an accepted body gives what validating it gave: \(source.debugDescription)")
                #expect(!body.visibleText.unicodeScalars.allSatisfy(EditorialText.isInvisible))
                #expect(ArticleBody.unsafeConstruct(in: source) == nil)
            } catch {
                #expect(error.line >= 1 && error.line <= source.split(separator: "\n", omittingEmptySubsequences: false).count, "\(error)")
                #expect(error.description.contains("; "))
            }
        }
        #expect(accepted > Self.iterations / 50, "the generator must also produce acceptable bodies (\(accepted))")
    }

    @Test("times and durations: accepted or refused with a message, never a crash")
    func times() {
        var random = SeededGenerator(state: Self.seed &+ 2)
        let zones = ["UTC", "Asia/Baghdad", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"].map { NewsroomTime(zone: ZoneRules.named($0)!) }
        let now = Date(timeIntervalSince1970: 1_764_400_000)
        let shapes = ["YYYY-MM-DD hh:mm", "YYYY-MM-DDThh:mm:ss+hh:mm", "+Nh", "+NmNs", "YYYY-MM-DD hh:mmZ", "N"]
        var accepted = 0
        for _ in 0..<Self.iterations {
            var input: String
            if Bool.random(using: &random) {
                // Near-valid: a real shape with random digits (of any script) and the odd intruder.
                input = shapes.randomElement(using: &random)!
                for letter in ["YYYY", "MM", "DD", "hh", "mm", "ss", "N"] {
                    while let range = input.range(of: letter) {
                        let digits = (0..<letter.count).map { _ in ["0", "1", "2", "3", "5", "9", "٣", "۷"].randomElement(using: &random)! }.joined()
                        input.replaceSubrange(range, with: digits)
                    }
                }
                if Int.random(in: 0..<4, using: &random) == 0 { input += Self.pieces.randomElement(using: &random)! }
            } else {
                input = Self.text(&random)
            }
            let time = zones.randomElement(using: &random)!
            do {
                let date = try time.parse(input, now: now, field: "at")
                accepted += 1
                #expect(date.timeIntervalSince1970.isFinite)
            } catch {
                #expect(error.message.hasPrefix("at: "), "\(error.message)")
            }
            do {
                let seconds = try NewsroomTime.duration(input, field: "for")
                #expect(seconds > 0 && seconds <= 366 * 86_400)
            } catch {
                #expect(error.message.hasPrefix("for: "))
            }
        }
        #expect(accepted > Self.iterations / 50, "some generated times must parse (\(accepted))")
    }

    @Test("ids, handles and slugs: what is accepted is exactly the documented alphabet")
    func identifiers() {
        var random = SeededGenerator(state: Self.seed &+ 3)
        for _ in 0..<Self.iterations {
            let input = Self.text(&random, maxPieces: 6)
            if let handle = try? Handle.parse(input) {
                #expect(handle.rawValue.range(of: "^[a-z][a-z0-9._-]{1,31}\\z", options: .regularExpression) != nil, "\(input)")
            } else {
                #expect(input.range(of: "^[a-z][a-z0-9._-]{1,31}\\z", options: .regularExpression) == nil, "\(input)")
            }
            if let slug = try? SectionSlug.parse(input) {
                #expect(slug.rawValue.range(of: "^[a-z][a-z0-9-]{1,39}\\z", options: .regularExpression) != nil)
            } else {
                #expect(input.range(of: "^[a-z][a-z0-9-]{1,39}\\z", options: .regularExpression) == nil, "\(input)")
            }
            do {
                let id = try StoryID.parse(input)
                #expect(id.rawValue > 0)
                let digits = Digits.asciiDigits(input).trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(digits.allSatisfy { $0.isASCII && $0.isNumber }, "\(input)")
            } catch {
                #expect(error.message.hasPrefix("story id: "))
            }
        }
    }
}
