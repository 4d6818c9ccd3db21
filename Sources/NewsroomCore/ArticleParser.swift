import CCmark

/// cmark's tree, read into `ArticleBlock`s: the one place the newsroom meets the parser.
/// Strict (for writing), every construct the newsroom does not allow is refused with its line;
/// lenient (for reading stored bodies), it becomes its text. Recursion is bounded by the
/// nesting the newsroom allows; anything deeper is read flat, without recursing, so a body of
/// 10,000 nested quotations or a million `*` costs time linear in its length, never the stack.
struct ArticleParser {
    static let emphasisDepthLimit = 3

    let source: String
    let strict: Bool

    private enum Place { case top, quotation, list, nestedList }

    func parse() throws(BodyRefusal) -> ArticleBody {
        if strict {
            if let refusal = ArticleBody.unsafeConstruct(in: source) { throw refusal }
            try refuseTablesAndFootnotes()
        }
        let length = source.utf8.count
        let root: OpaquePointer? = source.withCString { cmark_parse_document($0, length, CMARK_OPT_DEFAULT) }
        guard let root else { return ArticleBody(blocks: [.paragraph([.text(source)])]) }
        defer { cmark_node_free(root) }
        var blocks: [ArticleBlock] = []
        var child = cmark_node_first_child(root)
        while let node = child {
            blocks += try self.blocks(node, place: .top)
            child = cmark_node_next(node)
        }
        if strict, ArticleBody(blocks: blocks).photos.isEmpty, ArticleBody(blocks: blocks).visibleText.unicodeScalars.allSatisfy(EditorialText.isInvisible) {
            throw BodyRefusal(.nothingVisible, line: 1)
        }
        return ArticleBody(blocks: blocks)
    }

