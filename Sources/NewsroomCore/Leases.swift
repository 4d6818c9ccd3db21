#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A lease on a story while someone edits its text in their editor (Migrations/0024).
public struct EditLease: Sendable, Equatable {
    public let story: StoryID
    public let holder: Handle
    public let since: Date
    public let expiresAt: Date
    /// Whose lease this one broke, if it was taken over.
    public let takenFrom: Handle?

    public init(story: StoryID, holder: Handle, since: Date, expiresAt: Date, takenFrom: Handle?) {
        self.story = story
        self.holder = holder
        self.since = since
        self.expiresAt = expiresAt
        self.takenFrom = takenFrom
    }
}

/// The lease's rules; the database's `stories_respect_lease` holds the same.
public enum LeaseRules {
    /// The longest lease the setting takes (a day: an editor left open overnight is not editing).
    public static let longest: TimeInterval = 86_400

    /// Whether `actor` may change story `lease.story` now: nobody else holds an unexpired lease
    /// on it; the scheduler's publication, a withdrawal and an erasure never wait for one.
    public static func check(_ lease: EditLease?, action: StoryAction, by actor: Actor, now: Date, time: NewsroomTime) throws(NewsroomError) {
        guard let lease, lease.expiresAt > now, blocks(lease, action: action, by: actor) else { return }
        throw refusal(lease, time: time)
    }

    /// Whether an unexpired `lease` keeps `actor` from `action`.
    public static func blocks(_ lease: EditLease, action: StoryAction, by actor: Actor) -> Bool {
        lease.holder.rawValue != actor.name && actor != .scheduler && action != .withdraw && action != .erase
    }

    /// What someone kept out by a lease is told.
    public static func refusal(_ lease: EditLease, time: NewsroomTime) -> NewsroomError {
        NewsroomError(
            .conflict,
            "story \(lease.story) is being edited by \(lease.holder) (since \(time.human(lease.since)), until \(time.human(lease.expiresAt)) unless renewed); "
                + "try again when they are done, or an editor or chief takes it over with story edit \(lease.story) --take-over"
        )
    }

    /// Breaking someone else's lease is an editor's or a chief's.
    public static func authorizeTakeOver(by actor: Actor) throws(NewsroomError) {
        guard case .staff(let member) = actor, member.active, member.role.isEditorial else {
            throw NewsroomError(.notAllowed, "--take-over: only editors and chiefs may take over another's edit (acting as \(actor.name))")
        }
    }
}
