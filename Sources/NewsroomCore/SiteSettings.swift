#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The site's settings, each from `NewsroomSetting` (or its default).
public struct SiteSettings: Sendable, Equatable {
    public var zone: ZoneRules
    public var name: String
    public var language: String
    public var direction: String
    public var baseURL: String
    /// Whether `site.base_url` is set (else `baseURL` is its default, and a server uses the
    /// address it listens on).
    public var baseURLIsSet: Bool
    public var maxAge: Int
    public var externalLinks: ExternalLinks

    public init(
        zone: ZoneRules, name: String, language: String, direction: String, baseURL: String, maxAge: Int, baseURLIsSet: Bool = true,
        externalLinks: ExternalLinks = .follow
    ) {
        self.zone = zone
        self.name = name
        self.language = language
        self.direction = direction
        self.baseURL = baseURL
        self.baseURLIsSet = baseURLIsSet
        self.maxAge = maxAge
        self.externalLinks = externalLinks
    }

    /// From stored values by key; a missing or unreadable one takes its default.
    public init(values: [String: String]) {
        func stored(_ key: NewsroomSetting) -> String? { values[key.rawValue].flatMap { try? key.validate($0) } }
        func value(_ key: NewsroomSetting) -> String { stored(key) ?? key.defaultValue }
        self.init(
            zone: ZoneRules.named(value(.timezone)) ?? .utc,
            name: value(.siteName),
            language: value(.siteLanguage),
            direction: value(.siteDirection),
            baseURL: value(.siteBaseURL),
            maxAge: Int(value(.siteMaxAge)) ?? 10,
            baseURLIsSet: stored(.siteBaseURL) != nil,
            externalLinks: ExternalLinks(rawValue: value(.siteExternalLinks)) ?? .follow
        )
    }
}

/// The reader site's rules that are not settings of their own.
public enum SiteRules {
    /// A listing page or API answer holds at most this many stories.
    public static let longestListing = 100
    public static let defaultListing = 20
    /// Stories per section on the front page.
    public static let frontPagePerSection = 6
    public static let longestMaxAge = 86_400
    /// Entries in a feed (the newest).
    public static let feedLength = 50
    /// How long the Atom feed says a withdrawn story is gone (RFC 6721 `at:deleted-entry`).
    public static let tombstoneDays = 7

    public static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.utf8.count), first.utf8.allSatisfy({ (97...122).contains($0) }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.utf8.count) && part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        }
    }

    /// The address as stored (no trailing slash), or nil when it is not an http(s) address
    /// of a host, an optional port and an optional plain path (no query, no fragment).
    public static func baseURL(_ text: String) -> String? {
        var value = text.trimmingWhitespace()
        while value.hasSuffix("/") { value.removeLast() }
        let scheme: String
        if value.hasPrefix("https://") { scheme = "https://" } else if value.hasPrefix("http://") { scheme = "http://" } else { return nil }
        let rest = value.dropFirst(scheme.count)
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let hostPort = rest[..<hostEnd]
        let path = rest[hostEnd...]
        let hostParts = hostPort.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(hostParts.count), let host = hostParts.first, !host.isEmpty,
              host.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-") })
        else { return nil }
        if hostParts.count == 2 {
            let port = hostParts[1]
            guard (1...5).contains(port.utf8.count), port.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        }
        guard path.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._~%/-".unicodeScalars.contains($0)) }) else {
            return nil
        }
        return value
    }
}
