#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CivilTime
import NewsroomCore

/// Which of the site's addresses a change alters: what a cache in front (a CDN, Varnish,
/// nginx) must drop when it happens. Listings' later pages (`?before=`) and API variants with
/// other parameters are not named: they live by their max-age.
public enum PurgeTargets {
    /// Every page: a change every page shows (a section's or a byline's name, a site setting,
    /// a ticker line taken back). Caches that purge by prefix or wildcard read it so.
    public static let everything = "/*"

    /// What shows the strip on its own: told when a line starts or ends by the clock (no
    /// change is recorded then; every other page shows the strip too, and lives by its
    /// max-age, while open pages follow the ticker stream).
    public static let strip = ["/", "/api/v1/ticker"]

    /// The paths, each once, in a stable order.
    public static func paths(for change: ReaderChange) -> [String] {
        var paths: [String]
        switch change.kind {
        case .site:
            return [everything]
        case .ticker:
            paths = strip
        case .story:
            paths = []
            if let id = change.storyID?.rawValue {
                paths += ["/stories/\(id)", "/api/v1/stories/\(id)", "/api/v1/stories/\(id).ninjs"]
            }
            paths += ["/", "/api/v1/stories", "/feed.atom", "/feed.rss", "/sitemap-news.xml", "/sitemap.xml"]
            if let published = change.publishedAt { paths.append("/sitemaps/\(month(published)).xml") }
            for section in change.sections {
                let slug = section.rawValue
                paths += ["/sections/\(slug)", "/sections/\(slug)/feed.atom", "/sections/\(slug)/feed.rss",
                          "/api/v1/stories?section=\(slug)"]
            }
            if change.ticker { paths.append("/api/v1/ticker") }
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }

    /// The paths of several changes, each once: a worker that fell behind purges a page once,
    /// not once per change.
    public static func paths(for changes: [ReaderChange]) -> [String] {
        if changes.contains(where: { $0.kind == .site }) { return [everything] }
        var seen = Set<String>()
        return changes.flatMap(paths(for:)).filter { seen.insert($0).inserted }
    }

    /// The archive's month (UTC) that lists a story first published at `date`, as in
    /// `/sitemaps/YYYY-MM.xml`.
    static func month(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (year, month, _) = CivilDate.from(days: seconds.quotientFloor(86_400))
        let paddedYear = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return paddedYear + (month < 10 ? "-0" : "-") + String(month)
    }

    /// A hook's request address: `{url}` becomes the page's address (the base URL and the
    /// path), `{path}` the path alone; in the template's query (after `?`) both are
    /// percent-encoded, as a query value must be.
    public static func hookURL(template: String, path: String, baseURL: String) -> String {
        let url = baseURL + path
        func filled(_ part: Substring, url: String, path: String) -> String {
            String(part).replacing("{url}", with: url).replacing("{path}", with: path)
        }
        guard let mark = template.firstIndex(of: "?") else { return filled(template[...], url: url, path: path) }
        return filled(template[..<mark], url: url, path: path) + filled(template[mark...], url: encoded(url), path: encoded(path))
    }

    /// Percent-encoding of everything but RFC 3986's unreserved characters.
    static func encoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
