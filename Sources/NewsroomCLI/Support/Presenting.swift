#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore
import NewsroomStore
import TerminalText

/// How the newsroom's things look, for people and as JSON. Times are shown in the
/// newsroom's time zone; in JSON as ISO 8601 with the offset.
struct Presenter {
    let time: NewsroomTime

    func time(_ date: Date?) -> String { date.map(time.human) ?? "—" }
    func iso(_ date: Date?) -> JSON { date.map { .string(time.iso($0)) } ?? .null }

    func json(_ story: Story) -> JSON {
        .object([
            ("id", .number(story.id.rawValue)),
            ("status", .string(story.status.rawValue)),
            ("headline", .string(story.headline)),
            ("section", .string(story.section.rawValue)),
            ("dateline", .string(story.dateline)),
            ("body", .string(story.body)),
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
        ])
    }

    /// Every key on every entry, null where empty, so a reader never guesses.
    func json(_ entry: HistoryEntry) -> JSON {
        .object([
            ("at", iso(entry.at)),
            ("actor", .string(entry.actor)),
            ("action", .string(entry.action.rawValue)),
            ("from_status", .string(entry.fromStatus?.rawValue)),
            ("to_status", .string(entry.toStatus.rawValue)),
            ("version", .number(Int64(entry.version))),
            ("note", .string(entry.note)),
            ("scheduled_for", iso(entry.scheduledFor)),
        ])
    }

    func json(_ entry: TickerHistoryEntry) -> JSON {
        .object([
            ("at", iso(entry.at)),
            ("actor", .string(entry.actor)),
            ("action", .string(entry.action)),
            ("note", .string(entry.note)),
            ("ends_before", iso(entry.endsBefore)),
            ("ends_after", iso(entry.endsAfter)),
        ])
    }

    func json(_ member: StaffMember) -> JSON {
        .object([
            ("handle", .string(member.handle.rawValue)),
            ("name", .string(member.name)),
            ("role", .string(member.role.rawValue)),
            ("active", .bool(member.active)),
            ("login", .string(member.login)),
        ])
    }

    /// A ticker line as it stands at `time`, with its history when given (`ticker show`).
    func json(_ item: TickerItem, at time: Date, history: [TickerHistoryEntry]? = nil) -> JSON {
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
        if let history { fields.append(("history", .array(history.map(json)))) }
        return .object(fields)
    }

    func json(_ section: Section) -> JSON {
        .object([("slug", .string(section.slug.rawValue)), ("name", .string(section.name))])
    }

    func card(_ story: Story, sectionName: String?) -> String {
        var card = Card()
        card.add("Story", .plain("\(story.id)  ·  \(story.status.rawValue)  ·  version \(story.version)"))
        card.add("Headline", .user(story.headline))
        card.add("Section", sectionName.map { Cell(text: "\(story.section) (\(Display.isolated($0)))", isUserText: false) } ?? .plain(story.section.rawValue))
        card.add("Dateline", .user(story.dateline))
        card.add("Author", .plain(story.author.rawValue))
        card.add("Editor", .plain(story.editor?.rawValue ?? "—"))
        card.add("Created", .plain(time(story.createdAt)))
        card.add("Updated", .plain(time(story.updatedAt)))
        if story.submittedAt != nil { card.add("Submitted", .plain(time(story.submittedAt))) }
        if story.approvedAt != nil { card.add("Approved", .plain(time(story.approvedAt))) }
        if story.publishAt != nil { card.add("Publish at", .plain(time(story.publishAt))) }
        if story.publishedAt != nil { card.add("Published", .plain(time(story.publishedAt))) }
        if story.withdrawnAt != nil { card.add("Withdrawn", .plain(time(story.withdrawnAt))) }
        let body = story.body.isEmpty ? "(no body yet)" : story.body
        return card.rendered() + "\n\n" + body
    }

    func table(_ stories: [Story]) -> String {
        var table = Table(headers: ["ID", "STATUS", "SECTION", "AUTHOR", "EDITOR", "UPDATED", "HEADLINE"])
        table.rows = stories.map { story in
            [.plain(String(story.id.rawValue)), .plain(story.status.rawValue), .plain(story.section.rawValue),
             .plain(story.author.rawValue), .plain(story.editor?.rawValue ?? "—"), .plain(time(story.updatedAt)),
             .user(story.headline)]
        }
        return table.rendered()
    }

    func table(_ history: [HistoryEntry]) -> String {
        var table = Table(headers: ["AT", "ACTOR", "ACTION", "FROM", "TO", "VERSION", "NOTE"])
        table.rows = history.map { entry in
            var note = entry.note
            if let scheduled = entry.scheduledFor {
                note = [note, "for \(time(scheduled))"].compactMap { $0 }.joined(separator: "; ")
            }
            return [.plain(time(entry.at)), .plain(entry.actor), .plain(entry.action.rawValue),
                    .plain(entry.fromStatus?.rawValue ?? "—"), .plain(entry.toStatus.rawValue),
                    .plain(String(entry.version)), note.map { Cell.user($0) } ?? .plain("")]
        }
        return table.rendered()
    }
}

enum Output {
    static func print(_ json: JSON) { Swift.print(json.rendered()) }

    /// After a page of a listing that has more: on stderr, so that stdout stays the listing.
    static func noteMore(_ things: String, shown: Int, lastID: String) {
        Terminal.note("more \(things) follow these \(shown); see them with the same command and --after \(lastID), or raise --limit")
    }
}
