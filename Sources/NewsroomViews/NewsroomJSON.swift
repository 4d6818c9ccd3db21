#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import NewsroomStore

/// The newsroom's things as JSON, the same for every front end (the CLI's `--json`, the
/// web server's API). Times are ISO 8601 with the offset of the newsroom's time zone;
/// every key is present on every object, null where empty, so a reader never guesses.
public struct NewsroomJSON: Sendable {
    public let time: NewsroomTime

    public init(time: NewsroomTime) {
        self.time = time
    }

    public func iso(_ date: Date?) -> JSON { date.map { .string(time.iso($0)) } ?? .null }

    public func story(_ story: Story) -> JSON {
        .object([
            ("id", .number(story.id.rawValue)),
            ("status", .string(story.status.rawValue)),
            ("headline", .string(story.headline)),
            ("section", .string(story.section.rawValue)),
            ("dateline", .string(story.dateline)),
            ("body", .string(story.body)),
            ("body_html", .string(ArticleHTML().html(story.body))),
            ("author", .string(story.author.rawValue)),
            ("editor", .string(story.editor?.rawValue)),
            ("version", .number(Int64(story.version))),
            ("created_at", iso(story.createdAt)),
            ("updated_at", iso(story.updatedAt)),
            ("submitted_at", iso(story.submittedAt)),
            ("approved_at", iso(story.approvedAt)),
            ("publish_at", iso(story.publishAt)),
            ("published_at", iso(story.publishedAt)),
            ("withdrawn_at", iso(story.withdrawnAt)),
            ("embargo_until", iso(story.embargoUntil)),
            ("expire_at", iso(story.expireAt)),
            ("expire_by", .string(story.expireBy?.rawValue)),
            ("erased_at", iso(story.erasedAt)),
        ] + (story.openNotes.map { [("open_notes", JSON.number(Int64($0)))] } ?? []))
    }

    /// A search's answer: each hit with its texts twice, plain and as runs marking the query's
    /// words where they are written (`{"text": …, "marked": true}`). For readers (`url` given):
    /// each hit's address instead of its status, which is always published.
    public func search(_ results: SearchResults, query: SearchQuery, url: ((StoryID) -> String)? = nil) -> JSON {
        .object([
            ("query", .string(query.text)),
            ("close_spellings", .bool(results.closeSpellings)),
            ("spellings", .array(results.spellings.map { .string($0) })),
            ("hits", .array(results.hits.map { hit in
                .object([
                    ("id", .number(hit.id.rawValue)),
                    url.map { ("url", .string($0(hit.id))) } ?? ("status", .string(hit.status.rawValue)),
                    ("headline", .string(hit.headline.plain)),
                    ("section", .string(hit.section.rawValue)),
                    ("time", iso(hit.time)),
                    ("matched_in", .string(hit.tier.rawValue)),
                    ("snippet", .string(hit.snippet.plain)),
                    ("headline_marked", Self.marked(hit.headline)),
                    ("snippet_marked", Self.marked(hit.snippet)),
                ])
            })),
        ])
    }

    static func marked(_ text: MarkedText) -> JSON {
        .array(text.runs.map { .object([("text", .string($0.text)), ("marked", .bool($0.marked))]) })
    }

    /// A diff's fields as runs: each run's text as stored, and whether it stayed, went or came.
    public static func diff(_ diff: StoryDiff) -> JSON {
        func runs(_ runs: [WordDiff.Run]) -> JSON {
            .array(runs.map { .object([("change", .string($0.change.rawValue)), ("text", .string($0.text))]) })
        }
        return .object([
            ("id", .number(diff.id.rawValue)),
            ("from_version", .number(Int64(diff.from))),
            ("to_version", .number(Int64(diff.to))),
            ("changed", .bool(diff.changed)),
            ("section", .object([("from", .string(diff.sections.from.rawValue)), ("to", .string(diff.sections.to.rawValue))])),
            ("headline", runs(diff.headline)),
            ("dateline", runs(diff.dateline)),
            ("body", runs(diff.body)),
        ])
    }

    public func note(_ note: StoryNote) -> JSON {
        .object([
            ("id", .number(note.id.rawValue)),
            ("story", .number(note.story.rawValue)),
            ("reply_to", note.replyTo.map { .number($0.rawValue) } ?? .null),
            ("author", .string(note.author.rawValue)),
            ("at", iso(note.at)),
            ("text", .string(note.text)),
            ("mentions", .array(note.mentions.map { .string($0.rawValue) })),
        ])
    }

    /// A thread: its first note's fields, its state, and its replies.
    public func thread(_ thread: NoteThread) -> JSON {
        guard case .object(var fields) = note(thread.note) else { return .null }
        fields += [
            ("resolved", .bool(thread.isResolved)),
            ("state_changed_by", .string(thread.resolution?.by.rawValue)),
            ("state_changed_at", iso(thread.resolution?.at)),
            ("replies", .array(thread.replies.map(note))),
        ]
        return .object(fields)
    }

    public func budget(_ entry: BudgetEntry) -> JSON {
        .object([
            ("line", .string(entry.line)),
            ("due_at", iso(entry.dueAt)),
            ("priority", .string(entry.priority.rawValue)),
            ("planned_for", .string(entry.plannedFor?.description)),
            ("set_by", .string(entry.setBy.rawValue)),
            ("set_at", iso(entry.setAt)),
        ])
    }

