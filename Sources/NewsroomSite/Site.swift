#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import NewsroomStore
import NewsroomViews

/// An answer of the reader site, before HTTP: status, type and bytes. The server adds the
/// headers (validators, caching, compression, security) that every answer gets alike.
public struct SiteResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// The settings it was made with (language and name for the server's own error pages,
    /// max-age for its `Cache-Control`).
    public var settings: SiteSettings

    /// Set for an answer that never changes under its address (a photo): kept a year.
    public var cacheControl: String?

    public init(status: Int, contentType: String, body: String, settings: SiteSettings) {
        self.status = status
        self.contentType = contentType
        self.body = Array(body.utf8)
        self.settings = settings
    }

    public init(status: Int, contentType: String, bytes: [UInt8], settings: SiteSettings, cacheControl: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = bytes
        self.settings = settings
        self.cacheControl = cacheControl
    }

    /// What a content-addressed file may be kept for: a year, never revalidated.
    public static let immutable = "public, max-age=31536000, immutable"
}

/// The reader site: a route in, a response out, read through the store's published views.
/// Blocking (libpq): the server calls it off its event loops.
public struct Site: Sendable {
    /// `--base-url`: replaces the `site.base_url` setting in canonical links and JSON.
    public let baseURLOverride: String?

    public static let html = "text/html; charset=utf-8"
    public static let json = "application/json; charset=utf-8"
    public static let xml = "application/xml; charset=utf-8"

    /// Where the server listens: the base URL while `site.base_url` is not set.
    public let listening: ListeningAddress

    public init(baseURLOverride: String?, listening: ListeningAddress = ListeningAddress()) {
        self.baseURLOverride = baseURLOverride
        self.listening = listening
    }

    /// The answer to a route that needs no database (the stylesheet and the script).
    public static func asset(_ route: SiteRoute, settings: SiteSettings) -> SiteResponse? {
        switch route {
        case .stylesheet: SiteResponse(status: 200, contentType: "text/css; charset=utf-8", body: SiteAssets.stylesheet, settings: settings)
        case .script: SiteResponse(status: 200, contentType: "text/javascript; charset=utf-8", body: SiteAssets.script, settings: settings)
        default: nil
        }
    }

    /// The strip for the ticker stream: where it stands, and one Server-Sent Event carrying
    /// the same JSON as `/api/v1/ticker`, read on one snapshot.
    public func tickerEvent(from store: ReaderStore) throws -> (position: TickerStreamPosition, event: [UInt8]) {
        try store.snapshot {
            let position = try store.tickerPosition()
            let settings = try store.settings()
            let pages = writer(settings)
            let document = APIWriter(json: pages.json, baseURL: pages.baseURL).ticker(try store.ticker()).compact()
            return (position, Array("id: \(position)\nevent: ticker\ndata: \(document)\n\n".utf8))
        }
    }

