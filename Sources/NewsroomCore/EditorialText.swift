
/// The rules every piece of text in the newsroom follows before it is stored: line
/// endings as LF, NFC normalisation, surrounding white space trimmed, otherwise kept
/// byte for byte. Arabic's own marks (LRM, RLM, ALM, ZWJ, ZWNJ, tatweel, tashkeel)
/// are ordinary text; controls that could make a line display as something other
/// than what it says (unbalanced bidi embeddings, overrides and isolates) are refused.
public enum EditorialText {
    /// 1 MB of UTF-8 of what readers see: a long feature is ~50 KB; nothing a newsroom writes comes near.
    public static let bodyByteLimit = 1_000_000
    /// The markup's ceiling: twice the text's, which links' addresses and emphasis never reach.
    /// The database checks this one (`story_body`); the visible text's limit only the core can count.
    public static let bodySourceByteLimit = 2 * bodyByteLimit
    /// Lengths are counted as a reader counts them (characters: grapheme clusters), which
    /// PostgreSQL cannot do. So a line also has a ceiling in code points, which both sides
    /// count exactly: this many per character of the limit. Fully vocalised Arabic needs
    /// two or three (a letter, shadda, a vowel), a flag two, most ZWJ emoji three to five;
    /// only stacked marks no reader sees as text (or a line of family emoji) reach it.
    public static let codePointsPerCharacter = 4

    /// LF line endings, NFC, trimmed.
    public static func normalize(_ text: String) -> String {
        var unified = text
        if unified.utf8.contains(13) {
            unified = unified.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        }
        return unified.nfc.trimmingWhitespace()
    }

    /// A one-line field (headline, dateline, names, notes, ticker text): normalised and
    /// checked against its kind's limits. `field` names it in messages (default: the kind's option).
    public static func line(_ text: String, _ kind: LineKind, field: String? = nil, required: Bool = true) throws(NewsroomError) -> String {
        try line(text, field: field ?? kind.field, limit: kind.limit, codePointLimit: kind.codePointLimit, required: required)
    }

    static func line(_ text: String, field: String, limit: Int, codePointLimit: Int, required: Bool = true) throws(NewsroomError) -> String {
        let value = normalize(text)
        if value.isEmpty {
            if required { throw .invalid(field, "must not be empty") }
            return value
        }
        if let breaker = value.unicodeScalars.first(where: isLineBreak) {
            let name = breaker == "\n" ? "the line break" : "the line break \(breaker.codePoint)"
            throw .invalid(field, "must be a single line; remove \(name)")
        }
        try checkCharacters(value, field: field, allowingTabs: false)
        if value.unicodeScalars.allSatisfy(isInvisible) {
            throw .invalid(field, "has only invisible characters; type the text itself")
        }
        try checkBidi(line: value, field: field, lineNumber: nil)
        let length = value.count
        if length > limit {
            throw .invalid(field, "is \(length) characters long; the limit is \(limit)")
        }
        let codePoints = value.unicodeScalars.count
        if codePoints > codePointLimit {
            throw .invalid(
                field,
                "is \(length) characters long but made of \(codePoints) code points (letters, marks, joiners, emoji parts); "
                    + "at most \(codePointLimit) are stored (\(codePointsPerCharacter) per character of the \(limit) allowed): remove stacked marks or emoji"
            )
        }
        return value
    }

    /// What an erased story's text and every one of its revisions read (the database's
    /// `newsroom_erased_text()`; a test keeps them one).
    public static let erased = "[erased]"

    /// A note or reason that goes into history (return, correction, withdraw, spike, cancel).
    public static func note(_ text: String, field: String) throws(NewsroomError) -> String {
        try line(text, .note, field: field)
    }

    /// A story body in the newsroom's format (`ArticleBody`): the source is kept as written,
    /// and its limits count what a reader sees.
    public static func body(_ text: String, field: String = "body") throws(NewsroomError) -> String {
        let value = normalize(text)
        if value.utf8.count > bodySourceByteLimit {
            throw .invalid(field, "is larger than the ceiling of \(bodySourceByteLimit) bytes (2 MB) of text and markup: it has \(value.utf8.count)")
        }
        if value.isEmpty || value.unicodeScalars.allSatisfy(isInvisible) {
            throw .invalid(field, "is empty; write the story or leave the body out")
        }
        try checkLines(value, field: field)
        let article: ArticleBody
        do { article = try ArticleBody.validated(value) } catch { throw .invalid(field, error.description) }
        let visible = article.visibleText.utf8.count
        if visible > bodyByteLimit {
            throw .invalid(field, "is larger than the body limit of \(bodyByteLimit) bytes (1 MB) of text a reader sees: it has \(visible)")
        }
        return value
    }

    /// Text of several lines that is not markup (a note): a body's character rules, line by line.
    public static func lines(_ text: String, field: String) throws(NewsroomError) -> String {
        let value = normalize(text)
        try checkLines(value, field: field)
        return value
    }

