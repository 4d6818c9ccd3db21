#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import NewsroomViews

// The parts every page is made of: the head, Open Graph and JSON-LD, the masthead, the
// ticker strip, listings and the footer.
extension PageWriter {
    func head(_ page: inout HTML, title: String, canonicalPath: String?, description: String?) {
        page.raw("<!DOCTYPE html>\n<html lang=\"\(HTML.escape(settings.language))\" dir=\"\(HTML.escape(settings.direction))\">\n<head>\n")
        page.raw("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        page.text(title)
        page.raw("</title>\n")
        if let description {
            page.raw("<meta name=\"description\" content=\""); page.text(description); page.raw("\">\n")
        }
        page.raw("<link rel=\"icon\" href=\"data:,\">\n")  // no favicon request
        page.raw("<link rel=\"stylesheet\" href=\"\(SiteAssets.stylesheetPath)\">\n<script src=\"\(SiteAssets.scriptPath)\" defer></script>\n")
        if let canonicalPath {
            page.raw("<link rel=\"canonical\" href=\""); page.text(baseURL + canonicalPath); page.raw("\">\n")
        }
    }

    func openGraph(_ page: inout HTML, _ story: PublishedStory, path: String, description: String?) {
        func property(_ name: String, _ value: String) {
            page.raw("<meta property=\"\(name)\" content=\""); page.text(value); page.raw("\">\n")
        }
        property("og:type", "article")
        property("og:title", story.headline)
        property("og:url", baseURL + path)
        property("og:site_name", settings.name)
        property("og:locale", settings.language.replacing("-", with: "_"))
        if let description { property("og:description", description) }
        property("article:published_time", time.isoSeconds(story.publishedAt))
        property("article:modified_time", time.isoSeconds(story.modifiedAt))
        property("article:section", story.section.name)
        if let photo = story.representativePhoto, let card = photo.rendition("social") {
            property("og:image", baseURL + card.path)
            property("og:image:type", card.mediaType)
            property("og:image:width", String(card.width))
            property("og:image:height", String(card.height))
            property("og:image:alt", photo.alt)
            page.raw("<meta name=\"twitter:card\" content=\"summary_large_image\">\n")
        }
    }

    func jsonLD(_ story: PublishedStory, path: String) -> JSON {
        .object([
            ("@context", .string("https://schema.org")),
            ("@type", .string("NewsArticle")),
            ("mainEntityOfPage", .string(baseURL + path)),
            ("url", .string(baseURL + path)),
            ("headline", .string(story.headline)),
            ("datePublished", .string(time.isoSeconds(story.publishedAt))),
            ("dateModified", .string(time.isoSeconds(story.modifiedAt))),
            ("author", .array([.object([("@type", .string("Person")), ("name", .string(story.authorName))])])),
            ("articleSection", .string(story.section.name)),
            ("inLanguage", .string(settings.language)),
            ("dateline", .string(story.dateline)),
            ("publisher", .object([("@type", .string("NewsMediaOrganization")), ("name", .string(settings.name)), ("url", .string(baseURL + "/"))])),
            // Three aspect ratios of the same photo, as search engines ask of an article.
            ("image", .array(["16x9", "4x3", "1x1"].compactMap { story.representativePhoto?.rendition($0) }.map { .string(baseURL + $0.path) })),
        ])
    }

    /// JSON inside a script element: `<`, `>` and `&` written as escapes, so no text can close
    /// the element or open a comment, and the JSON means the same.
    static func scriptSafe(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    func masthead(_ page: inout HTML, sections: [Section]) {
        page.raw("<header class=\"masthead\">\n<a class=\"site\" href=\"/\" dir=\"auto\">"); page.text(settings.name); page.raw("</a>\n")
        if !sections.isEmpty {
            page.raw("<nav aria-label=\"\(HTML.escape(words.sections))\"><ul>\n")
            for section in sections {
                page.raw("<li><a href=\"/sections/\(section.slug.rawValue)\" dir=\"auto\">"); page.text(section.name); page.raw("</a></li>\n")
            }
            page.raw("</ul></nav>\n")
        }
        page.raw("<a class=\"search-link\" href=\"/search\">\(HTML.escape(words.search))</a>\n")
        page.raw("</header>\n")
    }

    /// The strip: urgent lines first, each with its badge; a line links to its story while
    /// that story is published. There even when empty (hidden), for the site's script to fill
    /// from the ticker stream; it writes the badge from `data-urgent`. On a phone the list
    /// scrolls sideways a line at a time (the stylesheet), so it takes the keyboard's focus.
    func strip(_ page: inout HTML, _ ticker: [TickerLine]) {
        page.raw("<section class=\"ticker\" aria-labelledby=\"ticker-heading\" data-urgent=\"\(HTML.escape(words.urgent))\"\(ticker.isEmpty ? " hidden" : "")>\n")
        page.raw("<h2 id=\"ticker-heading\">\(HTML.escape(words.latestNews))</h2>\n<ul tabindex=\"0\" aria-labelledby=\"ticker-heading\">\n")
        for line in ticker {
            page.raw(line.urgent ? "<li class=\"urgent\"><strong class=\"badge\">\(HTML.escape(words.urgent))</strong>" : "<li>")
            if let story = line.storyID {
                page.raw("<a href=\"/stories/\(story.rawValue)\" dir=\"auto\">"); page.text(line.text); page.raw("</a>")
            } else {
                page.raw("<bdi>"); page.text(line.text); page.raw("</bdi>")
            }
            page.raw("</li>\n")
        }
        page.raw("</ul>\n</section>\n")
    }

    func listing(_ page: inout HTML, _ stories: [StorySummary], showSection: Bool) {
        guard !stories.isEmpty else { return }
        page.raw("<ul class=\"listing\">\n")
        for story in stories {
            page.raw("<li><a href=\"/stories/\(story.id.rawValue)\" dir=\"auto\">"); page.text(story.headline); page.raw("</a><br>\n")
            if let dateline = story.dateline {
                page.raw("<span class=\"dateline\"><bdi>"); page.text(dateline); page.raw("</bdi></span> | ")
            }
            page.raw("<time dir=\"ltr\" datetime=\"\(time.isoSeconds(story.publishedAt))\">\(time.dayMonthYear(story.publishedAt))</time></li>\n")
        }
        page.raw("</ul>\n")
    }

    func footer(_ page: inout HTML) {
        page.raw("<footer><a href=\"/\" dir=\"auto\">"); page.text(settings.name); page.raw("</a></footer>\n</body>\n</html>\n")
    }
}
