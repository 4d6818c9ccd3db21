#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

extension NewsroomStore {
    /// Files a new draft, with its budget when one is given, and returns its id.
    public func createDraft(_ draft: NewDraft, budget: BudgetChange? = nil, by actor: Actor) throws -> StoryID {
        let author = draft.author ?? Handle(rawValue: actor.name)
        let forAnother = author.rawValue != actor.name
        try check { try Workflow.authorizeDraft(forAnother: forAnother, by: actor) }
        return try write(by: actor) {
            let id = try writeDraft(draft, by: actor)
            if let budget { _ = try writeBudget(id, budget, by: actor) }
            return id
        }
    }

    /// A new draft's rows, in the transaction in hand (a draft of its own, or a wire item taken).
    func writeDraft(_ draft: NewDraft, by actor: Actor) throws -> StoryID {
        let author = draft.author ?? Handle(rawValue: actor.name)
        let forAnother = author.rawValue != actor.name
        try check {
            try requireSection(draft.section)
            if forAnother { try Workflow.checkAuthor(try staffMember(author)) }
        }
        let id = StoryID(rawValue: try connection.queryOne(
            "INSERT INTO stories (section, author) VALUES ($1, $2) RETURNING id", [draft.section.rawValue, author.rawValue]
        ).decode("id"))
        // Read once: its visible text (search, snippets) and its photos come from the same reading.
        let article = ArticleBody.reading(draft.body)
        try connection.query(
            "INSERT INTO story_texts (story_id, version, headline, dateline, body, body_text) VALUES ($1, 1, $2, $3, $4, $5)",
            [id.rawValue, draft.headline, draft.dateline, draft.body, article.visibleText]
        )
        try writeBodyPhotos(id, article)
        try record(id, actor: actor, action: .create, from: nil, to: .draft, version: 1, note: nil)
        return id
    }

    /// Changes a story's text. Published stories take a correction note; an approved or
    /// scheduled story goes back to review, since its approval covered the old text.
    /// `remark` adds to the history line (an edit saved after taking over another's lease says so).
    public func edit(_ id: StoryID, changes: StoryChanges, correction: String?, ifVersion: Int?, by actor: Actor, remark: String? = nil) throws -> TransitionOutcome {
        try write(by: actor) {
            let (current, facts) = try lock(id, ifVersion: ifVersion)
            let action: StoryAction = correction == nil ? .edit : .correct
            try checkLease(facts, action: action, by: actor)
            let effects = try decide(StoryRequest(action, note: correction), story: facts, by: actor)
            try check {
                // Text stored before a rule tightened is kept as it is, but an edit writes it again.
                if changes.headline == nil { try Self.recheck(current.headline, of: id, .headline) }
                if changes.dateline == nil, let dateline = current.dateline { try Self.recheck(dateline, of: id, .dateline) }
                if let section = changes.section { try requireSection(section) }
            }
            var next = current
            if let headline = changes.headline { next.headline = headline }
            if let section = changes.section { next.section = section }
            if let dateline = changes.dateline { next.dateline = dateline }
            if let body = changes.body { next.body = body }
            guard next.headline != current.headline || next.section != current.section
                || next.dateline != current.dateline || next.body != current.body
            else {
                return TransitionOutcome(story: current, from: current.status, changed: false)
            }
            let reason = correction ?? (current.status != effects.to ? "edited after approval: back to review" : nil)
            let notes = [reason, remark].compactMap { $0 }
            let note = notes.isEmpty ? nil : notes.joined(separator: "; ")
            let row = try connection.queryOne(
                "UPDATE stories s SET \(Self.moveAssignments), section = $16 WHERE s.id = $1 RETURNING \(Self.moveColumns)",
                [id.rawValue] + Self.moveParameters(effects, editor: nil, publishAt: nil, by: actor) + [next.section.rawValue]
            )
            // The text is written at the version this move makes (its revision says so), read once.
            let article = ArticleBody.reading(next.body)
            try connection.query(
                """
                UPDATE story_texts SET version = $2, headline = $3, dateline = $4, body = $5, body_text = $6 WHERE story_id = $1
                """,
                [id.rawValue, try row.decode("version", as: Int.self), next.headline, next.dateline, next.body, article.visibleText]
            )
            if next.body != current.body { try writeBodyPhotos(id, article) }
            if effects.to == .published { try checkPhotosReady(id) }
            let story = try Story(row: row, headline: next.headline, dateline: next.dateline, body: next.body)
            return try conclude(action, story: story, from: current, note: note, by: actor, because: "story \(id) went back to review")
        }
    }

