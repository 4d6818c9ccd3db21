#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// The lifecycle, in one place:
///
/// | action | from | to | who may |
/// | --- | --- | --- | --- |
/// | create | — | draft | reporter, editor, chief |
/// | edit | draft | draft | the author, editors, chief |
/// | edit | in_review | in_review | the assigned editor, chief |
/// | edit | approved, scheduled | in_review | the assigned editor, chief |
/// | correct | published | published | editor, chief |
/// | assign | draft, in_review | same | editor, chief |
/// | submit | draft | in_review | the author, editors, chief; needs an assigned editor |
/// | return | in_review | draft | the assigned editor, chief |
/// | approve | in_review | approved | the assigned editor or chief, never the author |
/// | publish | approved | published | editor, chief |
/// | schedule | approved | scheduled | editor, chief |
/// | unschedule | scheduled | approved | editor, chief |
/// | publish_skip_review | draft, in_review | published | chief |
/// | publish_scheduled | scheduled | published | the scheduler, for whoever scheduled it |
/// | withdraw | published | withdrawn | chief |
/// | set_expiry | scheduled, published | same | editor, chief |
/// | expire | published | withdrawn | the scheduler, for whoever set the expiry |
/// | erase | published, withdrawn | withdrawn | an admin, confirming a chief's order |
/// | erase | draft, in_review, approved, scheduled, spiked | spiked | an admin, confirming a chief's order |
/// | spike | draft, in_review, approved | spiked | editor, chief |
/// | restore | spiked | draft | editor, chief |
public enum Workflow {
    /// Where `action` takes a story in `status`, or nil when it cannot happen there.
    public static func target(of action: StoryAction, from status: StoryStatus?) -> StoryStatus? {
        switch (action, status) {
        case (.create, nil): .draft
        case (.edit, .draft?): .draft
        case (.edit, .inReview?), (.edit, .approved?), (.edit, .scheduled?): .inReview
        case (.correct, .published?): .published
        case (.assign, .draft?): .draft
        case (.assign, .inReview?): .inReview
        case (.submit, .draft?): .inReview
        case (.return, .inReview?): .draft
        case (.approve, .inReview?): .approved
        case (.publish, .approved?): .published
        case (.schedule, .approved?): .scheduled
        case (.unschedule, .scheduled?): .approved
        case (.publishSkippingReview, .draft?), (.publishSkippingReview, .inReview?): .published
        case (.publishScheduled, .scheduled?): .published
        case (.withdraw, .published?): .withdrawn
        case (.setExpiry, .scheduled?): .scheduled
        case (.setExpiry, .published?): .published
        case (.expire, .published?): .withdrawn
        case (.erase, .published?), (.erase, .withdrawn?): .withdrawn
        case (.erase, .draft?), (.erase, .inReview?), (.erase, .approved?), (.erase, .scheduled?), (.erase, .spiked?): .spiked
        case (.spike, .draft?), (.spike, .inReview?), (.spike, .approved?): .spiked
        case (.restore, .spiked?): .draft
        default: nil
        }
    }

    /// Every (action, from, to) the table allows, `from` nil for `create`: the list the
    /// database's `story_actions` table holds (a test keeps them equal).
    public static var actionTable: [(action: StoryAction, from: StoryStatus?, to: StoryStatus)] {
        var rows: [(StoryAction, StoryStatus?, StoryStatus)] = []
        for action in StoryAction.allCases {
            for from in [nil] + StoryStatus.allCases.map(Optional.some) {
                if let to = target(of: action, from: from) { rows.append((action, from, to)) }
            }
        }
        return rows
    }

    /// What an action does to a story besides its status: which times it stamps and what
    /// becomes of a schedule. The store writes exactly this; nothing decides it in SQL.
    public static func effects(of action: StoryAction, from status: StoryStatus?) -> StoryEffects? {
        guard let to = target(of: action, from: status) else { return nil }
        var stamps: Set<StoryEffects.Stamp> = []
        if action == .submit { stamps.insert(.submitted) }
        if action == .approve { stamps.insert(.approved) }
        if to == .published && status != .published { stamps.insert(.published) }
        if to == .withdrawn && status != .withdrawn { stamps.insert(.withdrawn) }
        // A schedule is set by scheduling; publication, a correction and a withdrawal keep
        // when and by whom it was set; anything else (unscheduling, back to review) clears it.
        let schedule: StoryEffects.ScheduleChange =
            action == .schedule ? .set : [.scheduled, .published, .withdrawn].contains(to) ? .keep : .clear
        // An expiry is set by the actions that may set it; it lasts while the story is
        // scheduled or published, and stays on an expired story as the time it came off.
        let expiry: StoryEffects.ScheduleChange =
            action.setsExpiry ? .set : action == .expire || [.scheduled, .published].contains(to) ? .keep : .clear
        // An embargo comes with a schedule and holds until the story is out; a withdrawal
        // drops it (a withdrawn story is published no more, so nothing is left to hold back).
        let embargo: StoryEffects.ScheduleChange = to == .withdrawn ? .clear : action == .schedule ? .set : .keep
        return StoryEffects(to: to, stamps: stamps, schedule: schedule, expiry: expiry, embargo: embargo)
    }

    /// The actions a story in `status` allows (for anyone), in the table's order.
    public static func actions(from status: StoryStatus) -> [StoryAction] {
        // Erasure is the law's, not the desk's: never offered as a next step.
        StoryAction.allCases.filter { $0 != .create && $0 != .erase && target(of: $0, from: status) != nil }
    }

    /// Every status change the table allows: the database refuses all others.
    public static var allowedMoves: Set<Move> {
        var moves: Set<Move> = []
        for action in StoryAction.allCases {
            for status in StoryStatus.allCases {
                if let to = target(of: action, from: status), to != status { moves.insert(Move(from: status, to: to)) }
            }
        }
        return moves
    }

    public struct Move: Hashable, Sendable {
        public let from: StoryStatus
        public let to: StoryStatus

        public init(from: StoryStatus, to: StoryStatus) {
            self.from = from
            self.to = to
        }
    }
}
