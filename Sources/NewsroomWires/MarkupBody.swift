internal import CLibXML2
import NewsroomCore

/// An agency's marked-up body (XHTML, NITF's body.content, ninjs's HTML) read into the body
/// format's blocks: paragraphs, subheadings, quotations with who said it, lists, links, strong
/// and emphasis. What the format has no place for (a table, an image, an unknown element) gives
/// its text; what is never text (scripts, styles, NITF's repeated head) gives nothing. Whether
/// the blocks are a valid body is the core's to say (`WireRules.version`).
enum MarkupBody {
    static let skipped: Set<String> = ["script", "style", "head", "title", "body.head", "body.end", "hedline", "byline", "dateline",
                                       "img", "media", "object", "iframe", "noscript", "template", "svg", "math", "figcaption", "nitf-table-metadata"]
    static let headings: [String: Int] = ["h1": 2, "h2": 2, "hl1": 2, "hl2": 2, "h3": 3, "h4": 3, "h5": 3, "h6": 3]
    static let paragraphs: Set<String> = ["p", "pre", "address", "dd", "dt", "caption", "tr", "note", "credit"]
    static let strong: Set<String> = ["strong", "b"]
    static let emphasis: Set<String> = ["em", "i", "cite", "q"]

    static func blocks(_ node: XMLNode) -> [ArticleBlock] {
        var reader = Reader()
        reader.read(children: node.children)
        reader.flush()
        return reader.blocks
    }

    /// HTML as ninjs carries it (`body_html`, a `text/html` body): libxml2's HTML parser, no network.
    static func blocks(html: String) -> [ArticleBlock] {
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        XMLTree.ready
        let wrapped = "<div>" + html + "</div>"
        let bytes = Array(wrapped.utf8)
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32(buffer.count), "body.html", "UTF-8", options) }
        }) else {
            return [.paragraph([.text(html)])]
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return [] }
        return blocks(XMLNode(pointer: root))
    }

    struct Reader {
        var blocks: [ArticleBlock] = []
        var inlines: [ArticleInline] = []

        mutating func flush() {
            if inlines.contains(where: { if case .text(let t) = $0 { !t.trimmingWhitespace().isEmpty } else { true } }) {
                blocks.append(.paragraph(inlines))
            }
            inlines = []
        }

        mutating func read(children: [XMLNode]) {
            for child in children { read(child) }
        }

        mutating func read(_ node: XMLNode) {
            if node.isText { inlines.append(.text(node.ownText)); return }
            guard node.isElement else { return }
            let name = node.name.lowercased()
            if MarkupBody.skipped.contains(name) { return }
            if let level = MarkupBody.headings[name] {
                flush()
                blocks.append(.subheading(level: level, MarkupBody.inlines(node.children)))
            } else if MarkupBody.paragraphs.contains(name) {
                flush()
                inlines = MarkupBody.inlines(node.children)
                flush()
            } else if name == "blockquote" || name == "bq" {
                flush()
                blocks.append(MarkupBody.quotation(node))
            } else if name == "ul" || name == "ol" {
                flush()
                blocks.append(.list(MarkupBody.list(node, ordered: name == "ol")))
            } else if name == "br" {
                inlines.append(.lineBreak)
            } else if let inline = MarkupBody.inline(node, name: name) {
                inlines += inline
            } else {
                // A container (div, section, body.content, block, table…): its blocks in order.
                flush()
                read(children: node.children)
                flush()
            }
        }
    }

    /// Spans that only carry their words: the words, without the span.
    static let transparent: Set<String> = ["span", "font", "u", "small", "sub", "sup", "abbr", "time", "mark", "s", "del", "ins", "org",
                                           "person", "location", "money", "num", "chron", "event", "classifier", "object.title",
                                           "virtloc", "copyrite", "pronounce", "lang"]

    /// An inline element's text, or nil for an element that is not inline.
    static func inline(_ node: XMLNode, name: String) -> [ArticleInline]? {
        if strong.contains(name) { return [.strong(inlines(node.children))] }
        if emphasis.contains(name) { return [.emphasis(inlines(node.children))] }
        if transparent.contains(name) { return inlines(node.children) }
        if name == "a" {
            let words = inlines(node.children)
            // A link the format may not hold (mailto:, a relative address) keeps its words.
            guard let href = node.attribute("href")?.trimmingWhitespace(), ArticleLink.isAllowed(href) else { return words }
            return [.link(ArticleLink(target: href), words)]
        }
        return nil
    }

    static func inlines(_ nodes: [XMLNode]) -> [ArticleInline] {
        var out: [ArticleInline] = []
        for node in nodes {
            if node.isText { out.append(.text(node.ownText)); continue }
            guard node.isElement else { continue }
            let name = node.name.lowercased()
            if skipped.contains(name) { continue }
            if name == "br" { out.append(.lineBreak); continue }
            if let inline = inline(node, name: name) { out += inline } else { out += [.text(" ")] + inlines(node.children) + [.text(" ")] }
        }
        return out
    }

    static func quotation(_ node: XMLNode) -> ArticleBlock {
        var reader = Reader()
        var attribution: [ArticleInline]? = nil
        for child in node.children {
            let name = child.isElement ? child.name.lowercased() : ""
            if name == "credit" || name == "footer" || name == "cite" { attribution = inlines(child.children); continue }
            reader.read(child)
        }
        reader.flush()
        let paragraphs = reader.blocks.map { block -> [ArticleInline] in
            if case .paragraph(let inlines) = block { return inlines }
            return [.text(ArticleBody(blocks: [block]).visibleText)]
        }
        return .quotation(paragraphs, attribution: attribution)
    }

    static func list(_ node: XMLNode, ordered: Bool) -> ArticleList {
        let items = node.elements.filter { $0.name.lowercased() == "li" }.map { item -> [ArticleBlock] in
            var reader = Reader()
            reader.read(children: item.children)
            reader.flush()
            return reader.blocks
        }
        let start = node.attribute("start").flatMap { Int($0) }.map { max(0, min($0, 999_999_999)) } ?? 1
        return ArticleList(ordered: ordered, start: start, tight: true, items: items)
    }
}

