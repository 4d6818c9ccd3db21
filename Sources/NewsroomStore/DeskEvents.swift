#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// One thing that happened on the desk: a line of a story's history, of the ticker's, or a note.
public struct DeskEvent: Sendable, Equatable {
    public enum Kind: String, Sendable { case story, ticker, note }

    public let kind: Kind
    /// The line's own number in its table.
    public let id: Int64
    public let at: Date
    public let actor: String
    /// What happened: a story's or ticker line's action (create, submit, publish, …), or `note`/`reply`.
    public let action: String
    public let story: StoryID?
    public let section: SectionSlug?
    public let status: StoryStatus?
    public let tickerItem: Int64?
    /// The story's headline or the ticker line's text, as they read now.
    public let text: String?
    /// Wants attention at once: the agency killed the item a story that is out was taken from.
    public var urgent = false
}

/// Where a watcher has read to: the last line seen in each table, and the lines just before
/// it that it has seen (a transaction can commit after a later one; its lines come a little
/// behind, and are read then, once).
public struct DeskCursor: Sendable, Equatable {
    /// Lines at or below this were there before (or are too far behind to wait for).
    var floor: [DeskEvent.Kind: Int64]
    /// Lines above the floor already told.
    var seen: [DeskEvent.Kind: Set<Int64>]

    /// How far behind the newest line a late commit is still looked for.
    static let lookback: Int64 = 1_000
}

extension NewsroomStore {
    public static let deskChannel = "newsroom_desk"

    /// The record as it stands: a watcher starting now reads what comes after.
    public func deskCursor() throws -> DeskCursor {
        let row = try connection.queryOne(
            """
            SELECT (SELECT coalesce(max(id), 0) FROM story_history) AS story, (SELECT coalesce(max(id), 0) FROM ticker_history) AS ticker,
                   (SELECT coalesce(max(id), 0) FROM story_notes) AS note
            """
        )
        return DeskCursor(floor: [.story: try row.decode("story"), .ticker: try row.decode("ticker"), .note: try row.decode("note")],
                          seen: [:])
    }

    /// What happened after `cursor`, oldest first, and where that leaves the cursor. With a
    /// section, that section's stories and their notes only (ticker lines have no section).
    /// Every line after the cursor is read (the desk writes a few a minute), each told once.
    public func deskEvents(after cursor: DeskCursor, section: SectionSlug?) throws -> (events: [DeskEvent], cursor: DeskCursor) {
        var next = cursor
        var events: [DeskEvent] = []
        let sources: [(DeskEvent.Kind, String)] = [
            (.story, """
                SELECT h.id, h.at, h.actor, h.action, h.story_id, s.section, h.to_status AS status, NULL::bigint AS item, t.headline AS text,
                       false AS urgent
                  FROM story_history h JOIN stories s ON s.id = h.story_id JOIN story_texts t ON t.story_id = h.story_id
                 WHERE h.id > $1 AND h.id <> ALL ($2::bigint[]) ORDER BY h.id
                """),
            (.ticker, """
                SELECT h.id, h.at, h.actor, h.action, i.story_id, NULL::text AS section, NULL::text AS status, h.item_id AS item, i.text,
                       false AS urgent
                  FROM ticker_history h JOIN ticker_items i ON i.id = h.item_id
                 WHERE h.id > $1 AND h.id <> ALL ($2::bigint[]) ORDER BY h.id
                """),
            (.note, """
                SELECT n.id, n.at, n.author AS actor,
                       CASE WHEN w.kind IS NOT NULL THEN 'wire ' || w.kind WHEN n.reply_to IS NULL THEN 'note' ELSE 'reply' END AS action, n.story_id,
                       s.section, s.status, NULL::bigint AS item, t.headline AS text, coalesce(w.urgent, false) AS urgent
                  FROM story_notes n JOIN stories s ON s.id = n.story_id JOIN story_texts t ON t.story_id = n.story_id
                  LEFT JOIN wire_notices w ON w.note_id = n.id
                 WHERE n.id > $1 AND n.id <> ALL ($2::bigint[]) ORDER BY n.id
                """),
        ]
        for (kind, sql) in sources {
            let floor = cursor.floor[kind] ?? 0
            var seen = cursor.seen[kind] ?? []
            // Lines already told (just above the floor) are not read again.
            for row in try connection.query(sql, [floor, PostgresTextArray(values: seen.sorted())]) {
                let id: Int64 = try row.decode("id")
                // Every line is marked seen; those of other sections (ticker lines have none) are not told.
                guard seen.insert(id).inserted else { continue }
                let lineSection = try row.decode("section", as: String?.self).map(SectionSlug.init(rawValue:))
                if let section, lineSection != section { continue }
                let status: String? = try row.decode("status")
                events.append(DeskEvent(
                    kind: kind, id: id, at: try row.decode("at"), actor: try row.decode("actor"), action: try row.decode("action"),
                    story: try row.decode("story_id", as: Int64?.self).map(StoryID.init(rawValue:)),
                    section: lineSection,
                    status: try status.map { try StoryStatus.parse($0) }, tickerItem: try row.decode("item"), text: try row.decode("text"),
                    urgent: try row.decode("urgent")
                ))
            }
            // Lines far enough behind the newest are taken as told for good.
            let newFloor = max(floor, (seen.max() ?? floor) - DeskCursor.lookback)
            next.floor[kind] = newFloor
            next.seen[kind] = seen.filter { $0 > newFloor }
        }
        return (events.sorted { ($0.at, $0.kind.rawValue, $0.id) < ($1.at, $1.kind.rawValue, $1.id) }, next)
    }
}
