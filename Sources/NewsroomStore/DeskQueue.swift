import NewsroomCore
import PostgresClient

/// What a person's desk lists beside their drafts and their reviews: notes that name them
/// and are still open, and their stories an editor returned, with the editor's note.
extension NewsroomStore {
    /// Open notes (the thread's first note not resolved, or reopened) that mention `handle`,
    /// newest first.
    public func openNotes(mentioning handle: Handle, limit: Int = 50) throws -> [StoryNote] {
        try connection.query(
            """
            SELECT \(Self.noteColumns) FROM story_notes n
             WHERE $1 = ANY (n.mentions)
               AND NOT coalesce((SELECT st.resolved FROM story_note_states st
                                  WHERE st.note_id = coalesce(n.reply_to, n.id) ORDER BY st.id DESC LIMIT 1), false)
             ORDER BY n.id DESC LIMIT $2
            """,
            [handle.rawValue, limit]
        ).map(Self.note)
    }

    /// `author`'s drafts whose last move was an editor returning them, with that move's note.
    public func returnedStories(to author: Handle, limit: Int = 50) throws -> [(story: Story, note: String?)] {
        let rows = try connection.query(
            """
            SELECT \(Self.storyColumns), h.note AS return_note
              FROM \(Self.storyTables)
              JOIN LATERAL (SELECT action, note FROM story_history WHERE story_id = s.id ORDER BY id DESC LIMIT 1) h ON h.action = 'return'
             WHERE s.author = $1 AND s.status = 'draft'
             ORDER BY s.updated_at DESC LIMIT $2
            """,
            [author.rawValue, limit]
        )
        return try rows.map { (try Story(row: $0), try $0.decode("return_note", as: String?.self)) }
    }
}
