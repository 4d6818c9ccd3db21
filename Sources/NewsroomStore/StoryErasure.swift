#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif
import NewsroomCore
import PostgresClient

/// A chief's order to erase a story's text, waiting for an admin to confirm it.
public struct ErasureOrder: Sendable, Equatable {
    public var storyID: StoryID
    public var order: String
    public var requestedBy: Handle
    public var requestedAt: Date
}

extension NewsroomStore {
    /// The first of the two people: an active chief gives the order (its reference as the
    /// court or authority gives it). Nothing is erased until an admin confirms it (`erase`).
    public func orderErasure(_ id: StoryID, order: String, by actor: Actor) throws -> ErasureOrder {
        try write(by: actor) {
            let (_, facts) = try lockedStory(id, exclusive: false)
            try check {
                try Workflow.authorizeErasureOrder(story: facts, by: actor)
                if try !connection.query("SELECT 1 FROM story_erasure_orders WHERE story_id = $1 AND order_ref = $2", [id.rawValue, order]).isEmpty {
                    throw NewsroomError(.invalidState, "the order to erase story \(id) under \u{2068}\(order)\u{2069} was given already; an admin confirms it with --confirm")
                }
            }
            let row = try connection.queryOne(
                "INSERT INTO story_erasure_orders (story_id, order_ref, requested_by) VALUES ($1, $2, $3) RETURNING order_ref, requested_by, requested_at",
                [id.rawValue, order, actor.name]
            )
            return try Self.erasureOrder(row, of: id)
        }
    }

    /// The orders given to erase a story, oldest first.
    public func erasureOrders(_ id: StoryID) throws -> [ErasureOrder] {
        try connection.query(
            "SELECT order_ref, requested_by, requested_at FROM story_erasure_orders WHERE story_id = $1 ORDER BY id", [id.rawValue]
        ).map { try Self.erasureOrder($0, of: id) }
    }

    static func erasureOrder(_ row: PostgresRow, of id: StoryID) throws -> ErasureOrder {
        ErasureOrder(storyID: id, order: try row.decode("order_ref"), requestedBy: Handle(rawValue: try row.decode("requested_by")),
                     requestedAt: try row.decode("requested_at"))
    }

    /// The second person: an admin confirms a chief's order. In one transaction the story's
    /// text and every revision's become the tombstone, the story leaves publication
    /// (withdrawn; spiked if it was never out), its ticker lines end, and history gains a
    /// line naming the order, who gave it and when. The story changes no more after.
    public func erase(_ id: StoryID, order: String, ifVersion: Int?, by actor: Actor) throws -> TransitionOutcome {
        try write(by: actor) {
            let (current, locked) = try lock(id, ifVersion: ifVersion)
            var facts = locked
            let orders = try erasureOrders(id)
            facts.erasureOrders = orders.map(\.order)
            try checkLease(facts, action: .erase, by: actor)
            let effects = try decide(StoryRequest(.erase, order: order), story: facts, by: actor)
            let row = try connection.queryOne(
                """
                UPDATE stories s SET \(Self.moveAssignments), erased_at = now(),
                       erasure_order = (SELECT o.id FROM story_erasure_orders o WHERE o.story_id = s.id AND o.order_ref = $16)
                 WHERE s.id = $1 RETURNING \(Self.moveColumns)
                """,
                [id.rawValue] + Self.moveParameters(effects, editor: nil, publishAt: nil, by: actor) + [order]
            )
            let version: Int = try row.decode("version")
            let erased = EditorialText.erased
            try connection.query(
                "UPDATE story_texts SET version = $2, headline = $3, dateline = NULL, body = $4, body_text = NULL WHERE story_id = $1", [id.rawValue, version, erased, erased]
            )
            let revisions = try connection.query(
                """
                UPDATE story_revisions SET headline = $2, dateline = NULL, body = $3
                 WHERE story_id = $1 AND (headline <> $2 OR body <> $3 OR dateline IS NOT NULL) RETURNING version
                """,
                [id.rawValue, erased, erased]
            ).count
            let photos = try erasePhotos(of: id)
            let story = try Story(row: row, headline: erased, dateline: nil, body: erased)
            var note = "erased under order \(order)"
            if let given = orders.first(where: { $0.order == order }) {
                note += ", given by \(given.requestedBy) at \(try time().iso(given.requestedAt))"
            }
            note += "; its text and \(revisions) earlier revision\(revisions == 1 ? "" : "s")"
            if photos > 0 { note += ", and \(photos) photo\(photos == 1 ? "" : "s") only it used" }
            return try conclude(.erase, story: story, from: current, note: note, by: actor, because: "story \(id) was erased under an order")
        }
    }
}
