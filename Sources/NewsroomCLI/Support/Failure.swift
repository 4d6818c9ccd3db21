import ArgumentParser
import NewsroomCore
import NewsroomStore
import PostgresClient

/// Maps any error to the exit-code contract and a message a person can act on.
/// 0 success · 1 refused · 64 usage · 69 database unreachable · 75 conflict, retry.
struct Failure {
    let exitCode: Int32
    let message: String

    static let refused: Int32 = 1
    static let usage: Int32 = 64
    static let unreachable: Int32 = 69
    static let conflict: Int32 = 75

    init(_ error: any Error) {
        switch error {
        case let error as NewsroomError:
            exitCode = switch error.kind {
            case .conflict: Failure.conflict
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
            default:
                var text = "the database refused: \(server.message)"
                if let hint = server.hint { text += "\n\(hint)" }
                return (refused, text)
            }
        default:
            return (refused, error.description)
        }
    }

    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").first.map(String.init) ?? text
    }
}
