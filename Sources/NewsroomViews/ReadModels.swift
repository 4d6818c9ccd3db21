#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import NewsroomStore

/// One value as shown: people's text (headlines, names, notes; may be right to left, so a
/// front end isolates it) or the tool's own (ids, states, times).
public struct ViewCell: Sendable, Equatable {
    public let text: String
    public let isUserText: Bool

    public static func user(_ text: String?) -> ViewCell { ViewCell(text: text ?? "—", isUserText: text != nil) }
    public static func plain(_ text: String) -> ViewCell { ViewCell(text: text, isUserText: false) }
}

/// Rows under headers: a listing, whatever draws it.
public struct ViewTable: Sendable {
    public let headers: [String]
    public var rows: [[ViewCell]]
}

/// Labelled values about one thing, and optionally its text below them.
public struct ViewCard: Sendable {
    public var fields: [(label: String, value: ViewCell)] = []
    public var body: String?

    mutating func add(_ label: String, _ value: ViewCell) { fields.append((label, value)) }
}

/// The read models behind the listings and cards, with times in the newsroom's zone.
public struct NewsroomViewModels: Sendable {
    public let time: NewsroomTime

    public init(time: NewsroomTime) {
        self.time = time
    }

    public func time(_ date: Date?) -> String { date.map(time.human) ?? "—" }

    public func storyCard(_ story: Story, sectionName: String?) -> ViewCard {
        var card = ViewCard()
        card.add("Story", .plain("\(story.id)  ·  \(story.status.rawValue)  ·  version \(story.version)"))
        card.add("Headline", .user(story.headline))
        card.add("Section", sectionName.map { ViewCell(text: "\(story.section) (\u{2068}\($0)\u{2069})", isUserText: false) } ?? .plain(story.section.rawValue))
        card.add("Dateline", .user(story.dateline))
        card.add("Author", .plain(story.author.rawValue))
        card.add("Editor", .plain(story.editor?.rawValue ?? "—"))
        card.add("Created", .plain(time(story.createdAt)))
        card.add("Updated", .plain(time(story.updatedAt)))
        if story.submittedAt != nil { card.add("Submitted", .plain(time(story.submittedAt))) }
        if story.approvedAt != nil { card.add("Approved", .plain(time(story.approvedAt))) }
        if story.embargoUntil != nil { card.add("Embargo until", .plain(time(story.embargoUntil))) }
        if story.publishAt != nil { card.add("Publish at", .plain(time(story.publishAt))) }
        if story.publishedAt != nil { card.add("Published", .plain(time(story.publishedAt))) }
        if story.withdrawnAt != nil { card.add("Withdrawn", .plain(time(story.withdrawnAt))) }
        if let expiry = story.expireAt {
            card.add(story.status == .withdrawn ? "Expired" : "Expires", .plain("\(time(expiry)) (set by \(story.expireBy?.rawValue ?? "—"))"))
        }
        if story.erasedAt != nil { card.add("Erased", .plain("\(time(story.erasedAt)) under an order (see its history)")) }
        card.body = story.body.isEmpty ? "(no body yet)" : story.body
        return card
    }

    public func storyTable(_ stories: [Story]) -> ViewTable {
        ViewTable(
            headers: ["ID", "STATUS", "SECTION", "AUTHOR", "EDITOR", "NOTES", "UPDATED", "HEADLINE"],
            rows: stories.map { story in
                [.plain(String(story.id.rawValue)), .plain(story.status.rawValue), .plain(story.section.rawValue),
                 .plain(story.author.rawValue), .plain(story.editor?.rawValue ?? "—"),
                 .plain(story.openNotes.map { $0 == 0 ? "—" : "\($0) open" } ?? "—"), .plain(time(story.updatedAt)),
                 .user(story.headline)]
            }
        )
    }

    public func historyTable(_ history: [HistoryEntry]) -> ViewTable {
        ViewTable(
            headers: ["AT", "ACTOR", "ACTION", "FROM", "TO", "VERSION", "NOTE"],
            rows: history.map { entry in
                var note = entry.note
                if let scheduled = entry.scheduledFor {
                    note = [note, "for \(time(scheduled))"].compactMap { $0 }.joined(separator: "; ")
                }
                if entry.action == .expire, let expiry = entry.expiresAt {
                    note = [note, "set for \(time(expiry))"].compactMap { $0 }.joined(separator: "; ")
                }
                return [.plain(time(entry.at)), .plain(entry.actor), .plain(entry.action.rawValue),
                        .plain(entry.fromStatus?.rawValue ?? "—"), .plain(entry.toStatus.rawValue),
                        .plain(String(entry.version)), note.map { ViewCell.user($0) } ?? .plain("")]
            }
        )
    }

    /// The strip, or a listing of lines, as they stood at `at`.
    public func tickerTable(_ items: [TickerItem], at: Date) -> ViewTable {
        ViewTable(
            headers: ["ID", "STATE", "URGENT", "FROM", "UNTIL", "STORY", "TEXT"],
            rows: items.map { item in
                [.plain(item.id.description), .plain(item.state(at: at).rawValue), item.urgent ? .user("عاجل") : .plain(""),
                 .plain(time.human(item.startsAt)), .plain(time.human(item.endsAt)),
                 .plain(item.storyID?.description ?? "—"), .user(item.text)]
            }
        )
    }

    public func tickerCard(_ item: TickerItem, now: Date) -> ViewCard {
        var card = ViewCard()
        card.add("Ticker item", .plain("\(item.id)  ·  \(item.state(at: now).rawValue)\(item.urgent ? "  ·  urgent (عاجل)" : "")"))
        card.add("Text", .user(item.text))
        card.add("From", .plain(time(item.startsAt)))
        card.add("Until", .plain(time(item.endsAt)))
        card.add("Story", .plain(item.storyID?.description ?? "—"))
        card.add("Created", .plain("\(time(item.createdAt)) by \(item.createdBy)"))
        if let cancelled = item.cancelledAt {
            card.add("Cancelled", .plain("\(time(cancelled)) by \(item.cancelledBy?.rawValue ?? "?")"))
            if let reason = item.cancelReason { card.add("Reason", .user(reason)) }
        }
        if let ended = item.endReason { card.add("Ended", .user(ended)) }
        return card
    }

    public func tickerHistoryTable(_ history: [TickerHistoryEntry]) -> ViewTable {
        ViewTable(
            headers: ["AT", "ACTOR", "ACTION", "UNTIL", "NOTE"],
            rows: history.map { entry in
                [.plain(time(entry.at)), .plain(entry.actor), .plain(entry.action.rawValue),
                 .plain(time(entry.endsAfter)), entry.note.map { ViewCell.user($0) } ?? .plain("")]
            }
        )
    }

    public static func staffTable(_ staff: [StaffMember]) -> ViewTable {
        ViewTable(
            headers: ["HANDLE", "ROLE", "ACTIVE", "LOGIN", "NAME"],
            rows: staff.map {
                [.plain($0.handle.rawValue), .plain($0.role.rawValue), .plain($0.active ? "yes" : "no"), .plain($0.login ?? "—"), .user($0.name)]
            }
        )
    }

    public static func sectionTable(_ sections: [Section]) -> ViewTable {
        ViewTable(headers: ["SLUG", "NAME"], rows: sections.map { [.plain($0.slug.rawValue), .user($0.name)] })
    }
}
