import Foundation
import NewsroomCore
@testable import NewsroomSite
import Testing

/// The pages a change alters are pages the site serves: every path purged parses to a real
/// route (the purge list and the route table are one site, not two lists to keep in step).
@Suite("reader site: what a change purges")
struct PurgeTargetTests {
    static let story = ReaderChange(
        id: 7, kind: .story, storyID: StoryID(rawValue: 42), sections: [try! SectionSlug.parse("politics"), try! SectionSlug.parse("security")],
        publishedAt: Date(timeIntervalSince1970: 1_764_547_199), ticker: true)  // 2025-11-30T23:59:59Z

    @Test("every purged path is a route the site answers, and the story's own pages are among them")
    func pathsAreRoutes() throws {
        let changes = [Self.story, ReaderChange(id: 8, kind: .ticker, storyID: nil, sections: [], publishedAt: nil, ticker: true)]
        for change in changes {
            let paths = PurgeTargets.paths(for: change)
            #expect(Set(paths).count == paths.count)
            for path in paths {
                let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
                let route = try SiteRoute.parse(path: parts[0], query: parts.count > 1 ? parts[1] : nil)
                if case .notFound = route { Issue.record("\(path) is no page of the site") }
            }
        }
        let paths = PurgeTargets.paths(for: Self.story)
        for expected in ["/stories/42", "/api/v1/stories/42", "/api/v1/stories/42.ninjs", "/sections/politics", "/sections/security",
                         "/sitemaps/2025-11.xml", "/api/v1/ticker", "/feed.atom", "/sections/security/feed.rss"] {
            #expect(paths.contains(expected), "\(expected)")
        }
        #expect(PurgeTargets.paths(for: ReaderChange(id: 9, kind: .site, storyID: nil, sections: [], publishedAt: nil, ticker: false)) == ["/*"])
        #expect(PurgeTargets.paths(for: [Self.story, ReaderChange(id: 9, kind: .site, storyID: nil, sections: [], publishedAt: nil, ticker: true)]) == ["/*"])
    }

    @Test("the archive's month is the UTC month, also before 1970 and at the year's turn")
    func months() {
        #expect(PurgeTargets.month(Date(timeIntervalSince1970: 1_764_547_199)) == "2025-11")
        #expect(PurgeTargets.month(Date(timeIntervalSince1970: 1_764_547_200)) == "2025-12")
        #expect(PurgeTargets.month(Date(timeIntervalSince1970: -1)) == "1969-12")
        #expect(PurgeTargets.month(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01")
    }

    @Test("hook addresses: {url} and {path} as written before the query, percent-encoded in it")
    func hookURLs() {
        #expect(PurgeTargets.hookURL(template: "http://varnish:6081{path}", path: "/sections/politics", baseURL: "https://x.example")
                == "http://varnish:6081/sections/politics")
        #expect(PurgeTargets.hookURL(template: "https://cdn.example/purge?url={url}&p={path}", path: "/api/v1/stories?section=a", baseURL: "https://x.example/ar")
                == "https://cdn.example/purge?url=https%3A%2F%2Fx.example%2Far%2Fapi%2Fv1%2Fstories%3Fsection%3Da&p=%2Fapi%2Fv1%2Fstories%3Fsection%3Da")
    }
}
