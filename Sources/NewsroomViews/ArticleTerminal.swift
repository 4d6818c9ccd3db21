import NewsroomCore

/// A body drawn for a terminal (`story show --rendered`): the text readers see, laid out as
/// plain lines. Subheadings are underlined, a quotation indented behind a bar with its
/// attribution under it, list items marked, and a link's address after its words in angle
/// brackets, so nothing a reader could follow is hidden.
public enum ArticleTerminal {
    public static func text(_ source: String) -> String {
        var lines: [String] = []
        for block in ArticleBody.reading(source).blocks {
            if !lines.isEmpty { lines.append("") }
            draw(block, indent: "", into: &lines)
        }
        return lines.joined(separator: "\n")
    }

    private static func draw(_ block: ArticleBlock, indent: String, into lines: inout [String]) {
        switch block {
        case .paragraph(let inlines):
            lines += inline(inlines).split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }
        case .subheading(let level, let inlines):
            let text = inline(inlines)
            lines.append(indent + text)
            lines.append(indent + String(repeating: level == 2 ? "═" : "─", count: max(3, text.count)))
        case .quotation(let paragraphs, let attribution):
            for paragraph in paragraphs {
                lines += inline(paragraph).split(separator: "\n", omittingEmptySubsequences: false).map { indent + "  │ " + $0 }
            }
            if let attribution { lines.append(indent + "  — " + inline(attribution)) }
        case .photo(let photo):
            lines.append(indent + "[photo \(photo.id)" + (photo.alt.map { ": \($0)" } ?? "") + "]")
        case .list(let list):
            for (index, item) in list.items.enumerated() {
                let marker = list.ordered ? "\(list.start + index). " : "• "
                for (position, inner) in item.enumerated() {
                    var drawn: [String] = []
                    draw(inner, indent: "", into: &drawn)
                    let lead = position == 0 ? "  " + marker : "  " + String(repeating: " ", count: marker.count)
                    lines += drawn.enumerated().map { line in
                        indent + (line.offset == 0 ? lead : "  " + String(repeating: " ", count: marker.count)) + line.element
                    }
                }
            }
        }
    }

    private static func inline(_ inlines: [ArticleInline]) -> String {
        var out = ""
        for piece in inlines {
            switch piece {
            case .text(let text): out += text
            case .strong(let inner), .emphasis(let inner): out += inline(inner)
            case .lineBreak: out += "\n"
            case .link(let link, let inner): out += inline(inner) + " <" + link.target + ">"
            }
        }
        return out
    }
}
