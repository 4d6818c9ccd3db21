#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// What someone asks to do to a story, with what the rules need to decide it.
public struct StoryRequest: Sendable {
    public var action: StoryAction
    public var note: String?
    /// For `assign`, and `restore` with a new editor: the staff member named.
    public var assignee: StaffMember?
    /// For `schedule`.
    public var publishAt: Date?
    /// For `schedule`: an embargo set with it (the story may not be published before).
    public var embargoUntil: Date?
    /// For `set_expiry`, or a publication that sets it: when the story comes off (nil with
    /// `set_expiry`: it no longer expires).
    public var expireAt: Date?
    /// For `erase`: the reference of the order a chief gave.
    public var order: String?
    /// The database's clock when the request is decided (needed to schedule and publish).
    public var now: Date?
    /// The newsroom's time zone, to name times in refusals (UTC and ISO 8601 without it).
    public var time: NewsroomTime?

    public init(_ action: StoryAction, note: String? = nil, assignee: StaffMember? = nil, publishAt: Date? = nil, embargoUntil: Date? = nil,
                expireAt: Date? = nil, order: String? = nil, now: Date? = nil, time: NewsroomTime? = nil) {
        self.expireAt = expireAt
        self.order = order
        self.action = action
        self.note = note
        self.assignee = assignee
        self.publishAt = publishAt
        self.embargoUntil = embargoUntil
        self.now = now
        self.time = time
    }
}

/// What an action does to a story's row: its new status, the times it stamps, and what
/// becomes of a schedule (`Workflow.effects`).
public struct StoryEffects: Sendable, Equatable {
    public enum Stamp: Sendable, Hashable { case submitted, approved, published, withdrawn }
    public enum ScheduleChange: Sendable { case set, keep, clear }

    public var to: StoryStatus
    public var stamps: Set<Stamp>
    public var schedule: ScheduleChange
    /// What becomes of the time it expires (`.set` writes the request's, nil included).
    public var expiry: ScheduleChange = .keep
    /// What becomes of its embargo (`.set` writes the request's when it gives one).
    public var embargo: ScheduleChange = .keep
}

/// The facts about a story that the rules look at.
public struct StoryFacts: Sendable, Equatable {
    public var id: StoryID
    public var status: StoryStatus
    public var author: Handle
    public var editor: Handle?
    /// Whether the assigned editor is still on the active staff (true when there is none).
    public var editorActive: Bool
    /// The embargo it is under, if any.
    public var embargoUntil: Date?
    /// When it is scheduled to be published, if it is.
    public var publishAt: Date?
    /// Erased under an order: nothing more happens to it.
    public var erased = false
    /// The orders to erase it that chiefs have given (their references), for an admin to confirm.
    public var erasureOrders: [String] = []
    /// Someone's unexpired edit lease on it, if any (read with the story).
    public var lease: EditLease?

    public init(id: StoryID, status: StoryStatus, author: Handle, editor: Handle?, editorActive: Bool = true, embargoUntil: Date? = nil) {
        self.id = id
        self.status = status
        self.author = author
        self.editor = editor
        self.editorActive = editorActive
        self.embargoUntil = embargoUntil
    }
}