    /// A story on a day's budget.
    public func budgetItem(_ item: BudgetItem) -> JSON {
        .object([
            ("id", .number(item.story.id.rawValue)),
            ("headline", .string(item.story.headline)),
            ("status", .string(item.story.status.rawValue)),
            ("author", .string(item.story.author.rawValue)),
            ("editor", .string(item.story.editor?.rawValue)),
            ("overdue", .bool(item.overdue)),
            ("budget", budget(item.entry)),
        ])
    }

    /// A day's budget: its desks, each with its stories.
    public func dayBudget(_ budget: DayBudget) -> JSON {
        .object([
            ("date", .string(budget.day.description)),
            ("sections", .array(budget.desks.map { desk in
                .object([("section", .string(desk.section.rawValue)), ("name", .string(desk.name)), ("stories", .array(desk.items.map(budgetItem)))])
            })),
        ])
    }

    /// A chief's order to erase a story, waiting for an admin to carry it out.
    public func erasureOrder(_ order: ErasureOrder) -> JSON {
        .object([
            ("story", .number(order.storyID.rawValue)), ("order", .string(order.order)),
            ("requested_by", .string(order.requestedBy.rawValue)), ("requested_at", iso(order.requestedAt)),
        ])
    }

    /// One event of `newsroom watch`, as one JSON Lines document.
    public func deskEvent(_ event: DeskEvent) -> JSON {
        .object([
            ("kind", .string(event.kind.rawValue)),
            ("id", .number(event.id)),
            ("at", iso(event.at)),
            ("action", .string(event.action)),
            ("actor", .string(event.actor)),
            ("story", event.story.map { .number($0.rawValue) } ?? .null),
            ("section", .string(event.section?.rawValue)),
            ("status", .string(event.status?.rawValue)),
            ("ticker_line", event.tickerItem.map { .number($0) } ?? .null),
            ("text", .string(event.text)),
            ("urgent", .bool(event.urgent)),
        ])
    }

    public func history(_ entry: HistoryEntry) -> JSON {
        .object([
            ("at", iso(entry.at)),
            ("actor", .string(entry.actor)),
            ("action", .string(entry.action.rawValue)),
            ("from_status", .string(entry.fromStatus?.rawValue)),
            ("to_status", .string(entry.toStatus.rawValue)),
            ("version", .number(Int64(entry.version))),
            ("note", .string(entry.note)),
            ("scheduled_for", iso(entry.scheduledFor)),
            ("expires_at", iso(entry.expiresAt)),
            ("login", .string(entry.login)),
        ])
    }

    public func tickerHistory(_ entry: TickerHistoryEntry) -> JSON {
        .object([
            ("at", iso(entry.at)),
            ("actor", .string(entry.actor)),
            ("action", .string(entry.action.rawValue)),
            ("note", .string(entry.note)),
            ("ends_before", iso(entry.endsBefore)),
            ("ends_after", iso(entry.endsAfter)),
        ])
    }

    /// Staff and sections carry no times.
    public static func staff(_ member: StaffMember) -> JSON {
        .object([
            ("handle", .string(member.handle.rawValue)),
            ("name", .string(member.name)),
            ("role", .string(member.role.rawValue)),
            ("active", .bool(member.active)),
            ("login", .string(member.login)),
        ])
    }

    /// A ticker line as it stands at `time`, with its history when given (`ticker show`).
    public func tickerItem(_ item: TickerItem, at time: Date, history: [TickerHistoryEntry]? = nil) -> JSON {
        var fields: [(String, JSON)] = [
            ("id", .number(item.id.rawValue)),
            ("text", .string(item.text)),
            ("urgent", .bool(item.urgent)),
            ("starts_at", iso(item.startsAt)),
            ("ends_at", iso(item.endsAt)),
            ("story_id", item.storyID.map { .number($0.rawValue) } ?? .null),
            ("state", .string(item.state(at: time).rawValue)),
            ("created_by", .string(item.createdBy.rawValue)),
            ("created_at", iso(item.createdAt)),
            ("cancelled_at", iso(item.cancelledAt)),
            ("cancelled_by", .string(item.cancelledBy?.rawValue)),
            ("cancel_reason", .string(item.cancelReason)),
            ("end_reason", .string(item.endReason)),
        ]
        if let history { fields.append(("history", .array(history.map(tickerHistory)))) }
        return .object(fields)
    }

    public static func section(_ section: Section) -> JSON {
        .object([("slug", .string(section.slug.rawValue)), ("name", .string(section.name))])
    }

    public func schedulerStatus(_ status: SchedulerStatus) -> JSON {
        let lateness = status.oldestDue.map { max(0, status.now.timeIntervalSince($0)) }
        return .object([
            ("now", iso(status.now)),
            ("due", .number(Int64(status.dueCount))),
            ("oldest_due_at", iso(status.oldestDue)),
            ("oldest_due_late_seconds", lateness.map { .number(Int64($0.rounded(.down))) } ?? .null),
            ("next_publication_at", iso(status.nextPublication)),
            ("scheduled", .number(Int64(status.scheduledCount))),
            ("expired_to_take_off", .number(Int64(status.expiringDueCount))),
            ("next_expiry_at", iso(status.nextExpiry)),
        ])
    }
}
