#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import NewsroomViews

/// Atom (RFC 4287) and RSS 2.0 feeds of the newest published stories, and the sitemaps
/// search engines read. Text is escaped as XML; a story's body is HTML (Atom `content
/// type="html"`, RSS `content:encoded`) in a `div` whose `dir` carries the direction (feed
/// readers strip `style`), its first paragraph the summary; language as `xml:lang` and `<language>`.
/// A withdrawn story leaves the feeds at once; the Atom feed says it is gone
/// (RFC 6721 `at:deleted-entry`) for `SiteRules.tombstoneDays` days.
public struct FeedWriter: Sendable {
    let settings: SiteSettings
    let baseURL: String
    let time: NewsroomTime
    let markup: ArticleHTML

    public init(settings: SiteSettings, baseURL: String? = nil) {
        self.settings = settings
        self.markup = ArticleHTML(settings: settings)
        self.baseURL = baseURL ?? settings.baseURL
        self.time = NewsroomTime(zone: settings.zone)
    }


    private func x(_ text: String) -> String { HTML.escape(text) }

    /// The body's HTML, in a `div` that says its direction; its photos at the site's address.
    private func html(_ body: ArticleBody, _ story: PublishedStory) -> String {
        var markup = markup
        markup.photos = story.photosByID
        markup.mediaBase = baseURL
        let lead = story.leadPhoto.map { markup.figure($0, lead: true) } ?? ""
        return "<div dir=\"\(settings.direction)\">\n" + lead + markup.html(body) + "</div>"
    }

    /// Media RSS (the namespace both Atom and RSS readers take): the story's photo, its largest
    /// JPEG, with its caption and credit.
    private func mediaContent(_ story: PublishedStory) -> String {
        guard let photo = story.representativePhoto, let file = photo.widths("jpeg").last else { return "" }
        var out = "<media:content url=\"\(x(baseURL + file.path))\" type=\"image/jpeg\" medium=\"image\" width=\"\(file.width)\" height=\"\(file.height)\">"
        if let caption = photo.caption { out += "<media:description type=\"plain\">\(x(caption))</media:description>" }
        out += "<media:credit>\(x(photo.credit))</media:credit><media:text type=\"plain\">\(x(photo.alt))</media:text></media:content>\n"
        return out
    }

    /// Atom's `summary`: the first paragraph, as readers see it (nothing when there is none).
    private func summary(_ body: ArticleBody) -> String {
        body.firstParagraphText.map { "<summary>\(x($0))</summary>\n" } ?? ""
    }

