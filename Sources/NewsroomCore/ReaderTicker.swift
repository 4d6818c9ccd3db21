#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
