import NewsroomCore

/// A story's body as markup other systems take: semantic HTML (each block `dir="auto"`, so a
/// paragraph takes the direction of its own first letters) or the plain text readers see.
/// A body of paragraphs and `## ` subheadings, as every body was before the format grew,
/// renders byte for byte as it did then: `<p dir="auto">…</p>` and `<h2 dir="auto">…</h2>`.
public struct ArticleHTML: Sendable {
    /// The `rel` of links that leave the site (`site.external_links`), besides `noopener`.
    public var externalRel: String?

    public init(externalLinks: ExternalLinks = .follow) {
        externalRel = externalLinks.rel
    }

    public init(settings: SiteSettings) {
        self.init(externalLinks: settings.externalLinks)
    }

    public func html(_ source: String) -> String { html(ArticleBody.reading(source)) }

    public func html(_ body: ArticleBody) -> String {
        var out = HTML(capacity: 4096)
        for block in body.blocks { write(block, to: &out) }
        return out.output
    }

    private func write(_ block: ArticleBlock, to out: inout HTML) {
        switch block {
        case .paragraph(let inlines):
            out.raw("<p dir=\"auto\">"); write(inlines, to: &out); out.raw("</p>\n")
        case .subheading(let level, let inlines):
            out.raw("<h\(level) dir=\"auto\">"); write(inlines, to: &out); out.raw("</h\(level)>\n")
        case .quotation(let paragraphs, let attribution):
            if attribution != nil { out.raw("<figure class=\"quotation\">\n") }
            out.raw("<blockquote>\n")
            for paragraph in paragraphs { out.raw("<p dir=\"auto\">"); write(paragraph, to: &out); out.raw("</p>\n") }
            out.raw("</blockquote>\n")
            if let attribution {
                out.raw("<figcaption dir=\"auto\">— "); write(attribution, to: &out); out.raw("</figcaption>\n</figure>\n")
            }
        case .list(let list):
            write(list, to: &out)
        }
    }

    private func write(_ list: ArticleList, to out: inout HTML) {
        let tag = list.ordered ? "ol" : "ul"
        out.raw(list.ordered && list.start != 1 ? "<ol dir=\"auto\" start=\"\(list.start)\">\n" : "<\(tag) dir=\"auto\">\n")
        for item in list.items {
            out.raw("<li>")
            for (index, block) in item.enumerated() {
                switch block {
                case .paragraph(let inlines) where list.tight:
                    if index > 0 { out.raw("<br>") }
                    write(inlines, to: &out)
                case .list(let inner):
                    out.raw("\n"); write(inner, to: &out)
                default:
                    out.raw("\n"); write(block, to: &out)
                }
            }
            out.raw("</li>\n")
        }
        out.raw("</\(tag)>\n")
    }

    private func write(_ inlines: [ArticleInline], to out: inout HTML) {
        for inline in inlines {
            switch inline {
            case .text(let text): out.text(text)
            case .strong(let inner): out.raw("<strong>"); write(inner, to: &out); out.raw("</strong>")
            case .emphasis(let inner): out.raw("<em>"); write(inner, to: &out); out.raw("</em>")
            case .lineBreak: out.raw("<br>")
            case .link(let link, let inner):
                // The core allowed the target; checked again here, as this is what a browser follows.
                guard ArticleLink.isAllowed(link.target) else { write(inner, to: &out); continue }
                let rel = link.isExternal ? ["noopener", externalRel].compactMap { $0 }.joined(separator: " ") : "noopener"
                out.raw("<a href=\"\(HTML.escape(link.target))\" rel=\"\(rel)\">"); write(inner, to: &out); out.raw("</a>")
            }
        }
    }
}