    /// Moves a story along the workflow (assign, submit, return, approve, publish,
    /// schedule, unschedule, publish without review, withdraw, spike, restore).
    public func transition(_ id: StoryID, _ request: TransitionRequest, by actor: Actor) throws -> TransitionOutcome {
        try write(by: actor) {
            let (current, facts) = try lock(id, ifVersion: request.ifVersion)
            try checkLease(facts, action: request.action, by: actor)
            // Scheduling reads the clock (a time in the past), and so does publishing a story
            // under an embargo (not yet over?); nothing else pays for the round trip.
            let publishing = request.action == .schedule || request.expireAt != nil
                || (facts.embargoUntil != nil && [.publish, .publishSkippingReview].contains(request.action))
            let decision = StoryRequest(
                request.action, note: request.note,
                assignee: checksRules ? try request.editor.map { try staffMember($0) } : nil,
                publishAt: request.publishAt, embargoUntil: request.embargoUntil, expireAt: request.expireAt,
                now: publishing ? try now() : nil, time: publishing ? try time() : nil
            )
            let effects = try decide(decision, story: facts, by: actor)
            if [.publish, .publishSkippingReview, .schedule].contains(request.action) { try checkPhotosReady(id) }
            let row = try connection.queryOne(
                "UPDATE stories s SET \(Self.moveAssignments) WHERE s.id = $1 RETURNING \(Self.moveColumns)",
                [id.rawValue] + Self.moveParameters(effects, editor: request.editor, publishAt: request.publishAt, embargoUntil: request.embargoUntil,
                                                    expireAt: request.expireAt, by: actor)
            )
            let story = try Story(row: row, headline: current.headline, dateline: current.dateline, body: current.body)
            var note = request.note
            if let editor = request.editor { note = note ?? "editor: \(editor)" }
            if let embargo = request.embargoUntil, note == nil { note = "embargo until \(try time().iso(embargo))" }
            if request.action.setsExpiry, let expiry = request.expireAt {
                note = [note, "expires \(try time().iso(expiry))"].compactMap { $0 }.joined(separator: "; ")
            } else if request.action == .setExpiry {
                note = note ?? "no longer expires"
            }
            return try conclude(request.action, story: story, from: current, note: note, by: actor,
                                because: "story \(id) was \(Self.pastTense(request.action))")
        }
    }

    // MARK: The one write path of every move

    /// What every move writes to a story's row, from the core's `StoryEffects`: parameters
    /// $2–$15 (`moveParameters`), $1 and later ones left to the statement that uses it. An
    /// embargo is set with a schedule ($11) and dropped when the core says ($15: a withdrawal);
    /// an expiry ($12–$14) is set by whoever sets it, kept while the story is out and after it expires.
    static let moveAssignments = """
        status = $2, version = s.version + 1, updated_at = now(),
               editor = coalesce($3, s.editor),
               submitted_at = CASE WHEN $4 THEN now() ELSE s.submitted_at END,
               approved_at = CASE WHEN $5 THEN now() ELSE s.approved_at END,
               published_at = CASE WHEN $6 THEN now() ELSE s.published_at END,
               withdrawn_at = CASE WHEN $7 THEN now() ELSE s.withdrawn_at END,
               publish_at = CASE WHEN $8 THEN s.publish_at ELSE $9::timestamptz END,
               scheduled_by = CASE WHEN $8 THEN s.scheduled_by ELSE $10 END,
               embargo_until = CASE WHEN $15 THEN NULL ELSE coalesce($11::timestamptz, s.embargo_until) END,
               expire_at = CASE WHEN $12 THEN s.expire_at ELSE $13::timestamptz END,
               expire_by = CASE WHEN $12 THEN s.expire_by ELSE $14 END
        """