    private func blocks(_ node: OpaquePointer, place: Place) throws(BodyRefusal) -> [ArticleBlock] {
        let line = Int(cmark_node_get_start_line(node))
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            return try paragraph(node, line: line, place: place)
        case CMARK_NODE_HEADING:
            var level = Int(cmark_node_get_heading_level(node))
            if strict {
                if place == .quotation { throw BodyRefusal(.blockInQuotation, line: line) }
                if place != .top { throw BodyRefusal(.blockInList, line: line) }
                if level == 1 { throw BodyRefusal(.topHeading, line: line) }
                if level > 3 { throw BodyRefusal(.deepHeading, line: line) }
                if cmark_node_get_end_line(node) > line { throw BodyRefusal(.underlinedHeading, line: line) }
            }
            level = min(max(level, 2), 3)
            let text = try lines(node, line: line, depth: 0).joined(separator: [.text(" ")]).map { $0 }
            return text.isEmpty ? [] : [.subheading(level: level, Array(text))]
        case CMARK_NODE_BLOCK_QUOTE:
            guard place == .top else {
                if strict { throw BodyRefusal(place == .quotation ? .nestedQuotation : .blockInList, line: line) }
                return flat(node).map { .paragraph([.text($0)]) }
            }
            return try quotation(node)
        case CMARK_NODE_LIST:
            if place == .quotation {
                if strict { throw BodyRefusal(.blockInQuotation, line: line) }
                return flat(node).map { .paragraph([.text($0)]) }
            }
            if place == .nestedList {
                if strict { throw BodyRefusal(.deepList, line: line) }
                return flat(node).map { .paragraph([.text($0)]) }
            }
            return try list(node, place: place)
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
            if strict { throw BodyRefusal(cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK ? .code : .rawHTML, line: line) }
            return literal(node).split(separator: "\n").map { .paragraph([.text(String($0))]) }
        case CMARK_NODE_THEMATIC_BREAK:
            if strict { throw BodyRefusal(.thematicBreak, line: line) }
            return []
        default:
            return []
        }
    }

    /// A paragraph's lines; a line that is only a photo of the library (`![alt](media:12)`) is a
    /// photo block, at the top of the body only.
    private func paragraph(_ node: OpaquePointer, line: Int, place: Place) throws(BodyRefusal) -> [ArticleBlock] {
        var blocks: [ArticleBlock] = []
        var start = cmark_node_first_child(node), lineNumber = line
        while start != nil {
            // One line: up to the next soft break.
            var end = start
            while let current = end, cmark_node_get_type(current) != CMARK_NODE_SOFTBREAK { end = cmark_node_next(current) }
            if let photo = photo(from: start, to: end) {
                if place != .top {
                    if strict { throw BodyRefusal(place == .quotation ? .blockInQuotation : .blockInList, line: lineNumber) }
                } else {
                    blocks.append(.photo(photo))
                }
            } else {
                blocks += try lines(from: start, to: end, line: lineNumber, depth: 0).map { .paragraph($0) }
            }
            start = end.flatMap { cmark_node_next($0) }
            lineNumber += 1
        }
        return blocks
    }

    /// The photo a line shows, if the line is one image of the library and white space.
    private func photo(from start: OpaquePointer?, to end: OpaquePointer?) -> ArticlePhoto? {
        var found: ArticlePhoto?
        var node = start
        while let current = node, current != end {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_IMAGE:
                guard found == nil, let id = ArticlePhoto.id(inTarget: String(cString: cmark_node_get_url(current))) else { return nil }
                let alt = String(Substring(flat(current).joined(separator: " ")).trimmedOfWhitespace())
                found = ArticlePhoto(id: id, alt: alt.isEmpty ? nil : alt)
            case CMARK_NODE_TEXT where Substring(literal(current)).trimmedOfWhitespace().isEmpty:
                break
            default:
                return nil
            }
            node = cmark_node_next(current)
        }
        return found
    }

    private func quotation(_ node: OpaquePointer) throws(BodyRefusal) -> [ArticleBlock] {
        var paragraphs: [[ArticleInline]] = []
        var child = cmark_node_first_child(node)
        while let inner = child {
            for block in try blocks(inner, place: .quotation) {
                if case .paragraph(let inlines) = block { paragraphs.append(inlines) }
            }
            child = cmark_node_next(inner)
        }
        var attribution: [ArticleInline]?
        if paragraphs.count > 1, let last = paragraphs.last, case .text(let first)? = last.first,
           let dash = first.unicodeScalars.first, dash == "\u{2014}" || dash == "\u{2015}" {
            var rest = last
            let name = Substring(first.unicodeScalars.dropFirst()).trimmedOfWhitespace()
            if name.isEmpty { rest.removeFirst() } else { rest[0] = .text(String(name)) }
            if !ArticleInline.text(rest).unicodeScalars.allSatisfy(EditorialText.isInvisible) {
                attribution = rest
                paragraphs.removeLast()
            }
        }
        return paragraphs.isEmpty ? [] : [.quotation(paragraphs, attribution: attribution)]
    }

    private func list(_ node: OpaquePointer, place: Place) throws(BodyRefusal) -> [ArticleBlock] {
        var items: [[ArticleBlock]] = []
        var item = cmark_node_first_child(node)
        while let current = item {
            var blocks: [ArticleBlock] = []
            var child = cmark_node_first_child(current)
            while let inner = child {
                blocks += try self.blocks(inner, place: place == .top ? .list : .nestedList)
                child = cmark_node_next(inner)
            }
            if !blocks.isEmpty { items.append(blocks) }
            item = cmark_node_next(current)
        }
        guard !items.isEmpty else { return [] }
        let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        return [.list(ArticleList(ordered: ordered, start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0, items: items))]
    }

    /// A container's inlines as lines: a soft line end starts a new one (the newsroom's rule),
    /// closing and reopening emphasis or a link that spans it. Each line trimmed; empty ones go.
    private func lines(_ node: OpaquePointer, line: Int, depth: Int) throws(BodyRefusal) -> [[ArticleInline]] {
        try lines(from: cmark_node_first_child(node), to: nil, line: line, depth: depth)
    }

    /// The inlines from `start` up to (not including) `end`, as lines.
    private func lines(from start: OpaquePointer?, to end: OpaquePointer?, line: Int, depth: Int) throws(BodyRefusal) -> [[ArticleInline]] {
        var result: [[ArticleInline]] = [[]]
        var child = start
        while let inline = child, inline != end {
            let here = line + result.count - 1
            switch cmark_node_get_type(inline) {
            case CMARK_NODE_TEXT:
                result[result.count - 1].append(.text(literal(inline)))
            case CMARK_NODE_SOFTBREAK:
                result.append([])
            case CMARK_NODE_LINEBREAK:
                result[result.count - 1].append(.lineBreak)
            case CMARK_NODE_CODE:
                if strict { throw BodyRefusal(.code, line: here) }
                result[result.count - 1].append(.text(literal(inline)))
            case CMARK_NODE_HTML_INLINE:
                if strict { throw BodyRefusal(.rawHTML, line: here) }
                result[result.count - 1].append(.text(literal(inline)))
            case CMARK_NODE_IMAGE:
                if strict {
                    let isPhoto = ArticlePhoto.id(inTarget: String(cString: cmark_node_get_url(inline))) != nil
                    throw BodyRefusal(isPhoto ? .photoNotAlone : .image, line: here)
                }
                append(flat(inline).map { [ArticleInline.text($0)] }, to: &result)
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK:
                guard depth < Self.emphasisDepthLimit else {
                    if strict { throw BodyRefusal(.deepEmphasis, line: here) }
                    append(flat(inline).map { [ArticleInline.text($0)] }, to: &result)
                    break
                }
                let inner = try lines(inline, line: here, depth: depth + 1)
                let type = cmark_node_get_type(inline)
                var wrap: ([ArticleInline]) -> ArticleInline = type == CMARK_NODE_EMPH ? { .emphasis($0) } : { .strong($0) }
                if type == CMARK_NODE_LINK {
                    let target = String(cString: cmark_node_get_url(inline))
                    if strict { try check(target, text: inner, line: here) }
                    if ArticleLink.isAllowed(target) {
                        wrap = { .link(ArticleLink(target: target), $0) }
                    } else {
                        append(inner, to: &result)
                        break
                    }
                }
                append(inner.map { $0.isEmpty ? [] : [wrap($0)] }, to: &result)
            default:
                break
            }
            child = cmark_node_next(inline)
        }
        return depth > 0 ? result : result.compactMap(trimmed)
    }

    private func check(_ target: String, text: [[ArticleInline]], line: Int) throws(BodyRefusal) {
        if !ArticleLink.isAllowed(target) {
            let scheme = ArticleLink.scheme(of: target)
            throw BodyRefusal(scheme != nil && scheme != "http" && scheme != "https" ? .linkScheme : .linkTarget, line: line)
        }
        if text.allSatisfy({ ArticleInline.text($0).unicodeScalars.allSatisfy(EditorialText.isInvisible) }) {
            throw BodyRefusal(.emptyLink, line: line)
        }
    }

    /// Lines appended to lines: the first continues the last one there, the rest follow.
    private func append(_ lines: [[ArticleInline]], to result: inout [[ArticleInline]]) {
        for (index, line) in lines.enumerated() {
            if index == 0 { result[result.count - 1] += line } else { result.append(line) }
        }
    }

    /// White space (Unicode's, as the first bodies' lines were trimmed) off both ends of a line.
    private func trimmed(_ line: [ArticleInline]) -> [ArticleInline]? {
        var line = line
        while case .text(let text)? = line.first {
            let kept = Substring(text).trimmedOfWhitespaceAtStart()
            if kept.isEmpty { line.removeFirst() } else { line[0] = .text(String(kept)); break }
        }
        while case .text(let text)? = line.last {
            let kept = Substring(text).trimmedOfWhitespaceAtEnd()
            if kept.isEmpty { line.removeLast() } else { line[line.count - 1] = .text(String(kept)); break }
        }
        while line.last == .lineBreak { line.removeLast() }
        return line.isEmpty ? nil : line
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// A subtree's text as lines, walked with cmark's iterator (no recursion, whatever the depth).
    private func flat(_ node: OpaquePointer) -> [String] {
        var lines = [""]
        guard let iterator = cmark_iter_new(node) else { return [] }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE: lines[lines.count - 1] += literal(current)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING: lines.append("")
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK: lines += literal(current).split(separator: "\n").map(String.init)
            default: break
            }
        }
        return lines.map { String(Substring($0).trimmedOfWhitespace()) }.filter { !$0.isEmpty }
    }
}
