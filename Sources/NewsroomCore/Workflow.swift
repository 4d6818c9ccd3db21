#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// Everything that can happen to a story; stored in history by its raw value.
public enum StoryAction: String, Sendable, CaseIterable, Codable {
    case create
    case edit
    /// An edit of a published story, with a note saying what was corrected.
    case correct
    case assign
    case submit
    case `return`
    case approve
    case publish
    /// Publication set for a later time (`story publish --at`).
    case schedule
    case unschedule
    /// Breaking news: straight to published by the chief, with a reason.
    case publishSkippingReview = "publish_skip_review"
    /// The scheduler publishing a scheduled story at its time.
    case publishScheduled = "publish_scheduled"
    case withdraw
    /// Setting (or cancelling) the time a published or scheduled story expires
    /// (`story expire ID --at T`, `story publish --expire-at T`).
    case setExpiry = "set_expiry"
    /// The scheduler taking a story off at the time set, for whoever set it: withdrawn,
    /// without a chief's reason (a withdrawal itself stays a chief's).
    case expire
    /// Erasing a story's text and every revision's under a court's or authority's order: a
    /// chief orders it (`story erase ID --order REF`), an admin confirms it (`--confirm`),
    /// which is this action. Published stories leave publication, others are spiked.
    case erase
    case spike
    case restore

    /// Actions that need a note saying why (a return, a correction, a breaking publication, a withdrawal).
    public var requiresNote: Bool {
        switch self {
        case .return, .correct, .publishSkippingReview, .withdraw: true
        default: false
        }
    }

    /// Actions whose history line records the time publication was set for.
    public var recordsScheduledTime: Bool { self == .schedule || self == .publishScheduled }

    /// Actions that may set when a story expires: publishing it (any way but by the
    /// scheduler, which keeps the time set with the schedule) and `story expire`.
    public var setsExpiry: Bool { [.publish, .schedule, .publishSkippingReview, .setExpiry].contains(self) }

    /// Actions whose history line records the time the story was set to expire at.
    public var recordsExpiryTime: Bool { setsExpiry || self == .expire }

    /// Actions only the scheduler performs, in the name of whoever asked for them.
    public var isTheSchedulers: Bool { self == .publishScheduled || self == .expire }

    /// How a person types it.
    public var command: String {
        switch self {
        case .create: "draft create"
        case .edit: "story edit"
        case .correct: "story edit --correction"
        case .publishSkippingReview: "story publish --skip-review"
        case .schedule: "story publish --at"
        case .publishScheduled, .expire: "scheduler"
        case .setExpiry: "story expire"
        case .erase: "story erase --confirm"
        default: "story \(rawValue)"
        }
    }
}

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

/// The lifecycle, in one place:
///
/// | action | from | to | who may |
/// | --- | --- | --- | --- |
/// | create | — | draft | reporter, editor, chief |
/// | edit | draft | draft | the author, editors, chief |
/// | edit | in_review | in_review | the assigned editor, chief |
/// | edit | approved, scheduled | in_review | the assigned editor, chief |
/// | correct | published | published | editor, chief |
/// | assign | draft, in_review | same | editor, chief |
/// | submit | draft | in_review | the author, editors, chief; needs an assigned editor |
/// | return | in_review | draft | the assigned editor, chief |
/// | approve | in_review | approved | the assigned editor or chief, never the author |
/// | publish | approved | published | editor, chief |
/// | schedule | approved | scheduled | editor, chief |
/// | unschedule | scheduled | approved | editor, chief |
/// | publish_skip_review | draft, in_review | published | chief |
/// | publish_scheduled | scheduled | published | the scheduler, for whoever scheduled it |
/// | withdraw | published | withdrawn | chief |
/// | set_expiry | scheduled, published | same | editor, chief |
/// | expire | published | withdrawn | the scheduler, for whoever set the expiry |
/// | erase | published, withdrawn | withdrawn | an admin, confirming a chief's order |
/// | erase | draft, in_review, approved, scheduled, spiked | spiked | an admin, confirming a chief's order |
/// | spike | draft, in_review, approved | spiked | editor, chief |
/// | restore | spiked | draft | editor, chief |
public enum Workflow {
    /// Where `action` takes a story in `status`, or nil when it cannot happen there.
    public static func target(of action: StoryAction, from status: StoryStatus?) -> StoryStatus? {
        switch (action, status) {
        case (.create, nil): .draft
        case (.edit, .draft?): .draft
        case (.edit, .inReview?), (.edit, .approved?), (.edit, .scheduled?): .inReview
        case (.correct, .published?): .published
        case (.assign, .draft?): .draft
        case (.assign, .inReview?): .inReview
        case (.submit, .draft?): .inReview
        case (.return, .inReview?): .draft
        case (.approve, .inReview?): .approved
        case (.publish, .approved?): .published
        case (.schedule, .approved?): .scheduled
        case (.unschedule, .scheduled?): .approved
        case (.publishSkippingReview, .draft?), (.publishSkippingReview, .inReview?): .published
        case (.publishScheduled, .scheduled?): .published
        case (.withdraw, .published?): .withdrawn
        case (.setExpiry, .scheduled?): .scheduled
        case (.setExpiry, .published?): .published
        case (.expire, .published?): .withdrawn
        case (.erase, .published?), (.erase, .withdrawn?): .withdrawn
        case (.erase, .draft?), (.erase, .inReview?), (.erase, .approved?), (.erase, .scheduled?), (.erase, .spiked?): .spiked
        case (.spike, .draft?), (.spike, .inReview?), (.spike, .approved?): .spiked
        case (.restore, .spiked?): .draft
        default: nil
        }
    }

