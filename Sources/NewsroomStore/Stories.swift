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

    public init(_ action: StoryAction, ifVersion: Int? = nil, note: String? = nil, editor: Handle? = nil, publishAt: Date? = nil) {
        self.action = action
        self.ifVersion = ifVersion
        self.note = note
        self.editor = editor
        self.publishAt = publishAt
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
    public var limit: Int
    /// Continue after this story, in the listing's order (keyset paging).
    public var after: StoryID?

    public init(
        status: StoryStatus? = nil, section: SectionSlug? = nil, editor: Handle? = nil, author: Handle? = nil,
        limit: Int = 100, after: StoryID? = nil
    ) {
        self.status = status
        self.section = section
        self.editor = editor
        self.author = author
        self.limit = limit
        self.after = after
    }
}

extension NewsroomStore {
    static let storyColumns = """
        id, headline, section, dateline, body, author, editor, status, version, created_at, updated_at,
        submitted_at, approved_at, publish_at, published_at, withdrawn_at
        """

    // MARK: Reading

    public func story(_ id: StoryID) throws -> Story {
        let rows = try connection.query("SELECT \(Self.storyColumns) FROM stories WHERE id = $1", [id.rawValue])
        guard let row = rows.first else { throw Self.noStory(id) }
        return try Story(row: row)
    }

    /// The story as it read at `version`: the text of the newest revision up to it,
    /// and the status that version had in history.
    public func story(_ id: StoryID, asOf version: Int) throws -> Story {
        var current = try story(id)
        guard version >= 1, version <= current.version else {
            throw NewsroomError(.invalidInput, "version: story \(id) has versions 1 to \(current.version)")
        }
        let revision = try connection.queryOne(
            """
            SELECT r.headline, r.section, r.dateline, r.body, r.edited_at,
                   (SELECT h.to_status FROM story_history h
                     WHERE h.story_id = r.story_id AND h.version <= $2 ORDER BY h.version DESC, h.id DESC LIMIT 1) AS status
              FROM story_revisions r
             WHERE r.story_id = $1 AND r.version <= $2
             ORDER BY r.version DESC LIMIT 1
            """,
            [id.rawValue, version]
        )
        current.headline = try revision.decode("headline")
        current.section = SectionSlug(rawValue: try revision.decode("section"))
        current.dateline = try revision.decode("dateline")
        current.body = try revision.decode("body")
        current.status = try StoryStatus.parse(try revision.decode("status"))
        current.version = version
        return current
    }

    public func stories(_ filter: StoryFilter) throws -> Page<Story> {
        if let after = filter.after { _ = try story(after) }  // "no story N" rather than an empty page
        // One statement; an absent filter is a NULL parameter, so the text never varies.
        let stories = try connection.query(
            """
            SELECT \(Self.storyColumns) FROM stories
             WHERE ($1::text IS NULL OR status = $1)
               AND ($2::text IS NULL OR section = $2)
               AND ($3::text IS NULL OR editor = $3)
               AND ($4::text IS NULL OR author = $4)
               AND ($6::bigint IS NULL OR (updated_at, id) < (SELECT updated_at, id FROM stories WHERE id = $6))
             ORDER BY updated_at DESC, id DESC
             LIMIT $5
            """,
            [filter.status?.rawValue, filter.section?.rawValue, filter.editor?.rawValue, filter.author?.rawValue, filter.limit + 1,
             filter.after?.rawValue]
        ).map { try Story(row: $0) }
        return Page(items: Array(stories.prefix(filter.limit)), hasMore: stories.count > filter.limit)
    }

    public func history(_ id: StoryID) throws -> [HistoryEntry] {
        let rows = try connection.query(
            """
            SELECT at, actor, action, from_status, to_status, version, note, scheduled_for
              FROM story_history WHERE story_id = $1 ORDER BY id
            """,
            [id.rawValue]
        )
        if rows.isEmpty { _ = try story(id) }  // says "no story N" when there is none
        return try rows.map { try HistoryEntry(row: $0) }
    }

    // MARK: Writing

    /// Files a new draft and returns its id.
    public func createDraft(_ draft: NewDraft, by actor: Actor) throws -> StoryID {
        _ = try Workflow.authorize(.create, story: nil, by: actor)
        return try write(by: actor) {
            try requireSection(draft.section)
            let author = draft.author ?? Handle(rawValue: actor.name)
            if author.rawValue != actor.name {
                // Filing for someone else: an editor's or chief's job, for someone who writes.
                guard case .staff(let member) = actor, member.role.isEditorial else {
                    throw NewsroomError(.notAllowed, "--author: only editors and chiefs may file a draft for someone else")
                }
                let writer = try staffMember(author)
                guard writer.active, writer.role.writes else {
                    throw NewsroomError(.invalidInput, "author: \(author) is not an active reporter, editor or chief")
                }
            }
            let row = try connection.queryOne(
                """
                INSERT INTO stories (headline, section, dateline, body, author)
                VALUES ($1, $2, $3, $4, $5) RETURNING id, version
                """,
                [draft.headline, draft.section.rawValue, draft.dateline, draft.body, author.rawValue]
            )
            let id = StoryID(rawValue: try row.decode("id"))
            try record(id, actor: actor, action: .create, from: nil, to: .draft, version: 1, note: nil)
            return id
        }
    }

