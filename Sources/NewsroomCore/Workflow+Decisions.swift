#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

// The decisions: who may do what to a story, and why not (the table they follow is in
// Workflow.swift).
extension Workflow {
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

extension Workflow {
    /// What `actor` may do to `story` now, as the rules decide it: each move from its state
    /// that `authorize` allows (the scheduler's own moves and an erasure, which needs an order
    /// first, are never offered). A front end shows these and only these.
    public static func offered(on story: StoryFacts, to actor: Actor) -> [StoryAction] {
        actions(from: story.status).filter { action in
            guard !action.isTheSchedulers, action != .erase, action != .create else { return false }
            return (try? authorize(action, story: story, by: actor)) != nil
        }
    }
}
