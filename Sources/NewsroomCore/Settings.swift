/// Settings kept in the database (`newsroom config`).
public enum NewsroomSetting: String, Sendable, CaseIterable {
    case timezone
    /// How long a ticker line shows when neither --until nor --for is given.
    case tickerDuration = "ticker.duration"
    /// The reader site: the publisher's name (in JSON-LD, Open Graph, page titles).
    case siteName = "site.name"
    /// The site's language (`lang`, `inLanguage`) and writing direction (`dir`).
    case siteLanguage = "site.language"
    case siteDirection = "site.direction"
    /// Where readers reach the site: canonical links and JSON-LD are built from it.
    case siteBaseURL = "site.base_url"
    /// How many seconds browsers and caches in front may keep a page (`Cache-Control`).
    case siteMaxAge = "site.max_age"
    /// What a body's links to other sites tell search engines (`rel`), besides `noopener`.
    case siteExternalLinks = "site.external_links"
    /// How long an edit lease lasts unless renewed (`story edit ID` with the editor open).
    case editLease = "edit.lease"
    /// How many days the wire queue keeps an item no story was taken from.
    case wireRetention = "wire.retention"

    public var defaultValue: String {
        switch self {
        case .timezone: "UTC"
        case .tickerDuration: "1h"
        case .siteName: "Newsroom"
        case .siteLanguage: "ar"
        case .siteDirection: "rtl"
        case .siteBaseURL: "http://127.0.0.1:8080"
        case .siteMaxAge: "10"
        case .siteExternalLinks: ExternalLinks.follow.rawValue
        case .editLease: "10m"
        case .wireRetention: String(WireRules.defaultRetentionDays)
        }
    }

    public static func parse(_ text: String) throws(NewsroomError) -> NewsroomSetting {
        guard let key = NewsroomSetting(rawValue: text) else {
            throw .invalid("setting", "\"\(text)\" is not a setting; settings are: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return key
    }

    public static func notAZone(_ value: String) -> NewsroomError {
        .invalid("timezone", "\"\(value)\" is not a time zone; use an IANA name such as Asia/Baghdad or UTC")
    }

    /// The value as stored, or a refusal saying what the setting takes.
    public func validate(_ value: String) throws(NewsroomError) -> String {
        switch self {
        case .timezone:
            let trimmed = value.trimmingWhitespace()
            // The name's form here; whether PostgreSQL and this machine both know it, in the store.
            guard !trimmed.isEmpty, trimmed.contains("/") || trimmed == "UTC",
                  trimmed.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_+-/".unicodeScalars.contains($0)) }),
                  !trimmed.hasPrefix("/"), !trimmed.contains("..")
            else {
                throw NewsroomSetting.notAZone(value)
            }
            return trimmed
        case .tickerDuration:
            let trimmed = value.trimmingWhitespace()
            _ = try NewsroomTime.duration(trimmed, field: "ticker.duration", max: TickerRules.longestWindow)
            return trimmed
        case .siteName:
            return try EditorialText.line(value, .sectionName, field: rawValue)
        case .siteLanguage:
            let trimmed = value.trimmingWhitespace()
            guard SiteRules.isLanguageTag(trimmed) else {
                throw .invalid(rawValue, "\"\(value)\" is not a language tag; use one such as ar, en or ar-IQ")
            }
            return trimmed
        case .siteDirection:
            let trimmed = value.trimmingWhitespace()
            guard trimmed == "rtl" || trimmed == "ltr" else {
                throw .invalid(rawValue, "\"\(value)\" is not a direction; use rtl (right to left) or ltr")
            }
            return trimmed
        case .siteBaseURL:
            guard let url = SiteRules.baseURL(value) else {
                throw .invalid(rawValue, "\"\(value)\" is not a site address; use http:// or https://, a host, and an optional port and path, such as https://news.example.com")
            }
            return url
        case .siteExternalLinks:
            guard let links = ExternalLinks(rawValue: value.trimmingWhitespace()) else {
                throw .invalid(rawValue, "\"\(value)\" is not a choice; use one of \(ExternalLinks.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return links.rawValue
        case .editLease:
            let trimmed = value.trimmingWhitespace()
            _ = try NewsroomTime.duration(trimmed, field: rawValue, max: LeaseRules.longest)
            return trimmed
        case .wireRetention:
            return try WireRules.retention(value.trimmingWhitespace())
        case .siteMaxAge:
            let trimmed = value.trimmingWhitespace()
            guard let seconds = Digits.positiveInteger(trimmed) ?? (trimmed == "0" ? 0 : nil), seconds <= SiteRules.longestMaxAge else {
                throw .invalid(rawValue, "\"\(value)\" is not a number of seconds from 0 to \(SiteRules.longestMaxAge)")
            }
            return String(seconds)
        }
    }
}

/// How the reader site marks links that leave it (`site.external_links`): followed as any
/// link, or `nofollow` / `ugc` for search engines (Google's link attributes).
public enum ExternalLinks: String, Sendable, CaseIterable {
    case follow
    case nofollow
    case ugc
    case nofollowUGC = "nofollow ugc"

    /// The `rel` tokens besides `noopener`; nil for none.
    public var rel: String? { self == .follow ? nil : rawValue }
}
