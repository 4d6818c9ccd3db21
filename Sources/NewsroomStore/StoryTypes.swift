#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// A new draft as typed: text already normalised and checked by `EditorialText`.
public struct NewDraft: Sendable {
    public var headline: String
    public var section: SectionSlug
    public var dateline: String?
    public var body: String
    /// Who wrote it, when someone files it for another (default: the actor).
    public var author: Handle?

    public init(headline: String, section: SectionSlug, dateline: String?, body: String, author: Handle?) {
        self.headline = headline
        self.section = section
        self.dateline = dateline
        self.body = body
        self.author = author
    }
}

/// Fields an edit changes; nil leaves a field as it is.
public struct StoryChanges: Sendable {
    public var headline: String?
    public var section: SectionSlug?
    /// `.some(nil)` clears the dateline.
    public var dateline: String??
    public var body: String?

    public init(headline: String? = nil, section: SectionSlug? = nil, dateline: String?? = nil, body: String? = nil) {
        self.headline = headline
        self.section = section
        self.dateline = dateline
        self.body = body
    }

    public var isEmpty: Bool { headline == nil && section == nil && dateline == nil && body == nil }
}

/// What a transition needs beyond the story and the actor.
public struct TransitionRequest: Sendable {
    public var action: StoryAction
    public var ifVersion: Int?
    public var note: String?
    /// For `assign`.
    public var editor: Handle?
    /// For `schedule`.
    public var publishAt: Date?
    /// For `schedule`: not to be published before this time.
    public var embargoUntil: Date?
    /// For a publication or `set_expiry`: when the story comes off (nil with `set_expiry`: never).
    public var expireAt: Date?

    public init(
        _ action: StoryAction, ifVersion: Int? = nil, note: String? = nil, editor: Handle? = nil, publishAt: Date? = nil, embargoUntil: Date? = nil,
        expireAt: Date? = nil
    ) {
        self.expireAt = expireAt
        self.action = action
        self.ifVersion = ifVersion
        self.note = note
        self.editor = editor
        self.publishAt = publishAt
        self.embargoUntil = embargoUntil
    }
}

/// What happened, for the command to report.
public struct TransitionOutcome: Sendable {
    public var story: Story
    public var from: StoryStatus
    public var changed: Bool
}

/// Filters for `story list`.
public struct StoryFilter: Sendable {
    public var status: StoryStatus?
    public var section: SectionSlug?
    public var editor: Handle?
    public var author: Handle?
    /// Only stories last changed on this day of the newsroom's calendar (its time zone).
    public var day: NewsroomDay?
    /// Only stories taken from a wire item the agency has since killed.
    public var wireKilled = false
    public var limit: Int
    /// Continue after this story, in the listing's order (keyset paging).
    public var after: StoryID?

    public init(
        status: StoryStatus? = nil, section: SectionSlug? = nil, editor: Handle? = nil, author: Handle? = nil,
        day: NewsroomDay? = nil, limit: Int = 100, after: StoryID? = nil
    ) {
        self.status = status
        self.section = section
        self.editor = editor
        self.author = author
        self.day = day
        self.limit = limit
        self.after = after
    }
}
