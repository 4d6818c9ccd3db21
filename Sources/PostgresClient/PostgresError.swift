/// Everything that can go wrong talking to PostgreSQL, each case carrying what a
/// person needs to act on it. Bound parameter values never appear in messages.
public enum PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No session could be opened. `message` is libpq's, which names the address tried.
    case connectionFailed(message: String)
    /// The session broke while a statement was running (server gone, backend killed).
    case connectionLost(message: String)
    /// The server refused a statement.
    case server(ServerError)
    /// A column's value could not become the Swift type asked for.
    case decoding(column: String, message: String)
    /// A column that the caller asked for is not in the result.
    case missingColumn(String)
    /// A statement expected to return one row returned none.
    case noRows(statement: String)
    /// A parameter's text holds U+0000, which PostgreSQL's text cannot carry (and libpq, taking
    /// C strings, would cut short): refused before anything is sent. `position` is its $N.
    case nulInParameter(position: Int)

    public var description: String {
        switch self {
        case .connectionFailed(let message): "cannot connect to PostgreSQL: \(message)"
        case .connectionLost(let message): "lost the connection to PostgreSQL: \(message)"
        case .server(let error): error.description
        case .decoding(let column, let message): "column \"\(column)\": \(message)"
        case .missingColumn(let column): "the result has no column \"\(column)\""
        case .noRows(let statement): "expected a row, got none from: \(statement)"
        case .nulInParameter(let position): "parameter $\(position) holds a NUL character (U+0000), which PostgreSQL text cannot carry; nothing was sent"
        }
    }

    /// The server's error, if this is one.
    public var serverError: ServerError? {
        if case .server(let error) = self { return error }
        return nil
    }
}

/// An error report from the server: the fields of libpq's `PQresultErrorField`.
public struct ServerError: Sendable, Equatable, CustomStringConvertible {
    public var sqlState: SQLState
    public var message: String
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var column: String?

    public init(
        sqlState: SQLState, message: String, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    /// The server's primary message first, always: a generic text helps nobody.
    public var description: String {
        var text = "\(message) (SQLSTATE \(sqlState.code))"
        if let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        return text
    }
}

/// A five-character SQLSTATE code, with names for the ones callers branch on.
public struct SQLState: Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public init(_ code: String) { self.code = code }
    public var description: String { code }

    public static let uniqueViolation = SQLState("23505")
    public static let foreignKeyViolation = SQLState("23503")
    public static let checkViolation = SQLState("23514")
    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")
    public static let lockNotAvailable = SQLState("55P03")
    public static let queryCanceled = SQLState("57014")
    public static let adminShutdown = SQLState("57P01")
    public static let crashShutdown = SQLState("57P02")
    public static let cannotConnectNow = SQLState("57P03")
    public static let undefinedTable = SQLState("42P01")
    public static let insufficientPrivilege = SQLState("42501")
    public static let duplicateObject = SQLState("42710")
    /// Used when the server sent no SQLSTATE (e.g. the backend was killed).
    public static let unknown = SQLState("?????")
}
