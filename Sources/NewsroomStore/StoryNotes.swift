#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// Notes on stories (Migrations/0019): threads, replies, resolved and reopened. The notes'
/// own tables are their record (append-only, each line with who and when); a note is no
/// change to the story, so it makes no version and no line in the story's history.
extension NewsroomStore {
    /// Adds a note to a story, or a reply to one of its threads. Mentions are the @handles of
    /// the text that are staff members' (others are plain text: a quoted account, an address).
    public func addNote(to id: StoryID, text: String, replyTo: NoteID?, by actor: Actor) throws -> StoryNote {
        try check { try DeskNotes.authorize(by: actor) }
        return try write(by: actor) {
            _ = try story(id)
            if let replyTo {
                let thread = try note(replyTo)
                try check {
                    guard thread.story == id else {
                        throw NewsroomError(.invalidInput, "note \(replyTo) is on story \(thread.story), not \(id); reply on its own story")
                    }
                    if let first = thread.replyTo {
                        throw NewsroomError(.invalidInput, "note \(replyTo) is a reply; reply to its thread, note \(first)")
                    }
                }
            }
            let candidates = DeskNotes.mentions(in: text).map(\.rawValue)
            let mentions: [String] = candidates.isEmpty ? [] : try connection.query(
                "SELECT handle FROM staff WHERE handle = ANY ($1::text[]) ORDER BY array_position($1::text[], handle)",
                [PostgresTextArray(candidates)]
            ).map { try $0.decode("handle") }
            let row = try connection.queryOne(
                """
                INSERT INTO story_notes AS n (story_id, reply_to, author, text, mentions) VALUES ($1, $2, $3, $4, $5::text[])
                RETURNING \(Self.noteColumns)
                """,
                [id.rawValue, replyTo?.rawValue, actor.name, text, PostgresTextArray(mentions)]
            )
            return try Self.note(row)
        }
    }

    /// Resolves (or reopens) a thread.
    public func setNote(_ id: NoteID, resolved: Bool, by actor: Actor) throws -> NoteThread {
        try check { try DeskNotes.authorize(by: actor) }
        return try write(by: actor) {
            let first = try note(id, locking: true)
            let current = try threads(of: first.story).first { $0.note.id == first.id }
            try check { try DeskNotes.checkMove(of: first, resolving: resolved, thread: current ?? NoteThread(note: first, replies: [], resolution: nil)) }
            try connection.query(
                "INSERT INTO story_note_states (note_id, story_id, resolved, actor) VALUES ($1, $2, $3, $4)",
                [id.rawValue, first.story.rawValue, resolved, actor.name]
            )
            return try threads(of: first.story).first { $0.note.id == first.id } ?? NoteThread(note: first, replies: [], resolution: nil)
        }
    }

    /// A story's threads, oldest first, each with its replies and its state.
    public func threads(of id: StoryID) throws -> [NoteThread] {
        let notes = try connection.query(
            "SELECT \(Self.noteColumns) FROM story_notes n WHERE n.story_id = $1 ORDER BY n.id", [id.rawValue]
        ).map(Self.note)
        if notes.isEmpty { _ = try story(id) }  // "no story N" rather than no notes
        let states = try connection.query(
            """
            SELECT DISTINCT ON (note_id) note_id, resolved, actor, at FROM story_note_states
             WHERE story_id = $1 ORDER BY note_id, id DESC
            """,
            [id.rawValue]
        )
        var resolutions: [NoteID: NoteThread.Resolution] = [:]
        for row in states {
            resolutions[NoteID(rawValue: try row.decode("note_id"))] = NoteThread.Resolution(
                resolved: try row.decode("resolved"), by: Handle(rawValue: try row.decode("actor")), at: try row.decode("at")
            )
        }
        let replies = Dictionary(grouping: notes.filter { $0.replyTo != nil }, by: { $0.replyTo! })
        return notes.filter { $0.replyTo == nil }.map { NoteThread(note: $0, replies: replies[$0.id] ?? [], resolution: resolutions[$0.id]) }
    }

    func note(_ id: NoteID, locking: Bool = false) throws -> StoryNote {
        let rows = try connection.query(
            "SELECT \(Self.noteColumns) FROM story_notes n WHERE n.id = $1\(locking ? " FOR UPDATE" : "")", [id.rawValue]
        )
        guard let row = rows.first else { throw NewsroomError.notFound("note", String(id.rawValue), hint: "see newsroom story notes STORY") }
        return try Self.note(row)
    }

    static let noteColumns = "n.id, n.story_id, n.reply_to, n.author, n.at, n.text, n.mentions"

    static func note(_ row: PostgresRow) throws -> StoryNote {
        StoryNote(
            id: NoteID(rawValue: try row.decode("id")),
            story: StoryID(rawValue: try row.decode("story_id")),
            replyTo: try row.decode("reply_to", as: Int64?.self).map(NoteID.init(rawValue:)),
            author: Handle(rawValue: try row.decode("author")),
            at: try row.decode("at"),
            text: try row.decode("text"),
            mentions: try row.decode("mentions", as: [String].self).map(Handle.init(rawValue:))
        )
    }
}
