#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// Everything that can happen to a story; stored in history by its raw value.
public enum StoryAction: String, Sendable, CaseIterable, Codable {
    case create
    case edit
    /// An edit of a published story, with a note saying what was corrected.
    case correct
    case assign
    case submit
    case `return`
    case approve
    case publish
    /// Publication set for a later time (`story publish --at`).
    case schedule
    case unschedule
    /// Breaking news: straight to published by the chief, with a reason.
    case publishSkippingReview = "publish_skip_review"
    /// The scheduler publishing a scheduled story at its time.
    case publishScheduled = "publish_scheduled"
    case withdraw
    /// Setting (or cancelling) the time a published or scheduled story expires
    /// (`story expire ID --at T`, `story publish --expire-at T`).
    case setExpiry = "set_expiry"
    /// The scheduler taking a story off at the time set, for whoever set it: withdrawn,
    /// without a chief's reason (a withdrawal itself stays a chief's).
    case expire
    /// Erasing a story's text and every revision's under a court's or authority's order: a
    /// chief orders it (`story erase ID --order REF`), an admin confirms it (`--confirm`),
    /// which is this action. Published stories leave publication, others are spiked.
    case erase
    case spike
    case restore

    /// Actions that need a note saying why (a return, a correction, a breaking publication, a withdrawal).
    public var requiresNote: Bool {
        switch self {
        case .return, .correct, .publishSkippingReview, .withdraw: true
        default: false
        }
    }

    /// Actions whose history line records the time publication was set for.
    public var recordsScheduledTime: Bool { self == .schedule || self == .publishScheduled }

    /// Actions that may set when a story expires: publishing it (any way but by the
    /// scheduler, which keeps the time set with the schedule) and `story expire`.
    public var setsExpiry: Bool { [.publish, .schedule, .publishSkippingReview, .setExpiry].contains(self) }

    /// Actions whose history line records the time the story was set to expire at.
    public var recordsExpiryTime: Bool { setsExpiry || self == .expire }

    /// Actions only the scheduler performs, in the name of whoever asked for them.
    public var isTheSchedulers: Bool { self == .publishScheduled || self == .expire }

    /// How a person types it.
    public var command: String {
        switch self {
        case .create: "draft create"
        case .edit: "story edit"
        case .correct: "story edit --correction"
        case .publishSkippingReview: "story publish --skip-review"
        case .schedule: "story publish --at"
        case .publishScheduled, .expire: "scheduler"
        case .setExpiry: "story expire"
        case .erase: "story erase --confirm"
        default: "story \(rawValue)"
        }
    }
}