    public func respond(to route: SiteRoute, from store: ReaderStore) throws -> SiteResponse {
        let settings = try store.settings()
        if let asset = Site.asset(route, settings: settings) { return asset }
        let pages = writer(settings)
        let api = APIWriter(json: pages.json, baseURL: pages.baseURL)
        func page(_ status: Int, _ html: String) -> SiteResponse {
            SiteResponse(status: status, contentType: Site.html, body: html, settings: settings)
        }
        func document(_ status: Int, _ value: JSON) -> SiteResponse {
            SiteResponse(status: status, contentType: Site.json, body: value.rendered() + "\n", settings: settings)
        }
        switch route {
        case .front:
            return page(200, pages.frontPage(ticker: try store.ticker(), sections: try store.sections(),
                                             front: try store.frontPage(perSection: SiteRules.frontPagePerSection)))
        case .section(let slug, let before):
            guard let section = try store.section(slug) else { return page(404, pages.notFoundPage()) }
            let limit = SiteRules.defaultListing
            let stories = try store.stories(section: slug, before: before, limit: limit + 1)
            return page(200, pages.sectionPage(section, stories: Array(stories.prefix(limit)),
                                               older: stories.count > limit ? stories[limit - 1].cursor : nil,
                                               ticker: try store.ticker(), sections: try store.sections()))
        case .media(let hash, let name, let format):
            switch try store.mediaFile(hash: hash, name: name, format: format) {
            case .found(let bytes):
                return SiteResponse(status: 200, contentType: ReaderRendition.mediaType(format), bytes: bytes,
                                    settings: settings, cacheControl: SiteResponse.immutable)
            case .gone: return page(410, pages.notFoundPage())
            case .notFound: return page(404, pages.notFoundPage())
            }
        case .story(let id):
            switch try store.story(id) {
            case .published(let story): return page(200, pages.storyPage(story, ticker: try store.ticker(), sections: try store.sections()))
            case .withdrawn(let at, _): return page(410, pages.withdrawnPage(id, at: at))
            case .notFound: return page(404, pages.notFoundPage())
            }
        case .apiStories(let section, let limit, let before):
            if let section, try store.section(section) == nil {
                return document(404, APIWriter.error(status: 404, parameter: "section", message: "there is no section \"\(section.rawValue)\""))
            }
            let stories = try store.stories(section: section, before: before, limit: limit + 1)
            var next: String?
            if stories.count > limit {
                var query = ["limit=\(limit)", "before=\(stories[limit - 1].cursor.text)"]
                if let section { query.insert("section=\(section.rawValue)", at: 0) }
                next = "/api/v1/stories?" + query.joined(separator: "&")
            }
            return document(200, api.listing(Array(stories.prefix(limit)), next: next))
        case .apiStory(let id):
            switch try store.story(id) {
            case .published(let story): return document(200, api.story(story))
            case .withdrawn(let at, _): return document(410, api.withdrawn(id, at: at))
            case .notFound: return document(404, Site.notFoundJSON)
            }
        case .apiStoryNinjs(let id):
            // A withdrawn story's document stays (canceled), so it is a 200 like a published one.
            guard let ninjs = NinjsWriter(settings: settings, baseURL: pages.baseURL).document(try store.story(id), id: id) else {
                return document(404, Site.notFoundJSON)
            }
            return document(200, ninjs)
        case .apiTicker, .apiTickerStream:  // a server streams the latter (`tickerEvent`)
            return document(200, api.ticker(try store.ticker()))
        case .apiSections:
            return document(200, api.sections(try store.sections()))
        case .search(let query):
            guard let query else { return page(200, pages.searchPage(nil, results: nil, sections: try store.sections())) }
            do {
                let parsed = try SearchQuery.parse(query)
                let results = try store.search(try SearchRequest(query: parsed, limit: SiteRules.defaultListing))
                return page(200, pages.searchPage(query, results: results, sections: try store.sections()))
            } catch let refusal as NewsroomError where refusal.kind == .invalidInput {
                return page(400, pages.badRequestPage(SiteRefusal(parameter: "q", message: refusal.message, api: false)))
            }
        case .apiSearch(let query, let limit):
            do {
                let parsed = try SearchQuery.parse(query)
                let results = try store.search(try SearchRequest(query: parsed, limit: min(limit, SearchRequest.maximumLimit)))
                return document(200, api.search(results, query: parsed))
            } catch let refusal as NewsroomError where refusal.kind == .invalidInput {
                return document(400, APIWriter.error(status: 400, parameter: "q", message: refusal.message))
            }
        case .feed(let slug, let format):
            var section: Section?
            if let slug {
                guard let found = try store.section(slug) else { return page(404, pages.notFoundPage()) }
                section = found
            }
            let feeds = FeedWriter(settings: settings, baseURL: pages.baseURL)
            let stories = try store.feed(section: slug, limit: SiteRules.feedLength)
            let path = (slug.map { "/sections/\($0.rawValue)" } ?? "") + (format == .atom ? "/feed.atom" : "/feed.rss")
            let now = Date()
            switch format {
            case .atom:
                let deleted = try store.recentlyWithdrawn(days: SiteRules.tombstoneDays)
                return SiteResponse(status: 200, contentType: "application/atom+xml; charset=utf-8",
                                    body: feeds.atom(stories, deleted: deleted, section: section, selfPath: path, now: now), settings: settings)
            case .rss:
                return SiteResponse(status: 200, contentType: "application/rss+xml; charset=utf-8",
                                    body: feeds.rss(stories, section: section, selfPath: path, now: now), settings: settings)
            }
        case .newsSitemap:
            let feeds = FeedWriter(settings: settings, baseURL: pages.baseURL)
            return SiteResponse(status: 200, contentType: Site.xml,
                                body: feeds.newsSitemap(try store.publishedSince(hours: 48, limit: 1000)), settings: settings)
        case .sitemapIndex:
            let feeds = FeedWriter(settings: settings, baseURL: pages.baseURL)
            return SiteResponse(status: 200, contentType: Site.xml, body: feeds.sitemapIndex(try store.archiveMonths()), settings: settings)
        case .sitemapMonth(let month):
            let stories = try store.archiveMonth(month)
            guard !stories.isEmpty else { return page(404, pages.notFoundPage()) }
            let feeds = FeedWriter(settings: settings, baseURL: pages.baseURL)
            return SiteResponse(status: 200, contentType: Site.xml, body: feeds.monthSitemap(stories), settings: settings)
        case .notFound(let isAPI):
            return isAPI ? document(404, Site.notFoundJSON) : page(404, pages.notFoundPage())
        case .stylesheet, .script:
            fatalError("answered above")
        }
    }

    /// A `400` for a parameter the site will not take, naming it.
    public func refusal(_ refusal: SiteRefusal, settings: SiteSettings) -> SiteResponse {
        if refusal.api {
            return SiteResponse(status: 400, contentType: Site.json,
                                body: APIWriter.error(status: 400, parameter: refusal.parameter, message: refusal.message).rendered() + "\n",
                                settings: settings)
        }
        return SiteResponse(status: 400, contentType: Site.html, body: writer(settings).badRequestPage(refusal), settings: settings)
    }

    /// A `503` while the database cannot be reached (and the page is not in memory).
    public func unavailable(api: Bool, settings: SiteSettings) -> SiteResponse {
        if api {
            return SiteResponse(status: 503, contentType: Site.json,
                                body: APIWriter.error(status: 503, parameter: nil, message: "the database cannot be reached; try again in a moment").rendered() + "\n",
                                settings: settings)
        }
        return SiteResponse(status: 503, contentType: Site.html, body: writer(settings).unavailablePage(), settings: settings)
    }

    private static let notFoundJSON = APIWriter.error(status: 404, parameter: nil, message: "nothing here")

    private func writer(_ settings: SiteSettings) -> PageWriter {
        PageWriter(settings: settings, baseURL: baseURLOverride ?? (settings.baseURLIsSet ? nil : listening.value) ?? settings.baseURL)
    }
}
