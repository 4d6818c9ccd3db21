import NewsroomCore

/// A story's body as markup other systems take: semantic HTML (each block `dir="auto"`, so a
/// paragraph takes the direction of its own first letters) or the plain text readers see.
/// A body of paragraphs and `## ` subheadings, as every body was before the format grew,
/// renders byte for byte as it did then: `<p dir="auto">…</p>` and `<h2 dir="auto">…</h2>`.
public struct ArticleHTML: Sendable {
    /// The `rel` of links that leave the site (`site.external_links`), besides `noopener`.
    public var externalRel: String?
    /// The photos a body may show, by number (a published story's, from the reader views): a
    /// photo block without one here shows nothing, so no page shows a photo without its words.
    public var photos: [MediaID: ReaderPhoto] = [:]
    /// Put before photos' paths: the site's address where the markup leaves the site (feeds, ninjs).
    public var mediaBase = ""

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
        case .photo(let block):
            guard let photo = photos[block.id] else { return }
            out.raw(figure(photo, alt: block.alt, lead: false))
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

    /// A photo as a `<figure>`: WebP and JPEG at every width for the browser to choose from,
    /// its size given (no layout shift), lazy unless it is the lead, its caption and credit.
    public func figure(_ photo: ReaderPhoto, alt: String? = nil, lead: Bool) -> String {
        let jpeg = photo.widths("jpeg"), webp = photo.widths("webp")
        guard let fallback = jpeg.last(where: { $0.width <= 1024 }) ?? jpeg.first else { return "" }
        func srcset(_ renditions: [ReaderRendition]) -> String {
            renditions.map { "\(mediaBase)\($0.path) \($0.width)w" }.joined(separator: ", ")
        }
        let sizes = "(max-width: 760px) 100vw, 720px"
        var out = HTML(capacity: 1024)
        out.raw(lead ? "<figure class=\"photo lead\">\n<picture>\n" : "<figure class=\"photo\">\n<picture>\n")
        if !webp.isEmpty { out.raw("<source type=\"image/webp\" srcset=\"\(HTML.escape(srcset(webp)))\" sizes=\"\(sizes)\">\n") }
        out.raw("<img src=\"\(HTML.escape(mediaBase + fallback.path))\" srcset=\"\(HTML.escape(srcset(jpeg)))\" sizes=\"\(sizes)\" ")
        out.raw("width=\"\(fallback.width)\" height=\"\(fallback.height)\" alt=\"")
        out.text(alt ?? photo.alt)
        out.raw(lead ? "\" fetchpriority=\"high\" decoding=\"async\">\n" : "\" loading=\"lazy\" decoding=\"async\">\n")
        out.raw("</picture>\n<figcaption dir=\"auto\">")
        if let caption = photo.caption { out.text(caption); out.raw(" ") }
        out.raw("<span class=\"credit\">"); out.text(photo.credit); out.raw("</span></figcaption>\n</figure>\n")
        return out.output
    }
}
