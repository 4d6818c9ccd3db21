/// The kinds of one-line text the newsroom keeps, with their limits: the one table both
/// the Swift rules and the database's constraints are generated from (see Migrations/0009).
public enum LineKind: String, Sendable, CaseIterable {
    case headline
    case dateline
    case staffName = "staff name"
    case sectionName = "section name"
    /// Notes and reasons in history, cancellation and end reasons of ticker lines.
    case note
    case tickerText = "ticker text"
    /// A story's budget line: one sentence on what it will say.
    case budgetLine = "budget line"
    /// The reference of a court's or authority's order to erase a story.
    case erasureOrder = "erasure order"
    /// A photo's text alternative, for readers who cannot see it (screen readers, no images).
    case photoAlt = "alt text"
    /// What a photo shows, under it on the page.
    case photoCaption = "caption"
    /// Who made a photo, or the agency it came from.
    case photoCredit = "credit"
    /// An agency item's own lines: its slugline, credit line, byline, place (0032).
    case wireLine = "wire line"
    /// An agency item's identifier (NewsML-G2 guid, ninjs uri).
    case wireGuid = "wire guid"

    /// Characters as a reader counts them (grapheme clusters).
    public var limit: Int {
        switch self {
        case .headline: 250
        case .dateline, .staffName, .sectionName: 100
        case .note: 1000
        case .tickerText, .budgetLine, .erasureOrder, .photoAlt: 200
        case .photoCaption: 500
        case .photoCredit: 100
        case .wireLine: 250
        case .wireGuid: 1000
        }
    }

    /// The ceiling in code points, which the database checks too (`newsroom_is_line`).
    public var codePointLimit: Int { limit * EditorialText.codePointsPerCharacter }

    /// The option that names it, for messages.
    public var field: String {
        switch self {
        case .headline: "headline"
        case .dateline: "dateline"
        case .staffName, .sectionName: "name"
        case .note: "note"
        case .tickerText: "text"
        case .budgetLine: "line"
        case .erasureOrder: "order"
        case .photoAlt: "alt"
        case .photoCaption: "caption"
        case .photoCredit: "credit"
        case .wireLine: "line"
        case .wireGuid: "guid"
        }
    }
}
