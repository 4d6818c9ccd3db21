/// Why a body cannot be stored as written, and where: each kind says what to write instead.
public struct BodyRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Everything a body may not carry: the one table the core refuses from, the database's
    /// constraints mirror (where `mirroredInDatabase`), and the parity test is generated from.
    public enum Kind: String, Sendable, CaseIterable {
        case rawHTML = "raw HTML"
        case linkScheme = "a link's scheme"
        case linkTarget = "a link's target"
        case emptyLink = "a link without text"
        case topHeading = "a level-one heading"
        case deepHeading = "a heading below level three"
        case underlinedHeading = "an underlined heading"
        case image = "an image from elsewhere"
        case photoNotAlone = "a photo inside a line of text"
        case code = "code"
        case thematicBreak = "a rule"
        case table = "a table"
        case footnote = "a footnote"
        case nestedQuotation = "a quotation in a quotation"
        case blockInQuotation = "a heading or list in a quotation"
        case blockInList = "a heading or quotation in a list"
        case deepList = "a list nested twice"
        case deepEmphasis = "emphasis nested too deep"
        case nothingVisible = "nothing to read"

        /// Whether the database refuses it too, for whoever bypasses the tool: what would be
        /// unsafe on a reader's page (script in HTML, a `javascript:` link). The rest is the
        /// house's style, which the reader site renders as text if it ever meets it.
        public var mirroredInDatabase: Bool { self == .rawHTML || self == .linkScheme }

        /// A body showing it, for tests and the parity check.
        public var example: String {
            switch self {
            case .rawHTML: "قال <script>alert(1)</script> الوزير"
            case .linkScheme: "انظر [البيان](javascript:alert(1))"
            case .linkTarget: "انظر [البيان](statement.html)"
            case .emptyLink: "انظر [](https://example.org)"
            case .topHeading: "# عنوان"
            case .deepHeading: "#### عنوان"
            case .underlinedHeading: "عنوان\n---"
            case .image: "![صورة](https://example.org/a.jpg)"
            case .photoNotAlone: "قال الوزير ![صورة](media:1) اليوم"
            case .code: "قال `الوزير`"
            case .thematicBreak: "فقرة\n\n***\n\nفقرة"
            case .table: "| أ | ب |\n| --- | --- |\n| ١ | ٢ |"
            case .footnote: "قال الوزير[^1]"
            case .nestedQuotation: "> > قال"
            case .blockInQuotation: "> ## عنوان"
            case .blockInList: "- > قال"
            case .deepList: "- أ\n  - ب\n    - ج"
            case .deepEmphasis: "*أ **ب *ج **د** ج* ب** أ*"
            case .nothingVisible: "##\n\n>"
            }
        }

        var advice: String {
            switch self {
            case .rawHTML: "a body carries no HTML: write the text without the tag, or `\\<` to show the sign itself"
            case .linkScheme: "a link goes to an http:// or https:// address, or to one of the newsroom's pages such as /stories/42"
            case .linkTarget: "write the whole address (https://…) or a path of the site that starts with / (such as /stories/42)"
            case .emptyLink: "write the words to link inside the brackets: [the ministry's statement](https://…)"
            case .topHeading: "the headline is the page's only level-one heading; write ## for a subheading"
            case .deepHeading: "subheadings are ## or ###"
            case .underlinedHeading: "write ## before the subheading instead of underlining it (or `\\-` to start a line with a dash)"
            case .image: "a body shows the newsroom's own photos: add the file with newsroom media add FILE, then write ![alt](media:ID) on a line of its own"
            case .photoNotAlone: "a photo stands on a line of its own: put ![alt](media:ID) on its own line, between paragraphs"
            case .code: "a body carries no code; write the text as a paragraph (`\\`` shows the sign itself)"
            case .thematicBreak: "a body has no rules between parts; use a ## subheading"
            case .table: "a body has no tables; write the rows as a list"
            case .footnote: "a body has no footnotes; write the note in the text, or link to the source"
            case .nestedQuotation: "a quotation holds paragraphs only; quote the inner words with quotation marks"
            case .blockInQuotation: "a quotation holds paragraphs and, on its last line, — name"
            case .blockInList: "a list's items hold text and at most one list"
            case .deepList: "lists nest one level at most"
            case .deepEmphasis: "emphasis nests \(ArticleParser.emphasisDepthLimit) deep at most"
            case .nothingVisible: "the body shows no text; write the story or leave the body out"
            }
        }
    }

    public let kind: Kind
    /// The line of the body (from 1) where it is.
    public let line: Int

    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    public var description: String { "line \(line): \(kind.rawValue) cannot be stored; \(kind.advice)" }
}

extension ArticleBody {
    /// The two rules the database mirrors, read from the source as the database reads it
    /// (`newsroom_body_unsafe`, 0030): an unescaped `<` followed by a letter, `/`, `!` or `?`
    /// (every HTML tag, comment and declaration starts so, and CommonMark's autolinks too), and
    /// a link's target (after `](` or in a `[label]:` definition) that names a scheme other
    /// than http or https. A scan in one pass: linear in the body's length.
    public static func unsafeConstruct(in source: String) -> BodyRefusal? {
        let bytes = Array(source.utf8)
        var line = 1, index = 0, lineStart = true
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func skipSpace(_ start: Int) -> Int {
            var i = start, newlines = 0
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || (bytes[i] == 0x0A && newlines == 0) {
                if bytes[i] == 0x0A { newlines += 1 }
                i += 1
            }
            return i
        }
        /// Whether a target starting at `start` names a scheme other than http(s) or the library's
        /// `media:` (a photo block's; harmless as a link's, which is never rendered as one).
        func namesOtherScheme(_ start: Int) -> Bool {
            var i = skipSpace(start)
            if i < bytes.count, bytes[i] == 0x3C { i = skipSpace(i + 1) }  // <destination>
            guard i < bytes.count, isLetter(bytes[i]) else { return false }
            var j = i + 1
            while j < bytes.count, isLetter(bytes[j]) || (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == 0x2B || bytes[j] == 0x2E || bytes[j] == 0x2D { j += 1 }
            guard j < bytes.count, bytes[j] == 0x3A else { return false }
            let scheme = String(decoding: bytes[i..<j], as: UTF8.self).lowercased()
            return scheme != "http" && scheme != "https" && scheme != "media"
        }
        var escaped = false
        var labelLineOpen = false  // a line that began `[` (after up to three spaces): a definition?
        var leadingSpaces = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1; lineStart = true; escaped = false; labelLineOpen = false; leadingSpaces = 0
                index += 1
                continue
            }
            if escaped {
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else if byte == 0x3C, index + 1 < bytes.count, isLetter(bytes[index + 1]) || bytes[index + 1] == 0x2F || bytes[index + 1] == 0x21 || bytes[index + 1] == 0x3F {
                return BodyRefusal(.rawHTML, line: line)
            } else if byte == 0x5D, index + 1 < bytes.count, bytes[index + 1] == 0x28, namesOtherScheme(index + 2) {
                return BodyRefusal(.linkScheme, line: line)
            } else if byte == 0x5D, labelLineOpen, index + 1 < bytes.count, bytes[index + 1] == 0x3A, namesOtherScheme(index + 2) {
                return BodyRefusal(.linkScheme, line: line)
            } else if byte == 0x5B, lineStart, leadingSpaces <= 3 {
                labelLineOpen = true
            }
            if byte == 0x20, lineStart { leadingSpaces += 1 } else { lineStart = false }
            index += 1
        }
        return nil
    }
}