    /// Every (action, from, to) the table allows, `from` nil for `create`: the list the
    /// database's `story_actions` table holds (a test keeps them equal).
    public static var actionTable: [(action: StoryAction, from: StoryStatus?, to: StoryStatus)] {
        var rows: [(StoryAction, StoryStatus?, StoryStatus)] = []
        for action in StoryAction.allCases {
            for from in [nil] + StoryStatus.allCases.map(Optional.some) {
                if let to = target(of: action, from: from) { rows.append((action, from, to)) }
            }
        }
        return rows
    }

    /// What an action does to a story besides its status: which times it stamps and what
    /// becomes of a schedule. The store writes exactly this; nothing decides it in SQL.
    public static func effects(of action: StoryAction, from status: StoryStatus?) -> StoryEffects? {
        guard let to = target(of: action, from: status) else { return nil }
        var stamps: Set<StoryEffects.Stamp> = []
        if action == .submit { stamps.insert(.submitted) }
        if action == .approve { stamps.insert(.approved) }
        if to == .published && status != .published { stamps.insert(.published) }
        if to == .withdrawn && status != .withdrawn { stamps.insert(.withdrawn) }
        // A schedule is set by scheduling; publication, a correction and a withdrawal keep
        // when and by whom it was set; anything else (unscheduling, back to review) clears it.
        let schedule: StoryEffects.ScheduleChange =
            action == .schedule ? .set : [.scheduled, .published, .withdrawn].contains(to) ? .keep : .clear
        // An expiry is set by the actions that may set it; it lasts while the story is
        // scheduled or published, and stays on an expired story as the time it came off.
        let expiry: StoryEffects.ScheduleChange =
            action.setsExpiry ? .set : action == .expire || [.scheduled, .published].contains(to) ? .keep : .clear
        // An embargo comes with a schedule and holds until the story is out; a withdrawal
        // drops it (a withdrawn story is published no more, so nothing is left to hold back).
        let embargo: StoryEffects.ScheduleChange = to == .withdrawn ? .clear : action == .schedule ? .set : .keep
        return StoryEffects(to: to, stamps: stamps, schedule: schedule, expiry: expiry, embargo: embargo)
    }

