#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import NewsroomSite
import Synchronization

// What the responder keeps between requests: the routes of targets seen lately, and the
// settings of the last page made.

/// The routes of request targets seen lately, so that a page asked for again and again is not
/// parsed again and again. Bounded: forgotten all at once when full.
final class RouteMemo: Sendable {
    private let known = Mutex<[String: SiteRoute]>([:])
    static let capacity = 4096

    /// The route of a target (path and query), or nil for one the site answers otherwise
    /// (a refusal, /healthz, /metrics).
    func route(for target: String) -> SiteRoute? {
        if let route = known.withLock({ $0[target] }) { return route }
        let path: Substring, query: Substring?
        if let mark = target.firstIndex(of: "?") {
            path = target[..<mark]
            query = target[target.index(after: mark)...]
        } else {
            path = target[...]
            query = nil
        }
        guard path != "/healthz", path != "/metrics",
              let route = try? SiteRoute.parse(path: String(path), query: query.map(String.init)) else { return nil }
        known.withLock { known in
            if known.count >= Self.capacity { known.removeAll(keepingCapacity: true) }
            known[target] = route
        }
        return route
    }
}

/// The settings of the last page made (a class: a `Mutex` cannot be copied with the responder).
final class LatestSettings: Sendable {
    private let value: Mutex<SiteSettings>
    init(_ settings: SiteSettings) { value = Mutex(settings) }
    func withLock<T>(_ body: (inout SiteSettings) -> T) -> T { value.withLock { body(&$0) } }
}
