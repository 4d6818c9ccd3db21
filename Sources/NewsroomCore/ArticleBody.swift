/// A story's body as the newsroom writes it: a subset of CommonMark, parsed by cmark (the
/// reference implementation, Debian's `libcmark`), with one rule of the newsroom's own kept
/// from the first bodies: a line end ends a paragraph (reporters paste text from Word and
/// WhatsApp with one line a paragraph). Everything else is CommonMark's meaning.
///
/// Allowed: paragraphs; `##` and `###` subheadings; `**strong**` and `*emphasis*`; links to
/// http(s) addresses and to the newsroom's own pages (`/stories/42`); `>` quotations, whose
/// last line may be `— name`, the attribution; bulleted and numbered lists, one level of
/// nesting; hard line breaks (a line ending in `\` or two spaces). Anything else is refused
/// with the line and what to write instead (`BodyRefusal`).
public struct ArticleBody: Sendable, Equatable {
    public var blocks: [ArticleBlock]

    public init(blocks: [ArticleBlock]) { self.blocks = blocks }

    /// A body as it must be to be stored: every refusal is thrown, with its line.
    public static func validated(_ source: String) throws(BodyRefusal) -> ArticleBody {
        try ArticleParser(source: source, strict: true).parse()
    }

    /// A stored body, for reading: never refuses. What the database let through that the
    /// core would refuse (it mirrors only what is unsafe) is shown as its text.
    public static func reading(_ source: String) -> ArticleBody {
        (try? ArticleParser(source: source, strict: false).parse()) ?? ArticleBody(blocks: [.paragraph([.text(source)])])
    }
}

/// A block of a body.
public indirect enum ArticleBlock: Sendable, Equatable {
    case paragraph([ArticleInline])
    /// Level 2 (`##`) or 3 (`###`); level 1 is the headline's.
    case subheading(level: Int, [ArticleInline])
    /// Its paragraphs and, from a last line `— name`, who said it (without the dash).
    case quotation([[ArticleInline]], attribution: [ArticleInline]?)
    case list(ArticleList)
    /// A photo of the newsroom's library on a line of its own: `![alt](media:12)`. Its caption
    /// and credit come from the photo's record; the bracketed text, if any, is this story's alt.
    case photo(ArticlePhoto)
}

/// A bulleted or numbered list; an item is its paragraphs and at most one list inside it.
public struct ArticlePhoto: Sendable, Equatable {
    public var id: MediaID
    /// The alt text written in the body for this story; nil: the photo's own.
    public var alt: String?

    public init(id: MediaID, alt: String?) {
        self.id = id
        self.alt = alt
    }

    /// `media:ID`, the only image target a body may hold.
    public static func id(inTarget target: String) -> MediaID? {
        guard target.hasPrefix("media:") else { return nil }
        let digits = target.dropFirst("media:".count)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), digits.first != "0",
              let value = Int64(digits) else { return nil }
        return MediaID(rawValue: value)
    }
}

public struct ArticleList: Sendable, Equatable {
    public var ordered: Bool
    /// The first number of a numbered list (`3.` starts at 3).
    public var start: Int
    /// Whether items are single lines (no blank line between them): drawn without paragraphs.
    public var tight: Bool
    public var items: [[ArticleBlock]]

    public init(ordered: Bool, start: Int, tight: Bool, items: [[ArticleBlock]]) {
        self.ordered = ordered
        self.start = start
        self.tight = tight
        self.items = items
    }
}

/// Text within a block.
public indirect enum ArticleInline: Sendable, Equatable {
    case text(String)
    case strong([ArticleInline])
    case emphasis([ArticleInline])
    case link(ArticleLink, [ArticleInline])
    case lineBreak
}

/// Where a link goes: an http(s) address, or a path of the newsroom's own site.
public struct ArticleLink: Sendable, Equatable {
    public let target: String

    public init(target: String) { self.target = target }

    /// Whether the link leaves the newsroom's site (readers' sites mark those `nofollow`/`ugc`
    /// when the newsroom says so).
    public var isExternal: Bool { !target.hasPrefix("/") }