    /// Everything the rules check before `action` happens to `story` (nil for `create`):
    /// who acts, the state, the note, the editor to assign and the time to publish at.
    /// Returns what the action will do.
    public static func decide(_ request: StoryRequest, story: StoryFacts?, by actor: Actor) throws(NewsroomError) -> StoryEffects {
        let action = request.action
        var facts = story
        if action == .assign || request.assignee != nil {
            guard let assignee = request.assignee else {
                throw NewsroomError.invalid("editor", "name the editor to assign with --editor HANDLE")
            }
            try checkAssignee(assignee, for: story)
            facts?.editor = assignee.handle
            facts?.editorActive = true
        }
        _ = try authorize(action, story: facts, by: actor)
        if action.requiresNote && (request.note ?? "").isEmpty {
            throw NewsroomError.invalid(action == .correct ? "correction" : action == .return ? "note" : "reason", "\(action.command) needs a note saying why")
        }
        func human(_ date: Date) -> String { request.time.map { $0.human(date) } ?? NewsroomTime(zone: .utc).iso(date) }
        if action == .schedule {
            guard let at = request.publishAt else { throw NewsroomError.invalid("at", "give the time to publish") }
            guard let now = request.now, at > now else {
                throw NewsroomError.invalid("at", "\(human(at)) is in the past; publish now with story publish\(story.map { " \($0.id)" } ?? ""), or give a later time")
            }
        }
        if request.embargoUntil != nil && action != .schedule {
            throw NewsroomError.invalid("embargo-until", "an embargo goes with a schedule: story publish ID --embargo-until T [--at A]")
        }
        if let expiry = request.expireAt {
            let field = action == .setExpiry ? "at" : "expire-at"
            guard action.setsExpiry else {
                throw NewsroomError.invalid(field, "an expiry goes with a publication or story expire ID --at T")
            }
            guard let now = request.now, expiry > now else {
                throw NewsroomError.invalid(field, "\(human(expiry)) is in the past; give a later time")
            }
            let published = action == .schedule ? request.publishAt : action == .setExpiry ? story?.publishAt : nil
            if let published, story?.status != .published, expiry <= published {
                throw NewsroomError.invalid(field, "\(human(expiry)) is not after its publication (\(human(published))); give a later time")
            }
            if let embargo = request.embargoUntil ?? story?.embargoUntil, expiry <= embargo, story?.status != .published {
                throw NewsroomError.invalid(field, "\(human(expiry)) is not after the embargo (\(human(embargo))); give a later time")
            }
        }
        // An embargo: nothing publishes the story before it, and a schedule is at or after it.
        if let embargo = request.embargoUntil ?? story?.embargoUntil {
            if action == .schedule, let at = request.publishAt, at < embargo {
                throw NewsroomError.invalid("at", "\(human(at)) is before the embargo (\(human(embargo))); publish at \(human(embargo)) or later")
            }
            if action == .publish || action == .publishSkippingReview, let now = request.now, now < embargo {
                throw NewsroomError(.invalidState, "story \(story.map { "\($0.id)" } ?? "") is under embargo until \(human(embargo)); "
                    + "schedule it for then: story publish \(story.map { "\($0.id)" } ?? "ID") --at \"\(human(embargo))\"")
            }
        }
        if action == .erase, let story, !story.erasureOrders.contains(request.order ?? "") {
            let given = story.erasureOrders.map { "\"\($0)\"" }.joined(separator: ", ")
            throw NewsroomError(.invalidState, "no order \(request.order.map { "\"\($0)\"" } ?? "") to erase story \(story.id) has been given; "
                + "a chief gives it first: story erase \(story.id) --order REF" + (given.isEmpty ? "" : " (given: \(given))"))
        }
        guard let effects = effects(of: action, from: story?.status) else { throw stateRefusal(action, story: story) }
        return effects
    }

    /// Ordering a story's erasure (the first of its two people): an active chief, of a story
    /// not erased yet. An admin then confirms it (`erase`).
    public static func authorizeErasureOrder(story: StoryFacts, by actor: Actor) throws(NewsroomError) {
        if story.erased { throw erasedRefusal(story) }
        guard case .staff(let member) = actor, member.active, member.role == .chief else {
            throw NewsroomError(.notAllowed, "\(actor.name) may not order story \(story.id)'s erasure: only an active chief may; an admin then confirms it")
        }
    }

    static func erasedRefusal(_ story: StoryFacts) -> NewsroomError {
        NewsroomError(.invalidState, "story \(story.id) was erased under an order; nothing more can be done to it")
    }

    /// Filing a draft: the actor may create drafts, and one filed for someone else
    /// (`forAnother`) is an editor's or chief's job.
    public static func authorizeDraft(forAnother: Bool, by actor: Actor) throws(NewsroomError) {
        _ = try authorize(.create, story: nil, by: actor)
        guard forAnother else { return }
        guard case .staff(let member) = actor, member.role.isEditorial else {
            throw NewsroomError(.notAllowed, "--author: only editors and chiefs may file a draft for someone else")
        }
    }

    /// Who a draft is filed for must be an active reporter, editor or chief.
    public static func checkAuthor(_ author: StaffMember) throws(NewsroomError) {
        guard author.active, author.role.writes else {
            throw NewsroomError(.invalidInput, "author: \(author.handle) is not an active reporter, editor or chief")
        }
    }

    /// The actions a story in `status` allows (for anyone), in the table's order.
    public static func actions(from status: StoryStatus) -> [StoryAction] {
        // Erasure is the law's, not the desk's: never offered as a next step.
        StoryAction.allCases.filter { $0 != .create && $0 != .erase && target(of: $0, from: status) != nil }
    }

    /// Every status change the table allows: the database refuses all others.
    public static var allowedMoves: Set<Move> {
        var moves: Set<Move> = []
        for action in StoryAction.allCases {
            for status in StoryStatus.allCases {
                if let to = target(of: action, from: status), to != status { moves.insert(Move(from: status, to: to)) }
            }
        }
        return moves
    }

    public struct Move: Hashable, Sendable {
        public let from: StoryStatus
        public let to: StoryStatus

        public init(from: StoryStatus, to: StoryStatus) {
            self.from = from
            self.to = to
        }
    }

    /// Decides whether `actor` may do `action` to `story` (nil for `create`), and where
    /// it leads. Refusals say what is wrong and what can be done instead.
    public static func authorize(_ action: StoryAction, story: StoryFacts?, by actor: Actor) throws(NewsroomError) -> StoryStatus {
        if case .scheduler = actor {
            // The scheduler acts for whoever scheduled (or set to expire) the story, and does only that.
            guard action.isTheSchedulers else {
                throw NewsroomError(.notAllowed, "the scheduler only publishes scheduled stories and takes expiring ones off, at their time")
            }
            guard let to = target(of: action, from: story?.status) else { throw stateRefusal(action, story: story) }
            return to
        }
        guard case .staff(let member) = actor else {
            throw NewsroomError(.notAllowed, "who is acting? the database owner (\(actor.name)) has no staff record; pass --as HANDLE or set NEWSROOM_AS")
        }
        guard member.active else {
            throw NewsroomError(.notAllowed, "\(member.handle) is no longer active and can do nothing; ask an admin")
        }
        if let story, story.erased { throw erasedRefusal(story) }
        guard let to = target(of: action, from: story?.status) else {
            throw stateRefusal(action, story: story)
        }
        try permit(action, story: story, member: member)
        return to
    }

    static func stateRefusal(_ action: StoryAction, story: StoryFacts?) -> NewsroomError {
        guard let story else { return NewsroomError(.invalidState, "\(action.command) needs a story") }
        let possible = actions(from: story.status).map(\.command)
        var message = "story \(story.id) is \(story.status.rawValue): \(action.command) cannot be done from there"
        if action == .edit && story.status == .published {
            message = "story \(story.id) is published: an edit now is a correction; use story edit --correction NOTE"
        } else if action == .correct {
            message = "story \(story.id) is \(story.status.rawValue), not published: edit it without --correction"
        }
        return NewsroomError(.invalidState, possible.isEmpty ? message + "; nothing can be done from \(story.status.rawValue)" : message + "; from \(story.status.rawValue): \(possible.joined(separator: ", "))")
    }

    private static func permit(_ action: StoryAction, story: StoryFacts?, member: StaffMember) throws(NewsroomError) {
        let who = "\(member.handle) (\(member.role.rawValue))"
        let isAuthor = story?.author == member.handle
        let isAssignedEditor = story?.editor != nil && story?.editor == member.handle
        let isChief = member.role == .chief
        func refuse(_ rule: String) -> NewsroomError {
            NewsroomError(.notAllowed, "\(who) may not \(action.command.replacing("story ", with: "")) story\(story.map { " \($0.id)" } ?? ""): \(rule)")
        }
        let assignedRule = "only its assigned editor (\(story?.editor?.rawValue ?? "none assigned")) or a chief may"
        switch action {
        case .create:
            guard member.role.writes else { throw NewsroomError(.notAllowed, "\(who) may not create drafts: reporters, editors and chiefs may") }
        case .edit:
            if story?.status == .draft {
                guard isAuthor || member.role.isEditorial else { throw refuse("only its author (\(story!.author)), an editor or a chief may") }
            } else {
                guard isAssignedEditor || isChief else { throw refuse(assignedRule) }
            }
        case .submit:
            guard isAuthor || member.role.isEditorial else { throw refuse("only its author (\(story!.author)) or an editor may") }
            guard let editor = story?.editor else {
                throw NewsroomError(.invalidState, "story \(story!.id) has no editor yet: assign one first (story assign \(story!.id) --editor HANDLE)")
            }
            guard story!.editorActive else {
                throw NewsroomError(
                    .invalidState,
                    "story \(story!.id)'s editor \(editor) is no longer active and cannot review it; an editor or chief must assign another first (story assign \(story!.id) --editor HANDLE)"
                )
            }
        case .return:
            guard isAssignedEditor || isChief else { throw refuse(assignedRule) }
        case .approve:
            guard !isAuthor else { throw refuse("nobody approves their own story; its assigned editor or another chief must") }
            guard isAssignedEditor || isChief else { throw refuse(assignedRule) }
        case .correct, .assign, .publish, .schedule, .unschedule, .spike, .setExpiry:
            guard member.role.isEditorial else { throw refuse("only editors and chiefs may") }
        case .restore:
            guard member.role.isEditorial else { throw refuse("only editors and chiefs may") }
            if let editor = story?.editor, !story!.editorActive {
                throw NewsroomError(
                    .invalidState,
                    "story \(story!.id)'s editor \(editor) is no longer active; restore it with another: story restore \(story!.id) --editor HANDLE"
                )
            }
        case .publishSkippingReview, .withdraw:
            guard isChief else { throw refuse("only a chief may") }
        case .erase:
            guard member.role == .admin else {
                throw NewsroomError(.notAllowed, "\(who) may not carry out story \(story.map { "\($0.id)" } ?? "")'s erasure: an admin confirms the erasure a chief has ordered")
            }
        case .publishScheduled:
            throw refuse("only the scheduler publishes scheduled stories")
        case .expire:
            throw refuse("only the scheduler takes a story off at the time set; set it with story expire \(story.map { "\($0.id)" } ?? "ID") --at T, or a chief withdraws it")
        }
    }

    /// An editor to assign must be an active editor or chief, and not the story's author.
    public static func checkAssignee(_ staff: StaffMember, for story: StoryFacts?) throws(NewsroomError) {
        guard staff.active else {
            throw NewsroomError(.invalidInput, "editor: \(staff.handle) is no longer active; assign an active editor or chief")
        }
        guard staff.role.isEditorial else {
            throw NewsroomError(.invalidInput, "editor: \(staff.handle) is a \(staff.role.rawValue); assign an editor or a chief")
        }
        if let story, staff.handle == story.author {
            throw NewsroomError.invalid("editor", "\(staff.handle) wrote story \(story.id) and cannot review it; assign another editor")
        }
    }
}

