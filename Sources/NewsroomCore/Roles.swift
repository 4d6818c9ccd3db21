/// What a staff member is in the newsroom; it decides what they may do.
public enum Role: String, Sendable, CaseIterable, Codable {
    case reporter
    case editor
    case chief
    /// Runs the tool (staff, sections, settings); not an editorial role.
    case admin

    /// Editors and the chief review, approve and publish.
    public var isEditorial: Bool { self == .editor || self == .chief }
    /// Who may write drafts.
    public var writes: Bool { self == .reporter || self == .editor || self == .chief }

    public static func parse(_ text: String) throws(NewsroomError) -> Role {
        guard let role = Role(rawValue: text) else {
            throw .invalid("role", "\"\(text)\" is not a role; use one of: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return role
    }
}

/// Where a story is in its life. See `Workflow` for the moves between them.
public enum StoryStatus: String, Sendable, CaseIterable, Codable {
    case draft
    case inReview = "in_review"
    case approved
    case scheduled
    case published
    case withdrawn
    /// Killed before publication; can be restored to a draft.
    case spiked

    public static func parse(_ text: String) throws(NewsroomError) -> StoryStatus {
        guard let status = StoryStatus(rawValue: text) else {
            throw .invalid("status", "\"\(text)\" is not a status; use one of: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return status
    }
}