    /// http and https with a host, or a path of this site (`/stories/42`; not `//host`, which
    /// is another site). Every other scheme (`javascript:`, `data:`, `mailto:`) and relative
    /// addresses without a leading `/` are refused.
    public static func isAllowed(_ target: String) -> Bool {
        guard !hasSpaceOrControl(target) else { return false }
        guard let scheme = scheme(of: target) else {
            return target.hasPrefix("/") && !target.hasPrefix("//") && !target.hasPrefix("/\\")
        }
        guard scheme == "http" || scheme == "https" else { return false }
        let rest = target.utf8.dropFirst(scheme.utf8.count + 1)
        guard rest.starts(with: "//".utf8) else { return false }
        return rest.dropFirst(2).first.map { $0 != 0x2F && $0 != 0x3F && $0 != 0x23 } ?? false
    }

    /// The scheme a target names, lowercased: an ASCII letter, then letters, digits, `+`, `.`
    /// or `-`, then `:` (RFC 3986); nil when it names none. The database's check reads a
    /// scheme the same way (`newsroom_body_unsafe`).
    public static func scheme(of target: String) -> String? {
        let utf8 = target.utf8
        guard let first = utf8.first, (first | 0x20) >= 0x61, (first | 0x20) <= 0x7A else { return nil }
        let name = utf8.prefix { byte in
            ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2E || byte == 0x2D
        }
        guard utf8.dropFirst(name.count).first == 0x3A else { return nil }
        return String(decoding: name, as: UTF8.self).lowercased()
    }

    /// White space or a control anywhere (an address has neither); ASCII bytes first.
    private static func hasSpaceOrControl(_ target: String) -> Bool {
        if target.utf8.allSatisfy({ $0 < 0x80 }) { return target.utf8.contains { $0 <= 0x20 || $0 == 0x7F } }
        return target.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
    }
}

extension ArticleBody {
    /// The text a reader sees, block by block (blank line between blocks, a line break as a
    /// line end): what the length limit counts, search indexes and plain-text channels carry.
    public var visibleText: String {
        blocks.map(\.visibleText).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// How many words readers see: runs of letters and digits with the marks inside them,
    /// as the word diff cuts text (`WordDiff.tokens`).
    public var wordCount: Int {
        WordDiff.tokens(visibleText).count { token in token.first.map { $0.isLetter || $0.isNumber } ?? false }
    }

    /// The paragraphs' text, for a summary (the page's description, a feed's).
    public var firstParagraphText: String? {
        for block in blocks { if case .paragraph(let inlines) = block { return ArticleInline.text(inlines) } }
        return nil
    }

    /// The photos of the body, in order (a photo shown twice, twice).
    public var photos: [ArticlePhoto] {
        blocks.compactMap { if case .photo(let photo) = $0 { photo } else { nil } }
    }

    /// The subheadings' text, in order.
    public var subheadings: [String] {
        blocks.compactMap { if case .subheading(_, let inlines) = $0 { ArticleInline.text(inlines) } else { nil } }
    }
}

extension ArticleBlock {
    public var visibleText: String {
        switch self {
        case .paragraph(let inlines), .subheading(_, let inlines):
            return ArticleInline.text(inlines)
        case .quotation(let paragraphs, let attribution):
            var lines = paragraphs.map(ArticleInline.text)
            if let attribution { lines.append("— " + ArticleInline.text(attribution)) }
            return lines.joined(separator: "\n")
        case .list(let list):
            return list.items.map { item in item.map(\.visibleText).joined(separator: "\n") }.joined(separator: "\n")
        case .photo:
            // Its caption and credit are the photo's record, not the body's text.
            return ""
        }
    }
}

extension ArticleInline {
    /// What these inlines show: their text, a line break as a line end.
    public static func text(_ inlines: [ArticleInline]) -> String {
        var out = ""
        func add(_ inlines: [ArticleInline]) {
            for inline in inlines {
                switch inline {
                case .text(let text): out += text
                case .strong(let inner), .emphasis(let inner), .link(_, let inner): add(inner)
                case .lineBreak: out += "\n"
                }
            }
        }
        add(inlines)
        return out
    }
}