    /// Changes a story's text. Published stories take a correction note; an approved or
    /// scheduled story goes back to review, since its approval covered the old text.
    public func edit(_ id: StoryID, changes: StoryChanges, correction: String?, ifVersion: Int?, by actor: Actor) throws -> TransitionOutcome {
        try write(by: actor) {
            let (current, facts) = try lock(id, ifVersion: ifVersion)
            let action: StoryAction = correction == nil ? .edit : .correct
            let to = try Workflow.authorize(action, story: facts, by: actor)
            // Text stored before a rule tightened is kept as it is, but an edit writes it again.
            if changes.headline == nil { try Self.recheck(current.headline, of: id, field: "headline", limit: EditorialText.headlineLimit) }
            if changes.dateline == nil, let dateline = current.dateline {
                try Self.recheck(dateline, of: id, field: "dateline", limit: EditorialText.datelineLimit)
            }
            var next = current
            if let headline = changes.headline { next.headline = headline }
            if let section = changes.section {
                try requireSection(section)
                next.section = section
            }
            if let dateline = changes.dateline { next.dateline = dateline }
            if let body = changes.body { next.body = body }
            guard next.headline != current.headline || next.section != current.section
                || next.dateline != current.dateline || next.body != current.body
            else {
                return TransitionOutcome(story: current, from: current.status, changed: false)
            }
            let note = correction ?? (current.status != to ? "edited after approval: back to review" : nil)
            let row = try connection.queryOne(
                """
                UPDATE stories
                   SET headline = $2, section = $3, dateline = $4, body = $5, status = $6,
                       version = version + 1, updated_at = now(),
                       -- Back to review clears a schedule; a correction keeps when and by whom it was set.
                       publish_at = CASE WHEN $6 IN ('scheduled', 'published') THEN publish_at END,
                       scheduled_by = CASE WHEN $6 IN ('scheduled', 'published') THEN scheduled_by END
                 WHERE id = $1
                RETURNING \(Self.storyColumns)
                """,
                [id.rawValue, next.headline, next.section.rawValue, next.dateline, next.body, to.rawValue]
            )
            return try conclude(action, row: row, from: current, note: note, by: actor, because: "story \(id) went back to review")
        }
    }

    /// Moves a story along the workflow (assign, submit, return, approve, publish,
    /// schedule, unschedule, publish without review, withdraw, spike, restore).
    public func transition(_ id: StoryID, _ request: TransitionRequest, by actor: Actor) throws -> TransitionOutcome {
        try write(by: actor) {
            let (current, facts) = try lock(id, ifVersion: request.ifVersion)
            if request.action == .assign && request.editor == nil {
                throw NewsroomError.invalid("editor", "name the editor to assign with --editor HANDLE")
            }
            var checked = facts
            if let handle = request.editor, request.action == .assign || request.action == .restore {
                try Workflow.checkAssignee(try staffMember(handle))
                guard handle != current.author else {
                    throw NewsroomError.invalid("editor", "\(handle) wrote story \(id) and cannot review it; assign another editor")
                }
                checked.editor = handle
                checked.editorActive = true
            }
            let to = try Workflow.authorize(request.action, story: checked, by: actor)
            let editor = checked.editor
            var publishAt: Date? = nil
            if request.action == .schedule {
                guard let at = request.publishAt else { throw NewsroomError.invalid("at", "give the time to publish") }
                let now = try self.now()
                guard at > now else {
                    throw NewsroomError.invalid("at", "\(try time().human(at)) is in the past; publish now with story publish \(id), or give a later time")
                }
                publishAt = at
            }
            let row = try connection.queryOne(
                """
                UPDATE stories
                   SET status = $2, editor = $3, version = version + 1, updated_at = now(),
                       submitted_at = CASE WHEN $4 = 'submit' THEN now() ELSE submitted_at END,
                       approved_at = CASE WHEN $4 = 'approve' THEN now() ELSE approved_at END,
                       published_at = CASE WHEN $2 = 'published' AND status <> 'published' THEN now() ELSE published_at END,
                       withdrawn_at = CASE WHEN $2 = 'withdrawn' THEN now() ELSE withdrawn_at END,
                       -- Unscheduling clears the schedule; publication and withdrawal keep it.
                       publish_at = CASE WHEN $4 = 'schedule' THEN $5::timestamptz
                                         WHEN $2 IN ('published', 'withdrawn') THEN publish_at END,
                       scheduled_by = CASE WHEN $4 = 'schedule' THEN $6
                                           WHEN $2 IN ('published', 'withdrawn') THEN scheduled_by END
                 WHERE id = $1
                RETURNING \(Self.storyColumns)
                """,
                [id.rawValue, to.rawValue, editor?.rawValue, request.action.rawValue, publishAt, actor.name]
            )
            var note = request.note
            if request.editor != nil, let editor { note = note ?? "editor: \(editor)" }
            return try conclude(request.action, row: row, from: current, note: note, scheduledFor: publishAt, by: actor,
                                because: "story \(id) was \(Self.pastTense(request.action))")
        }
    }

