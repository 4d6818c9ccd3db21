#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a reader may see of the newsroom: published stories, that a story was withdrawn and
/// when, the ticker strip as it stands. Never an editor, a note or an earlier text.

/// A published story as readers get it.
public struct PublishedStory: Sendable, Equatable {
    public var id: StoryID
    public var section: Section
    public var headline: String
    public var dateline: String?
    public var body: String
    /// The byline: the author's name as the newsroom keeps it.
    public var authorName: String
    public var version: Int
    public var publishedAt: Date
    /// The last correction's time, or the publication's.
    public var modifiedAt: Date
    /// Corrections made after publication, oldest first.
    public var corrections: [Correction]

    public init(id: StoryID, section: Section, headline: String, dateline: String?, body: String, authorName: String,
                version: Int, publishedAt: Date, modifiedAt: Date, corrections: [Correction]) {
        self.id = id
        self.section = section
        self.headline = headline
        self.dateline = dateline
        self.body = body
        self.authorName = authorName
        self.version = version
        self.publishedAt = publishedAt
        self.modifiedAt = modifiedAt
        self.corrections = corrections
    }
}

/// A correction as readers are told of it: when, and the version it made.
public struct Correction: Sendable, Equatable {
    public var at: Date
    public var version: Int
    public init(at: Date, version: Int) {
        self.at = at
        self.version = version
    }
}

/// A published story in a listing: no body.
public struct StorySummary: Sendable, Equatable {
    public var id: StoryID
    public var section: Section
    public var headline: String
    public var dateline: String?
    public var authorName: String
    public var publishedAt: Date

    public init(id: StoryID, section: Section, headline: String, dateline: String?, authorName: String, publishedAt: Date) {
        self.id = id
        self.section = section
        self.headline = headline
        self.dateline = dateline
        self.authorName = authorName
        self.publishedAt = publishedAt
    }

    /// Where a listing that ended with this story goes on.
    public var cursor: ListingCursor { ListingCursor(publishedAt: publishedAt, id: id) }
}

/// What a reader who asks for a story id gets. Anything else (a draft, a story in review or
/// scheduled, a spiked one, an id never used) is `.notFound`: readers cannot tell them apart.
public enum ReaderStoryLookup: Sendable, Equatable {
    case published(PublishedStory)
    case withdrawn(at: Date, version: Int)
    case notFound
}

/// A line on the strip as readers see it now.
public struct TickerLine: Sendable, Equatable {
    public var id: TickerItemID
    public var text: String
    public var urgent: Bool
    public var startsAt: Date
    public var endsAt: Date
    /// The story it links to, while that story is published.
    public var storyID: StoryID?

    public init(id: TickerItemID, text: String, urgent: Bool, startsAt: Date, endsAt: Date, storyID: StoryID?) {
        self.id = id
        self.text = text
        self.urgent = urgent
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.storyID = storyID
    }

    /// The strip's order: urgent lines first, then the newest.
    public static func stripOrder(_ a: TickerLine, _ b: TickerLine) -> Bool {
        if a.urgent != b.urgent { return a.urgent }
        if a.startsAt != b.startsAt { return a.startsAt > b.startsAt }
        return a.id > b.id
    }
}

/// One change readers could see, from the database's durable record of them (numbered in
/// commit order): what a server follows, and what a purge worker tells the caches in front.
public struct ReaderChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A story published, corrected, moved or withdrawn.
        case story
        /// A ticker line scheduled.
        case ticker
        /// Something every page shows: a section's or a byline's name, a site setting, a
        /// ticker line cancelled, ended or changed.
        case site
    }

    public var id: Int64
    public var kind: Kind
    public var storyID: StoryID?
    /// The sections whose pages showed or show the story (two after a move).
    public var sections: [SectionSlug]
    /// When the story was first published (which month of the archive lists it).
    public var publishedAt: Date?
    /// Whether the live strip may read differently after it.
    public var ticker: Bool

    public init(id: Int64, kind: Kind, storyID: StoryID?, sections: [SectionSlug], publishedAt: Date?, ticker: Bool) {
        self.id = id
        self.kind = kind
        self.storyID = storyID
        self.sections = sections
        self.publishedAt = publishedAt
        self.ticker = ticker
    }
}

