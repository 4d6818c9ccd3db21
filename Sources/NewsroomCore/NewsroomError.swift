/// A refusal or failure the newsroom explains to a person. Each case says what was
/// wrong and, where there is one, what to do; the CLI maps the kind to an exit code.
public struct NewsroomError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The input is not acceptable (a field's value breaks a rule).
        case invalidInput
        /// The acting person may not do this.
        case notAllowed
        /// The story's state does not allow this move.
        case invalidState
        /// No such story, person, section, …
        case notFound
        /// Someone changed the data first, or holds it now: try again.
        case conflict
        /// The setup is wrong (an environment variable, missing time-zone data): fix it, then retry.
        case configuration
        /// The database cannot be reached, or refused the login.
        case unavailable
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public static func invalid(_ field: String, _ rule: String) -> NewsroomError {
        NewsroomError(.invalidInput, "\(field): \(rule)")
    }

    public static func notFound(_ what: String, _ key: String, hint: String) -> NewsroomError {
        NewsroomError(.notFound, "no \(what) \(key); \(hint)")
    }
}
