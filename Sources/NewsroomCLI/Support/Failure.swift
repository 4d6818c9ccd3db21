import ArgumentParser
import NewsroomCore
import NewsroomStore
import PostgresClient

/// Maps any error to the exit-code contract and a message a person can act on.
/// 0 success · 1 refused · 64 usage · 69 database unreachable · 75 conflict, retry ·
/// 78 configuration (an environment variable, this machine's time-zone data).
struct Failure {
    let exitCode: Int32
    let message: String

    static let refused: Int32 = 1
    static let usage: Int32 = 64
    static let unreachable: Int32 = 69
    static let conflict: Int32 = 75
    static let configuration: Int32 = 78

    init(_ error: any Error) {
        switch error {
        case let error as NewsroomError:
            exitCode = switch error.kind {
            case .conflict: Failure.conflict
            case .configuration: Failure.configuration
            case .invalidInput, .notAllowed, .invalidState, .notFound: Failure.refused
            }
            message = error.message
        case let error as ValidationError:
            exitCode = Failure.usage
            message = error.message
        case let error as MigrationError:
            exitCode = Failure.refused
            message = error.description
        case let error as PostgresError:
            (exitCode, message) = Failure.describe(error)
        default:
            exitCode = Failure.refused
            message = "\(error)"
        }
    }

    private static func describe(_ error: PostgresError) -> (Int32, String) {
        switch error {
        case .connectionFailed(let message):
            // The server answered and said no: say which no, not "is the server running?".
            let reason = serverReason(message)
            if reason.contains("database \""), reason.contains("does not exist") {
                return (unreachable, "the server is up, but \(reason)\n"
                    + "Create it (createdb NAME, then newsroom migrate), or name the right one with --database or NEWSROOM_DATABASE_URL.")
            }
            if ["authentication failed", "no pg_hba.conf entry", "role \"", "no password supplied"].contains(where: reason.contains) {
                return (unreachable, "the server is up, but refused the login: \(reason)\n"
                    + "Check the user and password (PGUSER, PGPASSWORD, ~/.pgpass, or the connection string), or ask the database's administrator.")
            }
            if message.contains("FATAL:") {
                return (unreachable, "the server refused the connection: \(reason)")
            }
            return (unreachable, "cannot reach the database: \(firstLine(message))\n"
                + "Is the server running? For the private database: scripts/db start; else check --database or NEWSROOM_DATABASE_URL.")
        case .connectionLost(let message):
            return (unreachable, "lost the database connection: \(firstLine(message)); nothing was committed by this command, so run it again")
        case .server(let server):
            switch server.sqlState {
            case .lockNotAvailable:
                return (conflict, "the data is busy: someone else is changing it right now; try again in a moment")
            case .serializationFailure, .deadlockDetected:
                return (conflict, "someone changed the data at the same moment; run the command again")
            case .queryCanceled:
                return (conflict, "the database cancelled the command (\(server.message)); try again")
            case .insufficientPrivilege:
                return (refused, "the database refused: \(server.message)\n"
                    + "This login has no rights there: connect as the database's owner, or as a staff member's login an admin has set up.")
            default:
                var text = "the database refused: \(server.message)"
                if let hint = server.hint { text += "\n\(hint)" }
                return (refused, text)
            }
        default:
            return (refused, error.description)
        }
    }

    /// What the server said, from libpq's "connection to server … failed: FATAL:  …".
    private static func serverReason(_ message: String) -> String {
        let line = firstLine(message)
        let parts = line.split(separator: "FATAL:", maxSplits: 1)
        guard parts.count == 2 else { return line }
        return String(parts[1]).trimmingWhitespace()
    }

    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").first.map(String.init) ?? text
    }
}
