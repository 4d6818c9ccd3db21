#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

extension NewsroomStore {
    /// A story's own row: what a move changes (its text is in `story_texts`).
    static let moveColumns = """
        id, section, author, editor, status, version, created_at, updated_at,
        submitted_at, approved_at, publish_at, published_at, withdrawn_at, embargo_until, expire_at, expire_by, erased_at
        """

    /// A whole story, from `storyTables`.
    static let storyColumns = """
        s.id, t.headline, s.section, t.dateline, t.body, s.author, s.editor, s.status, s.version, s.created_at, s.updated_at,
        s.submitted_at, s.approved_at, s.publish_at, s.published_at, s.withdrawn_at, s.embargo_until, s.expire_at, s.expire_by, s.erased_at
        """
    static let storyTables = "stories s JOIN story_texts t ON t.story_id = s.id"

    static func noStory(_ id: StoryID) -> NewsroomError {
        NewsroomError.notFound("story", String(id.rawValue), hint: "see newsroom story list")
    }
}

extension Story {
    var facts: StoryFacts {
        var facts = StoryFacts(id: id, status: status, author: author, editor: editor, embargoUntil: embargoUntil)
        facts.publishAt = publishAt
        facts.erased = erasedAt != nil
        return facts
    }

    /// A whole story (`storyColumns`).
    init(row: PostgresRow) throws {
        try self.init(row: row, headline: try row.decode("headline"), dateline: try row.decode("dateline"), body: try row.decode("body"))
    }

    /// A story's own row (`moveColumns`), with its text as read or written beside it.
    init(row: PostgresRow, headline: String, dateline: String?, body: String) throws {
        self.init(
            id: StoryID(rawValue: try row.decode("id")),
            headline: headline,
            section: SectionSlug(rawValue: try row.decode("section")),
            dateline: dateline,
            body: body,
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
        embargoUntil = try row.decode("embargo_until")
        expireAt = try row.decode("expire_at")
        expireBy = try row.decode("expire_by", as: String?.self).map(Handle.init(rawValue:))
        erasedAt = try row.decode("erased_at")
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
            scheduledFor: try row.decode("scheduled_for"),
            login: try row.decode("acted_by_login")
        )
        expiresAt = try row.decode("expires_at")
    }
}