    // MARK: Helpers

    /// After a story's row changed: ends ticker lines it no longer supports, writes the
    /// history line (saying which lines ended), and wakes schedulers if a schedule moved.
    private func conclude(
        _ action: StoryAction, row: PostgresRow, from current: Story, note: String?, scheduledFor: Date? = nil,
        by actor: Actor, because reason: String
    ) throws -> TransitionOutcome {
        let story = try Story(row: row)
        let ended = try endTickerItems(linkedTo: story, from: current.status, by: actor, because: reason)
        try record(story.id, actor: actor, action: action, from: current.status, to: story.status,
                   version: story.version, note: Self.withTickerNote(note, ended), scheduledFor: scheduledFor)
        try notifyIfScheduleChanged(from: current.status, to: story.status)
        return TransitionOutcome(story: story, from: current.status, changed: true)
    }

    /// Locks the story's row for this transaction (a concurrent command waits, then sees
    /// the outcome) and checks `--if-version`.
    private func lock(_ id: StoryID, ifVersion: Int?) throws -> (story: Story, facts: StoryFacts) {
        let rows = try busyIfLocked("story \(id)") {
            try connection.query(
                """
                SELECT \(Self.storyColumns), (SELECT e.active FROM staff e WHERE e.handle = stories.editor) AS editor_active
                  FROM stories WHERE id = $1 FOR UPDATE
                """,
                [id.rawValue]
            )
        }
        guard let row = rows.first else { throw Self.noStory(id) }
        let story = try Story(row: row)
        var facts = story.facts
        facts.editorActive = try row.decode("editor_active", as: Bool?.self) ?? true
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
        version: Int, note: String?, scheduledFor: Date? = nil
    ) throws {
        try connection.query(
            """
            INSERT INTO story_history (story_id, actor, action, from_status, to_status, version, note, scheduled_for)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [id.rawValue, actor.name, action.rawValue, from?.rawValue, to.rawValue, version, note, scheduledFor]
        )
    }

    /// Wakes waiting schedulers when a schedule is added, changed or removed.
    private func notifyIfScheduleChanged(from: StoryStatus, to: StoryStatus) throws {
        if from == .scheduled || to == .scheduled {
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
        case .withdraw: "withdrawn"
        case .spike: "spiked"
        case .unschedule: "unscheduled"
        default: action.rawValue
        }
    }

    /// Refuses an edit that would write back a stored text today's rules no longer take.
    static func recheck(_ text: String, of id: StoryID, field: String, limit: Int) throws {
        do {
            _ = try EditorialText.line(text, field: field, limit: limit)
        } catch {
            throw NewsroomError.invalid(
                field, "story \(id)'s \(field) was stored before today's rules (\(error.message)); give a corrected one with --\(field)"
            )
        }
    }

    static func noStory(_ id: StoryID) -> NewsroomError {
        NewsroomError.notFound("story", String(id.rawValue), hint: "see newsroom story list")
    }
}

extension Story {
    var facts: StoryFacts { StoryFacts(id: id, status: status, author: author, editor: editor) }

    init(row: PostgresRow) throws {
        self.init(
            id: StoryID(rawValue: try row.decode("id")),
            headline: try row.decode("headline"),
            section: SectionSlug(rawValue: try row.decode("section")),
            dateline: try row.decode("dateline"),
            body: try row.decode("body"),
            author: Handle(rawValue: try row.decode("author")),
            editor: try row.decode("editor", as: String?.self).map(Handle.init(rawValue:)),
            status: try StoryStatus.parse(try row.decode("status")),
            version: try row.decode("version"),
            createdAt: try row.decode("created_at"),
            updatedAt: try row.decode("updated_at"),
            submittedAt: try row.decode("submitted_at"),
            approvedAt: try row.decode("approved_at"),
            publishAt: try row.decode("publish_at"),
            publishedAt: try row.decode("published_at"),
            withdrawnAt: try row.decode("withdrawn_at")
        )
    }
}

extension HistoryEntry {
    init(row: PostgresRow) throws {
        let action: String = try row.decode("action")
        guard let known = StoryAction(rawValue: action) else {
            throw PostgresError.decoding(column: "action", message: "\"\(action)\" is not an action this binary knows")
        }
        self.init(
            at: try row.decode("at"),
            actor: try row.decode("actor"),
            action: known,
            fromStatus: try row.decode("from_status", as: String?.self).map { try StoryStatus.parse($0) },
            toStatus: try StoryStatus.parse(try row.decode("to_status")),
            version: try row.decode("version"),
            note: try row.decode("note"),
            scheduledFor: try row.decode("scheduled_for")
        )
    }
}