    private static func checkLines(_ value: String, field: String) throws(NewsroomError) {
        try checkCharacters(value, field: field, allowingTabs: true)
        // Most bodies hold no bidi control at all: one pass over the bytes says so.
        guard mayHoldBidiControl(value.utf8) else { return }
        for (number, line) in value.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            try checkBidi(line: Substring(line), field: field, lineNumber: number + 1)
        }
    }

    /// Decodes a body read from a file or stdin, saying where invalid UTF-8 is. A UTF-8
    /// byte-order mark that some editors put first is not text, and goes.
    public static func decodeUTF8(_ input: [UInt8], field: String = "body") throws(NewsroomError) -> String {
        let bytes = input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = position(of: nul, in: bytes)
            throw .invalid(field, "contains a NUL byte at line \(line), byte \(column); it is not text")
        }
        var line = 1, lineStart = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && index + length <= bytes.count
            if valid && length > 1 {
                for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { valid = false }
                if valid {
                    let second = bytes[index + 1]
                    if byte == 0xE0 && second < 0xA0 { valid = false }  // overlong
                    if byte == 0xED && second > 0x9F { valid = false }  // surrogates
                    if byte == 0xF0 && second < 0x90 { valid = false }  // overlong
                    if byte == 0xF4 && second > 0x8F { valid = false }  // beyond U+10FFFF
                }
            }
            guard valid else {
                throw .invalid(field, "is not valid UTF-8 at line \(line), byte \(index - lineStart + 1); save the file as UTF-8")
            }
            if byte == 10 {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Checks

    /// Everything that starts a new line somewhere: LF (CR is already LF here), NEL
    /// (U+0085), and Unicode's line and paragraph separators (U+2028, U+2029).
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// What shows nothing on its own: White_Space, format characters (Cf) and default
    /// ignorable code points. The database lists the same set (`newsroom_has_visible`, 0027).
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
            || scalar.properties.isDefaultIgnorableCodePoint
    }

    /// Unicode's noncharacters (U+FDD0–U+FDEF, every U+nFFFE and U+nFFFF): never text.
    /// XML 1.0 forbids U+FFFE and U+FFFF, so one of them in a story broke every feed; the
    /// database lists the same set (`newsroom_has_noncharacter`, 0028). With the controls
    /// refused below, nothing the newsroom keeps is a character XML 1.0 forbids.
    public static func isNoncharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isNoncharacterCodePoint
    }

    /// What no text the newsroom keeps may hold, whatever the field: a control but LF and
    /// tab (one-line fields refuse those too, as line breaks and white space), or a
    /// noncharacter. The search refuses the same, and the reader site never emits it.
    public static func isNeverText(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t") || isNoncharacter(scalar)
    }

    /// False when the UTF-8 holds no byte that could begin a character `isNeverText` refuses
        /// (a control, U+0080–U+009F, a noncharacter), so a long text needs no scalar-by-scalar
    /// look; true means look. Beyond the ASCII controls only U+0080–U+009F (C2 80–9F), U+FDxx
    /// and U+FFxx (EF B7, EF BF) and the four-byte planes (F0–F4) can hold one.
    public static func mayHoldNeverText(_ utf8: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte >= 0xF0
                || (previous == 0xC2 && byte < 0xA0) || (previous == 0xEF && (byte == 0xB7 || byte == 0xBF)) {
                return true
            }
            previous = byte
        }
        return false
    }

    /// False when no bidi embedding, override or isolate (U+202A–U+202E, U+2066–U+2069) can be in the text.
    static func mayHoldBidiControl(_ utf8: String.UTF8View) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in utf8 {
            if beforePrevious == 0xE2, (previous == 0x80 && (0xAA...0xAE).contains(byte)) || (previous == 0x81 && (0xA6...0xA9).contains(byte)) {
                return true
            }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    private static func checkCharacters(_ value: String, field: String, allowingTabs: Bool) throws(NewsroomError) {
        guard mayHoldNeverText(value.utf8) || (!allowingTabs && value.utf8.contains(0x09)) else { return }
        for (offset, scalar) in value.unicodeScalars.enumerated() where isNeverText(scalar) || (!allowingTabs && scalar == "\t") {
            if isNoncharacter(scalar) {
                throw .invalid(field, "contains a noncharacter (\(scalar.codePoint)) at character \(offset + 1), which no feed can carry; remove it")
            }
            throw .invalid(field, "contains a control character (\(scalar.codePoint)) at character \(offset + 1); remove it")
        }
    }

    /// Embeddings/overrides (LRE RLE LRO RLO … PDF) and isolates (LRI RLI FSI … PDI)
    /// must close, in order, on the line they open.
    private static func checkBidi<S: StringProtocol>(line: S, field: String, lineNumber: Int?) throws(NewsroomError) {
        var open: [Unicode.Scalar] = []
        let place = lineNumber.map { " on line \($0)" } ?? ""
        for scalar in line.unicodeScalars {
            switch scalar.value {
            case 0x202A, 0x202B, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068:
                open.append(scalar)
            case 0x202C, 0x2069:
                let closesIsolate = scalar.value == 0x2069
                guard let last = open.last, (last.value >= 0x2066) == closesIsolate else {
                    throw .invalid(field, "has a bidirectional control \(scalar.codePoint)\(place) that closes nothing; remove it")
                }
                open.removeLast()
            default:
                continue
            }
        }
        if let unclosed = open.first {
            throw .invalid(
                field,
                "has an unbalanced bidirectional control \(unclosed.codePoint)\(place): it can make the text display as something other than what it says; remove it"
            )
        }
    }

    private static func position(of index: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let before = bytes[..<index]
        let line = before.filter { $0 == 10 }.count + 1
        let lineStart = before.lastIndex(of: 10).map { $0 + 1 } ?? 0
        return (line, index - lineStart + 1)
    }
}

extension Unicode.Scalar {
    /// `U+202E`
    var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension String {
    /// Canonical composition (NFC), from the standard library's own normaliser (the one
    /// String comparison uses), so the core needs no Foundation.
    var nfc: String { String(decoding: _nfcCodeUnits, as: UTF8.self) }
}