/// Where the live strip stands: the newest change that may have altered it and the newest
/// start or end of a line it has passed by the clock. Both only grow, so positions are
/// ordered, and every server (on the primary or a standby) names the same strip alike: the
/// ticker stream's event id, written `CHANGE-MICROSECONDS`.
public struct TickerStreamPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var change: Int64
    /// Microseconds since 1970 of the last boundary passed (0: none yet).
    public var boundary: Int64

    public init(change: Int64, boundary: Date?) {
        self.change = change
        self.boundary = boundary.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded()) } ?? 0
    }

    /// A `Last-Event-ID` as a client sends it back; nil for anything this server never wrote.
    public init?(eventID: String) {
        let parts = eventID.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 19 && $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let change = Int64(parts[0]), let boundary = Int64(parts[1])
        else { return nil }
        self.change = change
        self.boundary = boundary
    }

    public var description: String { "\(change)-\(boundary)" }

    public static func < (a: TickerStreamPosition, b: TickerStreamPosition) -> Bool {
        (a.change, a.boundary) < (b.change, b.boundary)
    }
}

/// Where a newest-first listing goes on: the last story shown, by publication time and id
/// (keyset paging; a story published or withdrawn meanwhile never shifts the pages).
/// Written in links as `MICROSECONDS-ID`.
public struct ListingCursor: Sendable, Hashable {
    public var publishedAt: Date
    public var id: StoryID

    public init(publishedAt: Date, id: StoryID) {
        self.publishedAt = publishedAt
        self.id = id
    }

    public var text: String {
        let micros = Int64((publishedAt.timeIntervalSince1970 * 1_000_000).rounded())
        return "\(micros)-\(id.rawValue)"
    }

    public static func parse(_ text: String, field: String = "before") throws(NewsroomError) -> ListingCursor {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 19 && $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let micros = Int64(parts[0]), let id = Int64(parts[1]), id > 0,
              micros <= Int64(NewsroomTime.latest.timeIntervalSince1970) * 1_000_000
        else {
            throw .invalid(field, "\"\(text)\" is not a place in a listing; use the value from an \"older\" link (MICROSECONDS-ID)")
        }
        return ListingCursor(publishedAt: Date(timeIntervalSince1970: Double(micros) / 1_000_000), id: StoryID(rawValue: id))
    }
}

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

    public init(zone: ZoneRules, name: String, language: String, direction: String, baseURL: String, maxAge: Int, baseURLIsSet: Bool = true) {
        self.zone = zone
        self.name = name
        self.language = language
        self.direction = direction
        self.baseURL = baseURL
        self.baseURLIsSet = baseURLIsSet
        self.maxAge = maxAge
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
            baseURLIsSet: stored(.siteBaseURL) != nil
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

/// A story's body as readers see it: paragraphs, and `## ` lines as subheadings.
public enum BodyBlock: Sendable, Equatable {
    case paragraph(String)
    case subheading(String)

    /// Blank lines and line ends both end a paragraph (reporters paste text with either);
    /// white space at either end of a line is dropped, the text itself is kept as written.
    /// Lines are cut on the UTF-8 bytes (`\n`, `\r`): a body is read in one pass, not
    /// character by character (an archive export reads a million of them).
    public static func blocks(of body: String) -> [BodyBlock] {
        var blocks: [BodyBlock] = []
        let utf8 = body.utf8
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        func take(_ end: String.UTF8View.Index) {
            guard lineStart < end else { return }
            let line = Substring(body.unicodeScalars[lineStart..<end]).trimmedOfWhitespace()
            if line.isEmpty { return }
            if line.utf8.starts(with: "## ".utf8) {
                let heading = line.dropFirst(3).trimmedOfWhitespace()
                if !heading.isEmpty { blocks.append(.subheading(String(heading))) }
            } else {
                blocks.append(.paragraph(String(line)))
            }
        }
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                take(index)
                lineStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        take(utf8.endIndex)
        return blocks
    }
}

extension Substring {
    /// Without Unicode White_Space at either end (as `String.trimmingWhitespace`), without copying.
    func trimmedOfWhitespace() -> Substring {
        var scalars = unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return Substring(scalars)
    }
}
