#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import NewsroomCore
import NewsroomStore

/// Maps any error to the exit-code contract and a message a person can act on.
/// 0 success · 1 refused · 64 usage · 69 database unreachable · 75 conflict, retry ·
/// 78 configuration (an environment variable, this machine's time-zone data).
/// What a database error means is the store's to say (`NewsroomSession.explain`).
public struct Failure {
    public let exitCode: Int32
    public let message: String

    public static let refused: Int32 = 1
    public static let usage: Int32 = 64
    public static let unreachable: Int32 = 69
    public static let conflict: Int32 = 75
    public static let configuration: Int32 = 78

    public init(_ error: any Error) {
        if let error = error as? ValidationError {
            exitCode = Failure.usage
            message = error.message
            return
        }
        let explained = NewsroomSession.explain(error)
        exitCode = switch explained.kind {
        case .conflict: Failure.conflict
        case .configuration: Failure.configuration
        case .unavailable: Failure.unreachable
        case .invalidInput, .notAllowed, .invalidState, .notFound: Failure.refused
        }
        message = explained.message
    }
}

extension ParsableCommand {
    /// A companion binary's entry (`newsroom-media`, `newsroom-wire`), as `newsroom`'s: a usage
    /// error is two lines (what is wrong, where help is), and the exit code says what kind.
    public static func companionMain(help verb: String) {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            Terminal.error(message(for: error))
            Terminal.note("See 'newsroom \(verb) --help' or 'newsroom \(verb) COMMAND --help'.")
            Glibc.exit(code.rawValue)
        }
    }
}
