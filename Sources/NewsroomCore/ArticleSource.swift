/// A body written back as the body format's source (docs/body-format.md): what copy that
/// arrives marked up some other way (an agency's XHTML) becomes, so that it is stored, edited
/// and checked exactly as a reporter's text is. Text is escaped where the format would read a
/// sign as markup; white space inside a block is one space, since a line end ends a paragraph.
public enum ArticleSource {
    public static func write(_ blocks: [ArticleBlock]) -> String {
        blocks.compactMap { block(_: $0) }.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    static func block(_ block: ArticleBlock, indent: String = "") -> String? {
        switch block {
        case .paragraph(let inlines):
            return lines(Self.inlines(inlines))
        case .subheading(let level, let inlines):
            return String(repeating: "#", count: level == 3 ? 3 : 2) + " " + Self.inlines(inlines)
        case .quotation(let paragraphs, let attribution):
            var lines = paragraphs.map { Self.inlines($0) }.filter { !$0.isEmpty }
                .map { Self.lines($0).split(separator: "\n").map { "> " + $0 }.joined(separator: "\n") }
            if let attribution { lines.append("> — " + inlines(attribution)) }
            return lines.joined(separator: "\n")
        case .list(let list):
            var items: [String] = []
            for (offset, item) in list.items.enumerated() {
                let marker = list.ordered ? "\(list.start + offset). " : "- "
                let inner = indent + String(repeating: " ", count: marker.count)
                var parts: [String] = []
                for (index, child) in item.enumerated() {
                    guard let text = Self.block(child, indent: inner), !text.isEmpty else { continue }
                    let indented = text.split(separator: "\n", omittingEmptySubsequences: false)
                        .enumerated().map { $0.offset == 0 && index == 0 ? String($0.element) : inner + $0.element }
                    parts.append(indented.joined(separator: "\n"))
                }
                items.append(indent + marker + parts.joined(separator: list.tight ? "\n" : "\n\n"))
            }
            return items.joined(separator: list.tight ? "\n" : "\n\n")
        case .photo(let photo):
            return "![\(escape(photo.alt ?? ""))](media:\(photo.id.rawValue))"
        }
    }

    static func inlines(_ inlines: [ArticleInline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline {
            case .text(let text): out += escape(text)
            case .strong(let inner): out += wrap("**", Self.inlines(inner))
            case .emphasis(let inner): out += wrap("*", Self.inlines(inner))
            case .link(let link, let inner):
                let words = Self.inlines(inner).trimmingWhitespace()
                out += words.isEmpty ? "" : "[\(words)](\(link.target))"
            case .lineBreak: out += "\\\n"
            }
        }
        return collapse(out)
    }

    /// Emphasis around its words, with the spaces outside (`** x**` is not emphasis).
    static func wrap(_ mark: String, _ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return text }
        let leading = text.first?.isWhitespace == true ? " " : ""
        let trailing = text.last?.isWhitespace == true ? " " : ""
        return leading + mark + trimmed + mark + trailing
    }

    /// Signs the format reads as markup anywhere in a line.
    static let inlineSigns: Set<Character> = ["\\", "*", "_", "[", "]", "<", ">", "`", "&", "!", "|", "~", "#"]

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isNewline || character == "\t" { out.append(" "); continue }
            if inlineSigns.contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// White space runs as one space, none at either end; a line break's own line end kept.
    static func collapse(_ text: String) -> String {
        var out = ""
        var space = false
        for character in text {
            if character == "\n" { out.append("\n"); space = false; continue }
            if character.isWhitespace { space = !out.isEmpty && out.last != "\n"; continue }
            if space { out.append(" ") }
            space = false
            out.append(character)
        }
        return out.trimmingWhitespace()
    }

    /// Each line of a block made safe at its start.
    static func lines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { lineStart(String($0)) }.joined(separator: "\n")
    }

    /// A block's first characters that would start a list or a heading are escaped.
    static func lineStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if first == "-" || first == "+" || first == "=" { return "\\" + text }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = text.dropFirst(digits.count).first, after == "." || after == ")" {
            return digits + "\\" + text.dropFirst(digits.count)
        }
        return text
    }
}
