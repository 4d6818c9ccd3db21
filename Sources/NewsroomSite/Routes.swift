import NewsroomCore

/// What a request asks for, decided from its path and query alone. Two requests with the same
/// route get the same answer, so the route is also the key of any cache in front of the site
/// (parameters it does not know, such as tracking tags, are not part of it).
public enum SiteRoute: Sendable, Hashable {
    case front
    case section(SectionSlug, before: ListingCursor?)
    case story(StoryID)
    case apiStories(section: SectionSlug?, limit: Int, before: ListingCursor?)
    case apiStory(StoryID)
    /// The story as IPTC ninjs (published, or canceled once withdrawn).
    case apiStoryNinjs(StoryID)
    case apiTicker
    /// The strip as Server-Sent Events: now, and again whenever it changes.
    case apiTickerStream
    case apiSections
    /// Published stories by their words: the page (a form when nothing was asked) and the API.
    /// The query is kept as typed; it was read (`SearchQuery.parse`) when the route was.
    case search(query: String?)
    case apiSearch(query: String, limit: Int)
    /// The newest published stories as a feed, the whole site's or a section's.
    case feed(section: SectionSlug?, format: FeedFormat)
    /// Google News's sitemap (the last two days), the archive's index, and a month of it.
    case newsSitemap
    case sitemapIndex
    case sitemapMonth(String)
    case stylesheet
    /// A photo's rendition at its content-addressed path: `/media/HASH-w640.webp`.
    case media(hash: String, name: String, format: String)
    case script
    /// Nothing lives there (or nothing a reader may know of): the one 404 of its kind.
    case notFound(api: Bool)

    public var isAPI: Bool {
        switch self {
        case .apiStories, .apiStory, .apiStoryNinjs, .apiTicker, .apiTickerStream, .apiSections, .apiSearch, .notFound(api: true): true
        default: false
        }
    }

    /// A name for metrics and logs, without ids (bounded label values).
    public var name: String {
        switch self {
        case .front: "front"
        case .section: "section"
        case .story: "story"
        case .apiStories: "api_stories"
        case .apiStory: "api_story"
        case .apiStoryNinjs: "api_story_ninjs"
        case .apiTicker: "api_ticker"
        case .apiTickerStream: "api_ticker_stream"
        case .apiSections: "api_sections"
        case .search: "search"
        case .apiSearch: "api_search"
        case .feed(_, .atom): "feed_atom"
        case .feed(_, .rss): "feed_rss"
        case .newsSitemap: "sitemap_news"
        case .sitemapIndex, .sitemapMonth: "sitemap"
        case .stylesheet, .script: "asset"
        case .media: "media"
        case .notFound: "not_found"
        }
    }

    /// Whether its answer may be kept in memory: not a search's, whose queries are as many as
    /// people can type.
    public var isKept: Bool {
        switch self {
        case .search, .apiSearch: false
        default: true
        }
    }

    /// The route for a path and its raw query (without the `?`), or a refusal naming the
    /// parameter that is wrong.
    public static func parse(path: String, query: String?) throws(SiteRefusal) -> SiteRoute {
        let api = path.hasPrefix("/api/")
        let parameters = try QueryParameters(query, api: api)
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        switch parts {
        case [""]:
            return .front
        case ["feed.atom"]:
            return .feed(section: nil, format: .atom)
        case ["feed.rss"]:
            return .feed(section: nil, format: .rss)
        case let p where p.count == 3 && p[0] == "sections" && (p[2] == "feed.atom" || p[2] == "feed.rss"):
            guard let slug = try? SectionSlug.parse(p[1]) else { return .notFound(api: false) }
            return .feed(section: slug, format: p[2] == "feed.atom" ? .atom : .rss)
        case ["sitemap-news.xml"]:
            return .newsSitemap
        case ["sitemap.xml"]:
            return .sitemapIndex
        case let p where p.count == 2 && p[0] == "sitemaps" && p[1].hasSuffix(".xml"):
            let month = String(p[1].dropLast(4))
            guard Self.isMonth(month) else { return .notFound(api: false) }
            return .sitemapMonth(month)
        case ["assets", "site.css"]:
            return .stylesheet
        case ["assets", "site.js"]:
            return .script
        case let p where p.count == 2 && p[0] == "media":
            guard let file = ReaderRendition.parsePath(Substring(p[1])) else { return .notFound(api: false) }
            return .media(hash: file.hash, name: file.name, format: file.format)
        case let p where p.count == 2 && p[0] == "sections":
            guard let slug = try? SectionSlug.parse(p[1]) else { return .notFound(api: false) }
            return .section(slug, before: try parameters.cursor())
        case let p where p.count == 2 && p[0] == "stories":
            guard let id = storyID(p[1]) else { return .notFound(api: false) }
            return .story(id)
        case ["api", "v1", "stories"]:
            var section: SectionSlug?
            if let text = try parameters.value("section") {
                do { section = try SectionSlug.parse(text) } catch { throw SiteRefusal(parameter: "section", message: error.message, api: true) }
            }
            return .apiStories(section: section, limit: try parameters.limit(), before: try parameters.cursor())
        case let p where p.count == 4 && p[0] == "api" && p[1] == "v1" && p[2] == "stories":
            if p[3].hasSuffix(".ninjs") {
                guard let id = storyID(String(p[3].dropLast(6))) else { return .notFound(api: true) }
                return .apiStoryNinjs(id)
            }
            guard let id = storyID(p[3]) else { return .notFound(api: true) }
            return .apiStory(id)
        case ["api", "v1", "ticker"]:
            return .apiTicker
        case ["api", "v1", "ticker", "stream"]:
            return .apiTickerStream
        case ["api", "v1", "sections"]:
            return .apiSections
        case ["search"]:
            guard let text = parameters.raw("q"), text.contains(where: { !$0.isWhitespace }) else { return .search(query: nil) }
            return .search(query: try searchQuery(text, api: false))
        case ["api", "v1", "search"]:
            guard let text = try parameters.value("q") else {
                throw SiteRefusal(parameter: "q", message: "is missing; say what to look for", api: true)
            }
            return .apiSearch(query: try searchQuery(text, api: true), limit: try parameters.limit())
        default:
            return .notFound(api: api)
        }
    }

