#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// A person on the newsroom's staff.
public struct StaffMember: Sendable, Equatable {
    public var handle: Handle
    public var name: String
    public var role: Role
    public var active: Bool
    /// The PostgreSQL role this person connects as, if any.
    public var login: String?

    public init(handle: Handle, name: String, role: Role, active: Bool = true, login: String? = nil) {
        self.handle = handle
        self.name = name
        self.role = role
        self.active = active
        self.login = login
    }
}

/// A section of the paper: `politics`, shown as `سياسة`.
public struct Section: Sendable, Equatable {
    public var slug: SectionSlug
    public var name: String

    public init(slug: SectionSlug, name: String) {
        self.slug = slug
        self.name = name
    }
}

/// A story and where it is in its life.
public struct Story: Sendable, Equatable {
    public var id: StoryID
    public var headline: String
    public var section: SectionSlug
    public var dateline: String?
    public var body: String
    public var author: Handle
    public var editor: Handle?
    public var status: StoryStatus
    /// Goes up by one with every change, content or status: `--if-version` compares it.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var submittedAt: Date?
    public var approvedAt: Date?
    public var publishAt: Date?
    public var publishedAt: Date?
    public var withdrawnAt: Date?
    /// Not to be published before this time (`story publish --embargo-until`).
    public var embargoUntil: Date?
    /// When it comes off (the scheduler withdraws it then), and who set that; on an expired
    /// story, when it came off.
    public var expireAt: Date?
    public var expireBy: Handle?
    /// When its text was erased under an order (it changes no more).
    public var erasedAt: Date?
    /// Threads of notes still open on it, where a listing counted them (nil: not counted).
    public var openNotes: Int?

    public init(
        id: StoryID, headline: String, section: SectionSlug, dateline: String?, body: String,
        author: Handle, editor: Handle?, status: StoryStatus, version: Int,
        createdAt: Date, updatedAt: Date, submittedAt: Date? = nil, approvedAt: Date? = nil,
        publishAt: Date? = nil, publishedAt: Date? = nil, withdrawnAt: Date? = nil
    ) {
        self.id = id
        self.headline = headline
        self.section = section
        self.dateline = dateline
        self.body = body
        self.author = author
        self.editor = editor
        self.status = status
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.submittedAt = submittedAt
        self.approvedAt = approvedAt
        self.publishAt = publishAt
        self.publishedAt = publishedAt
        self.withdrawnAt = withdrawnAt
    }
}

/// One line of a story's append-only history.
public struct HistoryEntry: Sendable, Equatable {
    public var at: Date
    public var actor: String
    public var action: StoryAction
    public var fromStatus: StoryStatus?
    public var toStatus: StoryStatus
    public var version: Int
    public var note: String?
    /// For a schedule or a scheduled publication: the time it was set for.
    public var scheduledFor: Date?
    /// For a line that set an expiry, or the scheduler's `expire`: the time it was set for.
    public var expiresAt: Date?
    /// The PostgreSQL login that wrote the line, when it is not the actor's own (the owner or
    /// an admin acting for them, the scheduler's login); nil otherwise, and for lines older
    /// than the database's record of logins.
    public var login: String?

    public init(
        at: Date, actor: String, action: StoryAction, fromStatus: StoryStatus?, toStatus: StoryStatus,
        version: Int, note: String?, scheduledFor: Date? = nil, login: String? = nil
    ) {
        self.login = login
        self.at = at
        self.actor = actor
        self.action = action
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.version = version
        self.note = note
        self.scheduledFor = scheduledFor
    }
}

/// Who is acting in a command.
public enum Actor: Sendable, Equatable {
    /// A staff member (named with `--as`, or found by their PostgreSQL login).
    case staff(StaffMember)
    /// The role that owns the database, with no staff record: may set the newsroom up
    /// (staff, sections, settings) and nothing editorial.
    case databaseOwner(role: String)
    /// The scheduler publishing a scheduled story at its time, for whoever scheduled it.
    case scheduler

    /// How the actor appears in history and messages.
    public var name: String {
        switch self {
        case .staff(let member): member.handle.rawValue
        case .databaseOwner(let role): "owner:\(role)"
        case .scheduler: "scheduler"
        }
    }
}