    static func moveParameters(
        _ effects: StoryEffects, editor: Handle?, publishAt: Date?, embargoUntil: Date? = nil, expireAt: Date? = nil, by actor: Actor
    ) -> [any PostgresEncodable] {
        [
            effects.to.rawValue, editor?.rawValue,
            effects.stamps.contains(.submitted), effects.stamps.contains(.approved),
            effects.stamps.contains(.published), effects.stamps.contains(.withdrawn),
            // Keep the schedule, or write the new one (nothing, when the action clears it).
            effects.schedule == .keep, effects.schedule == .set ? publishAt : nil, effects.schedule == .set ? actor.name : nil,
            effects.embargo == .set ? embargoUntil : nil,
            effects.expiry == .keep, effects.expiry == .set ? expireAt : nil, effects.expiry == .set && expireAt != nil ? actor.name : nil,
            effects.embargo == .clear,
        ]
    }

    /// The columns of a history line, in the order `record` and the scheduler write them.
    static let historyColumns = "story_id, actor, action, from_status, to_status, version, note, scheduled_for, expires_at"

    /// The core's decision, or with the rules off (the parity test) the attempt a client
    /// bypassing them would make: the action's usual move, from wherever the story is.
    func decide(_ request: StoryRequest, story: StoryFacts, by actor: Actor) throws -> StoryEffects {
        if checksRules { return try Workflow.decide(request, story: story, by: actor) }
        if let effects = Workflow.effects(of: request.action, from: story.status) { return effects }
        let usual = Workflow.actionTable.first { $0.action == request.action }!
        var effects = Workflow.effects(of: request.action, from: usual.from)!
        if effects.stamps.contains(.published) && story.status == .published { effects.stamps.remove(.published) }
        return effects
    }

    /// After a story's row changed: ends ticker lines it no longer supports, writes the
    /// history line (saying which lines ended), and wakes schedulers if a schedule moved.
    func conclude(
        _ action: StoryAction, story: Story, from current: Story, note: String?, by actor: Actor, because reason: String
    ) throws -> TransitionOutcome {
        let ended = try endTickerItems(linkedTo: story, from: current.status, by: actor, because: reason)
        try record(story.id, actor: actor, action: action, from: current.status, to: story.status,
                   version: story.version, note: Self.withTickerNote(note, ended), scheduledFor: story.publishAt, expiresAt: story.expireAt)
        try notifyIfScheduleChanged(from: current.status, to: story.status, expiryChanged: story.expireAt != current.expireAt)
        return TransitionOutcome(story: story, from: current.status, changed: true)
    }

    /// Locks the story's row for this transaction (a concurrent command waits, then sees
    /// the outcome) and checks `--if-version`.
    func lock(_ id: StoryID, ifVersion: Int?) throws -> (story: Story, facts: StoryFacts) {
        let (story, facts) = try lockedStory(id, exclusive: true)
        if let expected = ifVersion, expected != story.version {
            let last = try connection.query(
                "SELECT actor, action, at FROM story_history WHERE story_id = $1 ORDER BY id DESC LIMIT 1", [id.rawValue]
            ).first
            var message = "story \(id) has moved on: it is at version \(story.version), not \(expected)"
            if let last {
                let at: Date = try last.decode("at")
                message += " (\(try last.decode("action", as: String.self)) by \(try last.decode("actor", as: String.self)) at \(try time().human(at)))"
            }
            throw NewsroomError(.conflict, message + "; look at it again (story show \(id)) and retry with --if-version \(story.version)")
        }
        return (story, facts)
    }

