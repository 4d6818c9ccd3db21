#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// Edit leases (Migrations/0024): taken when the editor opens, renewed while it runs, given
/// back when it closes; the database holds everyone else to them.
extension NewsroomStore {
    /// How long a lease lasts unless renewed (the `edit.lease` setting).
    public func leaseDuration() throws -> TimeInterval {
        try NewsroomTime.duration(try setting(.editLease), field: "edit.lease", max: LeaseRules.longest)
    }

    /// The unexpired lease on a story, if any.
    public func lease(of id: StoryID) throws -> EditLease? {
        try connection.query(
            "SELECT \(Self.leaseColumns) FROM story_leases l WHERE l.story_id = $1 AND l.expires_at > now()", [id.rawValue]
        ).first.map(Self.lease)
    }

    /// Takes the lease to edit a story's text: free, expired, or already the actor's; another's
    /// only with `takeOver` (editors and chiefs). Two people at once: exactly one gets it.
    /// The actor must be one who may edit the story (a published one: correct it, with the
    /// `correction` the save will record).
    public func takeLease(_ id: StoryID, for duration: TimeInterval, takeOver: Bool, correction: String? = nil, by actor: Actor) throws -> EditLease {
        if takeOver { try check { try LeaseRules.authorizeTakeOver(by: actor) } }
        return try write(by: actor) {
            let (_, facts) = try lockedStory(id, exclusive: false)
            let action: StoryAction = facts.status == .published ? .correct : .edit
            try check { _ = try Workflow.decide(StoryRequest(action, note: correction), story: facts, by: actor) }
            let rows = try connection.query(
                """
                INSERT INTO story_leases AS l (story_id, holder, since, expires_at)
                VALUES ($1, $2, now(), now() + $3 * interval '1 second')
                ON CONFLICT (story_id) DO UPDATE
                   SET holder = EXCLUDED.holder, since = now(), expires_at = EXCLUDED.expires_at,
                       taken_from = CASE WHEN l.holder <> EXCLUDED.holder AND l.expires_at > now() THEN l.holder END
                 WHERE l.expires_at <= now() OR l.holder = EXCLUDED.holder OR $4
                RETURNING \(Self.leaseColumns)
                """,
                [id.rawValue, actor.name, duration, takeOver]
            )
            if let row = rows.first { return try Self.lease(row) }
            try LeaseRules.check(try lease(of: id), action: .edit, by: actor, now: try now(), time: try time())
            throw NewsroomError(.conflict, "story \(id) is being edited by someone else; try again in a moment")
        }
    }

    /// Keeps the actor's lease for another `duration`; false when it is no longer theirs
    /// (it ran out and someone took it, or it was taken over).
    public func renewLease(_ id: StoryID, for duration: TimeInterval, by actor: Actor) throws -> Bool {
        try write(by: actor, rollback: false) {
            !(try connection.query(
                "UPDATE story_leases SET expires_at = now() + $3 * interval '1 second' WHERE story_id = $1 AND holder = $2 RETURNING story_id",
                [id.rawValue, actor.name, duration]
            ).isEmpty)
        }
    }

    /// Gives the lease back (when it is still the actor's).
    public func releaseLease(_ id: StoryID, by actor: Actor) throws {
        try write(by: actor, rollback: false) {
            try connection.query("DELETE FROM story_leases WHERE story_id = $1 AND holder = $2", [id.rawValue, actor.name])
        }
    }

    static let leaseColumns = "l.story_id, l.holder, l.since, l.expires_at, l.taken_from"

    static func lease(_ row: PostgresRow) throws -> EditLease {
        EditLease(
            story: StoryID(rawValue: try row.decode("story_id")), holder: Handle(rawValue: try row.decode("holder")),
            since: try row.decode("since"), expiresAt: try row.decode("expires_at"),
            takenFrom: try row.decode("taken_from", as: String?.self).map(Handle.init(rawValue:))
        )
    }
}