/// What only some may change about the newsroom itself.
public enum AdministrativeChange: String, Sendable, CaseIterable {
    /// Adding, changing and deactivating staff.
    case staff
    case sections
    case settings

    /// Who may, besides the database owner setting up.
    public var roles: Set<Role> {
        switch self {
        case .staff: [.admin]
        case .sections, .settings: [.admin, .chief]
        }
    }
}

/// Who may run the newsroom itself.
public enum Administration {
    /// Adding and deactivating staff: an admin, or the database owner setting up.
    public static func authorizeStaffChanges(by actor: Actor) throws(NewsroomError) {
        try require(actor, roles: AdministrativeChange.staff.roles, doing: "change staff")
    }

    /// Sections and settings: an admin or a chief, or the database owner.
    public static func authorize(_ change: AdministrativeChange, by actor: Actor, doing what: String) throws(NewsroomError) {
        try require(actor, roles: change.roles, doing: what)
    }

    private static func require(_ actor: Actor, roles: Set<Role>, doing what: String) throws(NewsroomError) {
        switch actor {
        case .databaseOwner:
            return
        case .scheduler:
            throw NewsroomError(.notAllowed, "the scheduler may not \(what)")
        case .staff(let member):
            guard member.active else {
                throw NewsroomError(.notAllowed, "\(member.handle) is no longer active and can do nothing; ask an admin")
            }
            guard roles.contains(member.role) else {
                let names = roles.map(\.rawValue).sorted().map { ($0.first == "a" ? "an " : "a ") + $0 }.joined(separator: " or ")
                throw NewsroomError(.notAllowed, "\(member.handle) (\(member.role.rawValue)) may not \(what): only \(names) may")
            }
        }
    }
}