    private func record(
        _ id: StoryID, actor: Actor, action: StoryAction, from: StoryStatus?, to: StoryStatus,
        version: Int, note: String?, scheduledFor: Date? = nil, expiresAt: Date? = nil
    ) throws {
        try connection.query(
            "INSERT INTO story_history (\(Self.historyColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            [id.rawValue, actor.name, action.rawValue, from?.rawValue, to.rawValue, version, note,
             action.recordsScheduledTime ? scheduledFor : nil, action.recordsExpiryTime ? expiresAt : nil]
        )
    }

    /// The story and the facts the rules look at, its row locked for this transaction:
    /// exclusively to change it (a concurrent command waits, then sees the outcome), or
    /// shared to rely on it while writing something else (a ticker line linking it); nil
    /// reads it without a lock.
    func lockedStory(_ id: StoryID, exclusive: Bool?) throws -> (story: Story, facts: StoryFacts) {
        let rows = try busyIfLocked("story \(id)") {
            try connection.query(
                """
                SELECT \(Self.storyColumns), (SELECT e.active FROM staff e WHERE e.handle = s.editor) AS editor_active,
                       \(Self.leaseColumns)
                  FROM \(Self.storyTables) LEFT JOIN story_leases l ON l.story_id = s.id AND l.expires_at > now()
                 WHERE s.id = $1
                """ + (exclusive == nil ? "" : exclusive! ? " FOR UPDATE OF s" : " FOR SHARE OF s"),
                [id.rawValue]
            )
        }
        guard let row = rows.first else { throw Self.noStory(id) }
        let story = try Story(row: row)
        var facts = story.facts
        facts.editorActive = try row.decode("editor_active", as: Bool?.self) ?? true
        if try row.decode("holder", as: String?.self) != nil { facts.lease = try Self.lease(row) }
        return (story, facts)
    }

    /// Someone else's edit lease keeps the actor out (read with the story: no extra round trip).
    func checkLease(_ facts: StoryFacts, action: StoryAction, by actor: Actor) throws {
        // An erased story is refused whatever holds it (the rules say so next).
        guard checksRules, !facts.erased, let lease = facts.lease, LeaseRules.blocks(lease, action: action, by: actor) else { return }
        throw LeaseRules.refusal(lease, time: try time())
    }

    /// Wakes waiting schedulers when a schedule is added, changed or removed.
    private func notifyIfScheduleChanged(from: StoryStatus, to: StoryStatus, expiryChanged: Bool = false) throws {
        if from == .scheduled || to == .scheduled || expiryChanged {
            try connection.query("SELECT pg_notify($1, '')", [Self.scheduleChannel])
        }
    }

    /// Runs a locking statement; if someone else holds the row past `lock_timeout`
    /// (NEWSROOM_LOCK_TIMEOUT), says that `what` is busy (exit 75) instead of hanging.
    func busyIfLocked<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError where error.serverError?.sqlState == .lockNotAvailable {
            throw NewsroomError(.conflict, "\(what) is busy: someone else is changing it right now; try again in a moment")
        }
    }

    /// Adds "ticker items 3, 4 ended" to a history note when a change ended linked lines.
    static func withTickerNote(_ note: String?, _ ended: [TickerItemID]) -> String? {
        guard !ended.isEmpty else { return note }
        let line = "ticker item\(ended.count == 1 ? "" : "s") \(ended.map(\.description).joined(separator: ", ")) ended"
        return [note, line].compactMap { $0 }.joined(separator: "; ")
    }

    static func pastTense(_ action: StoryAction) -> String {
        switch action {
        case .withdraw, .expire: "withdrawn"
        case .erase: "erased"
        case .spike: "spiked"
        case .unschedule: "unscheduled"
        default: action.rawValue
        }
    }

    /// Refuses an edit that would write back a stored text today's rules no longer take.
    static func recheck(_ text: String, of id: StoryID, _ kind: LineKind) throws {
        do {
            _ = try EditorialText.line(text, kind)
        } catch {
            throw NewsroomError.invalid(
                kind.field, "story \(id)'s \(kind.field) was stored before today's rules (\(error.message)); give a corrected one with --\(kind.field)"
            )
        }
    }
}
