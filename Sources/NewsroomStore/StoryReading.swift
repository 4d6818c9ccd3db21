#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

extension NewsroomStore {
    public func story(_ id: StoryID) throws -> Story {
        let rows = try connection.query("SELECT \(Self.storyColumns) FROM \(Self.storyTables) WHERE s.id = $1", [id.rawValue])
        guard let row = rows.first else { throw Self.noStory(id) }
        return try Story(row: row)
    }

    /// The story and the facts the rules look at (its editor's standing, a live lease), read
    /// without a lock: what a front end asks `Workflow.offered` about.
    public func storyAndFacts(_ id: StoryID) throws -> (story: Story, facts: StoryFacts) {
        try lockedStory(id, exclusive: nil)
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
        // One statement; an absent filter is a NULL parameter, so the text never varies. A day
        // is a range of instants (the zone's midnight to the next), so the index on updated_at serves it.
        let zone = filter.day == nil ? nil : try time().zone.identifier
        let stories = try connection.query(
            """
            SELECT \(Self.storyColumns), \(Self.openNotes) AS open_notes FROM \(Self.storyTables)
             WHERE ($1::text IS NULL OR s.status = $1)
               AND ($7::date IS NULL OR (s.updated_at >= ($7::date)::timestamp AT TIME ZONE $8
                                         AND s.updated_at < ($7::date + 1)::timestamp AT TIME ZONE $8))
               AND ($2::text IS NULL OR s.section = $2)
               AND ($3::text IS NULL OR s.editor = $3)
               AND ($4::text IS NULL OR s.author = $4)
               AND ($6::bigint IS NULL OR (s.updated_at, s.id) < (SELECT a.updated_at, a.id FROM stories a WHERE a.id = $6))
               AND (NOT $9::boolean OR EXISTS (SELECT 1 FROM story_wire_origins o JOIN wire_items w ON w.id = o.item_id
                                                WHERE o.story_id = s.id AND w.killed_at IS NOT NULL))
             ORDER BY s.updated_at DESC, s.id DESC
             LIMIT $5
            """,
            [filter.status?.rawValue, filter.section?.rawValue, filter.editor?.rawValue, filter.author?.rawValue, filter.limit + 1,
             filter.after?.rawValue, filter.day?.description, zone, filter.wireKilled]
        ).map { row in
            var story = try Story(row: row)
            story.openNotes = try row.decode("open_notes")
            return story
        }
        return Page(items: Array(stories.prefix(filter.limit)), hasMore: stories.count > filter.limit)
    }

    /// How many threads of notes on the story `s` are open (not resolved, or reopened).
    static let openNotes = """
        (SELECT count(*) FROM story_notes n
          WHERE n.story_id = s.id AND NOT n.is_reply
            AND NOT coalesce((SELECT st.resolved FROM story_note_states st WHERE st.note_id = n.id ORDER BY st.id DESC LIMIT 1), false))
        """

    public func history(_ id: StoryID) throws -> [HistoryEntry] {
        let rows = try connection.query(
            """
            SELECT h.at, h.actor, h.action, h.from_status, h.to_status, h.version, h.note, h.scheduled_for, h.expires_at,
                   CASE WHEN h.login IS DISTINCT FROM (SELECT s.login FROM staff s WHERE s.handle = h.actor) THEN h.login END AS acted_by_login
              FROM story_history h WHERE h.story_id = $1 ORDER BY h.id
            """,
            [id.rawValue]
        )
        if rows.isEmpty { _ = try story(id) }  // says "no story N" when there is none
        return try rows.map { try HistoryEntry(row: $0) }
    }
}

extension NewsroomStore {
    /// The change between two versions of a story's text. Without `to`, the current version;
    /// without `from`, the version before the last change of text up to `to` (so that a bare
    /// `story diff` shows the latest edit, however many moves came after it).
    public func diff(_ id: StoryID, from: Int?, to: Int?) throws -> StoryDiff {
        let current = try story(id)
        let new = try to.map { try story(id, asOf: $0) } ?? current
        let fromVersion: Int
        if let from {
            fromVersion = from
        } else {
            fromVersion = try connection.queryOne(
                """
                SELECT coalesce(max(r.version) FILTER (WHERE r.version < t.version), t.version) AS version
                  FROM story_revisions r,
                       (SELECT max(q.version) AS version FROM story_revisions q WHERE q.story_id = $1 AND q.version <= $2) t
                 WHERE r.story_id = $1
                 GROUP BY t.version
                """,
                [id.rawValue, new.version]
            ).decode("version")
        }
        return StoryDiff(id: id, from: try story(id, asOf: fromVersion), to: new)
    }
}