    /// `YYYY-MM`, a month from 0001-01 to 9999-12.
    static func isMonth(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || (48...57).contains($0.element) }),
              let year = Int(text.prefix(4)), year >= 1, let month = Int(text.suffix(2)), (1...12).contains(month)
        else { return false }
        return true
    }

    /// A query as typed, once it reads as one (a refusal names `q` and says what is wrong).
    private static func searchQuery(_ text: String, api: Bool) throws(SiteRefusal) -> String {
        do { return try SearchQuery.parse(text).text } catch { throw SiteRefusal(parameter: "q", message: error.message, api: api) }
    }

    /// Only the canonical spelling of an id (ASCII digits, no leading zero): one story, one address.
    private static func storyID(_ text: String) -> StoryID? {
        guard !text.isEmpty, text.utf8.count <= 19, text.utf8.allSatisfy({ (48...57).contains($0) }), !text.hasPrefix("0"),
              let value = Int64(text) else { return nil }
        return StoryID(rawValue: value)
    }
}

public enum FeedFormat: Sendable, Hashable {
    case atom
    case rss
}

/// A request the site will not answer as asked: which parameter, and why (a `400`).
public struct SiteRefusal: Error, Sendable, Equatable {
    public var parameter: String
    public var message: String
    public var api: Bool

    public init(parameter: String, message: String, api: Bool) {
        self.parameter = parameter
        self.message = message
        self.api = api
    }
}

/// A query string, percent-decoded; a parameter given twice or badly encoded is refused.
struct QueryParameters {
    private var values: [String: String] = [:]
    private let api: Bool
    /// Bounded work: a query longer than this is refused before it is split.
    static let longestQuery = 1024

    init(_ query: String?, api: Bool) throws(SiteRefusal) {
        self.api = api
        guard let query, !query.isEmpty else { return }
        guard query.utf8.count <= Self.longestQuery else {
            throw SiteRefusal(parameter: "query", message: "the query is longer than \(Self.longestQuery) bytes", api: api)
        }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(halves[0]), let value = Self.decode(halves.count > 1 ? halves[1] : "") else {
                throw SiteRefusal(parameter: String(halves[0].prefix(40)), message: "is not validly percent-encoded", api: api)
            }
            guard values[name] == nil else {
                throw SiteRefusal(parameter: name, message: "is given more than once; give it once", api: api)
            }
            values[name] = value
        }
    }

    func value(_ name: String) throws(SiteRefusal) -> String? {
        guard let value = values[name] else { return nil }
        guard !value.isEmpty else { throw SiteRefusal(parameter: name, message: "is empty; give a value or leave it out", api: api) }
        return value
    }

    /// The value as given, empty or not.
    func raw(_ name: String) -> String? { values[name] }

    func cursor() throws(SiteRefusal) -> ListingCursor? {
        guard let text = try value("before") else { return nil }
        do { return try ListingCursor.parse(text) } catch { throw SiteRefusal(parameter: "before", message: error.message, api: api) }
    }

    func limit() throws(SiteRefusal) -> Int {
        guard let text = try value("limit") else { return SiteRules.defaultListing }
        guard text.utf8.count <= 3, text.utf8.allSatisfy({ (48...57).contains($0) }), let limit = Int(text),
              (1...SiteRules.longestListing).contains(limit) else {
            throw SiteRefusal(parameter: "limit", message: "\"\(text.prefix(40))\" is not a number from 1 to \(SiteRules.longestListing)", api: api)
        }
        return limit
    }

    /// `%XX` and `+` (a space, as forms send it); nil for a broken escape or bytes that are not UTF-8.
    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }
}