    func atom(_ stories: [PublishedStory], deleted: [(id: StoryID, at: Date)], section: Section?, selfPath: String, now: Date) -> String {
        let title = section.map { "\($0.name) — \(settings.name)" } ?? settings.name
        let home = baseURL + (section.map { "/sections/\($0.slug.rawValue)" } ?? "/")
        let updated = (stories.map(\.modifiedAt) + deleted.map(\.at)).max() ?? now
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="http://purl.org/atompub/tombstones/1.0" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="\(x(settings.language))">
            <id>\(x(home))</id>
            <title>\(x(title))</title>
            <updated>\(time.isoSeconds(updated))</updated>
            <link rel="self" type="application/atom+xml" href="\(x(baseURL + selfPath))"/>
            <link rel="alternate" type="text/html" href="\(x(home))"/>
            <author><name>\(x(settings.name))</name></author>

            """
        // Tombstones are extension elements: RFC 4287 has them among the feed's own elements,
        // before its entries.
        for gone in deleted {
            out += "<at:deleted-entry ref=\"\(x(baseURL + "/stories/\(gone.id.rawValue)"))\" when=\"\(time.isoSeconds(gone.at))\"/>\n"
        }
        for story in stories { out += entry(story, standalone: false) + "\n" }
        return out + "</feed>\n"
    }

    /// One entry; `standalone`: as a document of its own (`story export --format atom-entry`).
    func entry(_ story: PublishedStory, standalone: Bool) -> String {
        let url = baseURL + "/stories/\(story.id.rawValue)"
        let body = ArticleBody.reading(story.body)
        let open = standalone
            ? "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:media=\"http://search.yahoo.com/mrss/\" xml:lang=\"\(x(settings.language))\">"
            : "<entry>"
        return """
            \(open)
            <id>\(x(url))</id>
            <title>\(x(story.headline))</title>
            <published>\(time.isoSeconds(story.publishedAt))</published>
            <updated>\(time.isoSeconds(story.modifiedAt))</updated>
            <author><name>\(x(story.authorName))</name></author>
            <link rel="alternate" type="text/html" href="\(x(url))"/>
            <category term="\(x(story.section.slug.rawValue))" label="\(x(story.section.name))"/>
            \(summary(body))<content type="html">\(x(html(body, story)))</content>
            \(mediaContent(story))</entry>
            """
    }

    /// A story as an Atom document of its own, or nil when readers may not know of it.
    public func entryDocument(_ lookup: ReaderStoryLookup, id: StoryID) -> String? {
        switch lookup {
        case .published(let story): entry(story, standalone: true) + "\n"
        case .withdrawn(let at, _): deletedEntry(id, at: at) + "\n"
        case .notFound: nil
        }
    }

    /// A withdrawn story as an Atom document of its own: its tombstone (RFC 6721).
    func deletedEntry(_ id: StoryID, at: Date) -> String {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<at:deleted-entry xmlns:at=\"http://purl.org/atompub/tombstones/1.0\" ref=\"\(x(baseURL + "/stories/\(id.rawValue)"))\" when=\"\(time.isoSeconds(at))\"/>"
    }

    func rss(_ stories: [PublishedStory], section: Section?, selfPath: String, now: Date) -> String {
        let title = section.map { "\($0.name) — \(settings.name)" } ?? settings.name
        let home = baseURL + (section.map { "/sections/\($0.slug.rawValue)" } ?? "/")
        let built = stories.map(\.modifiedAt).max() ?? now
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
            <channel>
            <title>\(x(title))</title>
            <link>\(x(home))</link>
            <description>\(x(title))</description>
            <language>\(x(settings.language))</language>
            <lastBuildDate>\(time.rfc822(built))</lastBuildDate>
            <atom:link rel="self" type="application/rss+xml" href="\(x(baseURL + selfPath))"/>

            """
        for story in stories {
            let url = baseURL + "/stories/\(story.id.rawValue)"
            let body = ArticleBody.reading(story.body)
            out += """
                <item>
                <title>\(x(story.headline))</title>
                <link>\(x(url))</link>
                <guid isPermaLink="true">\(x(url))</guid>
                <pubDate>\(time.rfc822(story.publishedAt))</pubDate>
                <dc:creator>\(x(story.authorName))</dc:creator>
                <category>\(x(story.section.name))</category>
                <description>\(x(body.firstParagraphText ?? ""))</description>
                <content:encoded>\(x(html(body, story)))</content:encoded>
                \(mediaContent(story))</item>

                """
        }
        return out + "</channel>\n</rss>\n"
    }

    /// Google News: stories of the last two days, at most 1,000, with the publication's name
    /// and language and each story's time (W3C format with offset) and title.
    func newsSitemap(_ stories: [StorySummary]) -> String {
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">

            """
        for story in stories {
            out += """
                <url><loc>\(x(baseURL + "/stories/\(story.id.rawValue)"))</loc><news:news><news:publication><news:name>\(x(settings.name))</news:name><news:language>\(x(settings.language))</news:language></news:publication><news:publication_date>\(time.isoSeconds(story.publishedAt))</news:publication_date><news:title>\(x(story.headline))</news:title></news:news></url>

                """
        }
        return out + "</urlset>\n"
    }

    /// The archive: an index of monthly sitemaps.
    func sitemapIndex(_ months: [(month: String, modified: Date)]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (month, modified) in months {
            out += "<sitemap><loc>\(x(baseURL + "/sitemaps/\(month).xml"))</loc><lastmod>\(time.isoSeconds(modified))</lastmod></sitemap>\n"
        }
        return out + "</sitemapindex>\n"
    }

    func monthSitemap(_ stories: [(id: StoryID, modified: Date)]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (id, modified) in stories {
            out += "<url><loc>\(x(baseURL + "/stories/\(id.rawValue)"))</loc><lastmod>\(time.isoSeconds(modified))</lastmod></url>\n"
        }
        return out + "</urlset>\n"
    }
}
