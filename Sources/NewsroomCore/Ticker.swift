#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// One line of the breaking-news strip ("آخر الأخبار"), shown during `[startsAt, endsAt)`.
public struct TickerItem: Sendable, Equatable {
    public var id: TickerItemID
    public var text: String
    public var urgent: Bool
    public var startsAt: Date
    public var endsAt: Date
    public var storyID: StoryID?
    public var createdBy: Handle
    public var createdAt: Date
    public var cancelledAt: Date?
    public var cancelledBy: Handle?
    public var cancelReason: String?
    /// Why it ended before its time (its story was withdrawn or spiked, say).
    public var endReason: String?

    public init(
        id: TickerItemID, text: String, urgent: Bool, startsAt: Date, endsAt: Date, storyID: StoryID?,
        createdBy: Handle, createdAt: Date, cancelledAt: Date? = nil, cancelledBy: Handle? = nil,
        cancelReason: String? = nil, endReason: String? = nil
    ) {
        self.id = id
        self.text = text
        self.urgent = urgent
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.storyID = storyID
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.cancelledAt = cancelledAt
        self.cancelledBy = cancelledBy
        self.cancelReason = cancelReason
        self.endReason = endReason
    }

    /// Where the item stands at `time`. From its cancellation on it never shows again;
    /// before that moment it stood as its window says ("what was on the strip at 14:30").
    public func state(at time: Date) -> TickerState {
        if let cancelledAt, cancelledAt <= time { return .cancelled }
        if time < startsAt { return .upcoming }
        if time < endsAt { return .live }
        return .ended
    }
}

public struct TickerItemID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: TickerItemID, b: TickerItemID) -> Bool { a.rawValue < b.rawValue }

    public static func parse(_ text: String) throws(NewsroomError) -> TickerItemID {
        guard let value = Digits.positiveInteger(text) else {
            throw .invalid("ticker item id", "\"\(text)\" is not a ticker item number; use a whole number from 1 to \(Int64.max)")
        }
        return TickerItemID(rawValue: value)
    }
}

public enum TickerState: String, Sendable, CaseIterable {
    case upcoming, live, ended, cancelled

    /// Only a line still to come or on the strip can be cancelled or extended.
    public var isOpen: Bool { self == .upcoming || self == .live }
}

/// Everything that can happen to a ticker line; stored in its history by the raw value.
public enum TickerAction: String, Sendable, CaseIterable {
    case schedule
    case cancel
    case extend
    /// Ended early because its story can no longer be linked (withdrawn, spiked, unscheduled).
    case end
}

/// The ticker's rules, in one place.
public enum TickerRules {
    /// 200 characters a reader sees.
    public static let textLimit = LineKind.tickerText.limit
    /// The longest window: a ticker line is news, not a notice board.
    public static let longestWindow: TimeInterval = 7 * 86_400
    /// Default window when neither --until nor --for is given, unless `ticker.duration` says otherwise.
    public static let defaultDuration: TimeInterval = 3600

    public static func text(_ input: String) throws(NewsroomError) -> String {
        try EditorialText.line(input, .tickerText)
    }

    /// Scheduling, cancelling and extending: editors and chiefs. Reading: anyone.
    public static func authorizeChange(by actor: Actor, doing what: String) throws(NewsroomError) {
        guard case .staff(let member) = actor else {
            if case .scheduler = actor { throw NewsroomError(.notAllowed, "the scheduler may not \(what)") }
            throw NewsroomError(.notAllowed, "who is acting? the database owner (\(actor.name)) has no staff record; pass --as HANDLE or set NEWSROOM_AS")
        }
        guard member.active else {
            throw NewsroomError(.notAllowed, "\(member.handle) is no longer active and can do nothing; ask an admin")
        }
        guard member.role.isEditorial else {
            throw NewsroomError(.notAllowed, "\(member.handle) (\(member.role.rawValue)) may not \(what): only editors and chiefs may")
        }
    }

    /// A window must end after it starts, may not start in the past, and is bounded.
    public static func checkWindow(startsAt: Date, endsAt: Date, now: Date) throws(NewsroomError) {
        // A minute's grace: "--from 18:27" typed at 18:27:40 means now.
        guard startsAt >= now.addingTimeInterval(-60) else {
            throw .invalid("from", "is in the past; leave --from out to start now, or give a later time")
        }
        guard endsAt > startsAt else {
            throw .invalid("until", "must be after the start; a window ends after it begins")
        }
        guard endsAt <= NewsroomTime.latest else {
            throw .invalid("until", "the line would end after the year 9999, the latest time the newsroom takes; give an earlier time")
        }
        guard endsAt.timeIntervalSince(startsAt) <= longestWindow else {
            throw .invalid("until", "the window is longer than \(Int(longestWindow / 86_400)) days; a ticker line is for news")
        }
    }

    /// Only a live or upcoming line can be cancelled.
    public static func checkCancel(_ item: TickerItem, now: Date) throws(NewsroomError) {
        let state = item.state(at: now)
        guard state.isOpen else {
            throw NewsroomError(.invalidState, "ticker item \(item.id) is \(state.rawValue); only a live or upcoming line can be cancelled")
        }
    }

    /// A live or upcoming line may run longer, within the window's rules; `describe` names
    /// a time in the newsroom's zone.
    public static func checkExtension(_ item: TickerItem, until: Date, now: Date, describe: (Date) -> String) throws(NewsroomError) {
        let state = item.state(at: now)
        guard state.isOpen else {
            throw NewsroomError(.invalidState, "ticker item \(item.id) is \(state.rawValue); schedule a new line instead")
        }
        guard until > item.endsAt else {
            throw NewsroomError.invalid("until", "must be later than the line's current end (\(describe(item.endsAt))); cancel it to end it early")
        }
        try checkWindow(startsAt: max(item.startsAt, now), endsAt: until, now: now)
        guard until.timeIntervalSince(item.startsAt) <= longestWindow else {
            throw NewsroomError.invalid("until", "the window would be longer than \(Int(longestWindow / 86_400)) days")
        }
    }

    /// A line may point only at a story that is published, or scheduled to be published
    /// no later than the line starts.
    public static func linkAllowed(status: StoryStatus, publishAt: Date?, itemStartsAt: Date) -> Bool {
        switch status {
        case .published: true
        case .scheduled: publishAt.map { $0 <= itemStartsAt } ?? false
        default: false
        }
    }

    public static func checkLink(story: StoryID, status: StoryStatus, publishAt: Date?, itemStartsAt: Date) throws(NewsroomError) {
        guard linkAllowed(status: status, publishAt: publishAt, itemStartsAt: itemStartsAt) else {
            if status == .scheduled {
                throw .invalid("story", "story \(story) is scheduled to publish after this line starts; start the line at or after its publication")
            }
            throw .invalid("story", "story \(story) is \(status.rawValue); a ticker line may link only to a published story, or one scheduled to publish before the line starts")
        }
    }
}
