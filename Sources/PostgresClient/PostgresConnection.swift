import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// One libpq session. Not `Sendable`: a connection belongs to the code that opened
/// it, and every call blocks its thread (fine for a command-line tool).
/// The handle is freed exactly once, in `deinit`, also when connecting failed.
public final class PostgresConnection {
    let handle: OpaquePointer
    private let noticeBox: NoticeBox
    /// Depth of `transaction` nesting; inner levels use savepoints.
    private var transactionDepth = 0

    /// Opens a session.
    /// - Parameters:
    ///   - conninfo: a libpq connection string (`host=/tmp dbname=x`) or URI
    ///     (`postgresql://…`). Nil or empty uses libpq's environment alone
    ///     (`PGHOST`, `PGDATABASE`, `PGSERVICE`, `~/.pgpass`, …).
    ///   - defaults: keywords used where neither `conninfo` nor the environment
    ///     sets them (e.g. `connect_timeout`, `fallback_application_name`).
    ///   - overrides: keywords that win over `conninfo` and the environment (`user` and
    ///     `password` for someone signing in: the deployment's string says only where).
    public init(conninfo: String? = nil, defaults: [String: String] = [:], overrides: [String: String] = [:]) throws(PostgresError) {
        // Keywords before `dbname` are overridden by what the expanded conninfo says.
        var keywords: [String] = []
        var values: [String] = []
        for (key, value) in defaults.sorted(by: { $0.key < $1.key }) {
            if let variable = PostgresConnection.environmentVariable[key], getenv(variable) != nil {
                continue  // the user's environment wins over our default
            }
            keywords.append(key)
            values.append(value)
        }
        if let conninfo, !conninfo.isEmpty {
            keywords.append("dbname")
            values.append(conninfo)
        }
        // Keywords after the expanded `dbname` override what it says.
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            keywords.append(key)
            values.append(value)
        }
        let connection: OpaquePointer? = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else { throw .connectionFailed(message: "libpq could not allocate a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = PostgresConnection.trimmed(PQerrorMessage(connection))
            PQfinish(connection)
            throw .connectionFailed(message: message)
        }
        handle = connection
        noticeBox = NoticeBox()
        PQsetNoticeProcessor(handle, { context, message in
            guard let context, let message else { return }
            let box = Unmanaged<NoticeBox>.fromOpaque(context).takeUnretainedValue()
            box.notices.append(PostgresConnection.trimmed(message))
        }, Unmanaged.passUnretained(noticeBox).toOpaque())
    }

    deinit {
        PQfinish(handle)
    }

    /// `password` hashed as this server stores it (SCRAM-SHA-256), by libpq, on this machine:
    /// what goes to the server in `CREATE ROLE … PASSWORD`, so the password itself never
    /// travels nor lands in a log.
    public func encryptPassword(_ password: String, user: String) throws(PostgresError) -> String {
        guard let hashed = PQencryptPasswordConn(handle, password, user, "scram-sha-256") else {
            throw .connectionFailed(message: PostgresConnection.trimmed(PQerrorMessage(handle)))
        }
        defer { PQfreemem(hashed) }
        return String(cString: hashed)
    }

    /// Why libpq cannot read `conninfo` (a string or URI with a syntax error, an unknown
    /// keyword), or nil when it can. Reads only: nothing is connected.
    public static func conninfoProblem(_ conninfo: String) -> String? {
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &message) else {
            defer { if let message { PQfreemem(message) } }
            return message.map { trimmed($0) } ?? "libpq cannot read it"
        }
        PQconninfoFree(options)
        return nil
    }

    /// libpq environment variables for the keywords we may default.
    private static let environmentVariable = [
        "connect_timeout": "PGCONNECT_TIMEOUT",
        "application_name": "PGAPPNAME",
        "options": "PGOPTIONS",
    ]

    /// A setting the server reported at connection time (`TimeZone`, `DateStyle`,
    /// `server_version`, …), known without a round trip.
    public func parameterStatus(_ name: String) -> String? {
        PQparameterStatus(handle, name).map { String(cString: $0) }
    }

    /// Whether the server asked for a password and was given one (SCRAM or md5), rather than
    /// letting the session in by trust, peer or a certificate alone.
    public var usedPassword: Bool { PQconnectionUsedPassword(handle) == 1 }

    /// For `PostgresInterrupt` only: the handle stays owned by this connection.
    var rawHandle: OpaquePointer { handle }

    /// Server notices and warnings received so far (never printed by libpq).
    public var notices: [String] { noticeBox.notices }

    /// The server's process id for this session (for `pg_terminate_backend` in tests, for logs).
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Where this session is connected, for messages: socket folder or host, and database.
    public var target: String {
        let host = PQhost(handle).map { String(cString: $0) } ?? "?"
        let port = PQport(handle).map { String(cString: $0) } ?? "?"
        let database = PQdb(handle).map { String(cString: $0) } ?? "?"
        return "database \"\(database)\" at \(host) port \(port)"
    }

    /// Runs one statement with parameters (`$1`, `$2`, …) and returns its rows.
    /// Values travel separately from the SQL text; nothing is ever spliced in.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(PostgresError) -> [PostgresRow] {
        let texts = parameters.map(\.postgresText)
        if let index = texts.firstIndex(where: { $0?.utf8.contains(0) == true }) {
            throw .nulInParameter(position: index + 1)
        }
        let result: OpaquePointer? = withOptionalCStrings(texts) { pointers in
            PQexecParams(handle, sql, Int32(texts.count), nil, pointers, nil, nil, 0)
        }
        return try consume(result)
    }

    /// Runs a statement expected to return exactly one row.
    public func queryOne(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(PostgresError) -> PostgresRow {
        guard let row = try query(sql, parameters).first else { throw .noRows(statement: sql) }
        return row
    }

    /// Runs a script of several statements without parameters (e.g. a migration
    /// file). Only trusted text from the program itself may come here.
    public func executeScript(_ sql: String) throws(PostgresError) {
        try consume(PQexec(handle, sql))
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it
    /// throws (the error is rethrown). Nested calls use savepoints.
    /// With `rollback: true` the work is always undone (for dry runs).
    @discardableResult
    public func transaction<T>(rollback: Bool = false, _ body: () throws -> T) throws -> T {
        let savepoint = "nested_\(transactionDepth)"
        try executeScript(transactionDepth == 0 ? "BEGIN" : "SAVEPOINT \(savepoint)")
        transactionDepth += 1
        let value: T
        do {
            value = try body()
        } catch {
            transactionDepth -= 1
            undo(savepoint: savepoint)
            throw error
        }
        transactionDepth -= 1
        if rollback {
            undo(savepoint: savepoint)
        } else {
            try executeScript(transactionDepth == 0 ? "COMMIT" : "RELEASE SAVEPOINT \(savepoint)")
        }
        return value
    }

    /// Whether a transaction is open on the server side (also after a failed statement).
    public var isInTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    private func undo(savepoint: String) {
        // A rollback that fails means the session is gone, and the server rolls back then.
        if transactionDepth == 0 {
            _ = try? executeScript("ROLLBACK")
        } else {
            _ = try? executeScript("ROLLBACK TO SAVEPOINT \(savepoint); RELEASE SAVEPOINT \(savepoint)")
        }
    }

    // MARK: Results

    /// Copies rows out of a result and clears it, on every path.
    @discardableResult
    func consume(_ result: OpaquePointer?) throws(PostgresError) -> [PostgresRow] {
        guard let result else {
            throw .connectionLost(message: PostgresConnection.trimmed(PQerrorMessage(handle)))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return []
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            return rows(of: result)
        default:
            throw error(from: result)
        }
    }

    private func rows(of result: OpaquePointer) -> [PostgresRow] {
        let columnCount = PQnfields(result)
        let rowCount = PQntuples(result)
        var names: [String] = []
        var types: [PostgresType] = []
        names.reserveCapacity(Int(columnCount))
        for column in 0..<columnCount {
            names.append(String(cString: PQfname(result, column)))
            types.append(PostgresType(oid: PQftype(result, column)))
        }
        let columns = PostgresColumns(names: names, types: types)
        var rows: [PostgresRow] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, row, column)))
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        return rows
    }

    func error(from result: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        guard let state = field("C") else {
            // No SQLSTATE: the session broke (libpq made the error up itself).
            let message = field("M") ?? PostgresConnection.trimmed(PQresultErrorMessage(result))
            if PQstatus(handle) != CONNECTION_OK {
                return .connectionLost(message: message)
            }
            return .server(ServerError(sqlState: .unknown, message: message))
        }
        return .server(ServerError(
            sqlState: SQLState(state),
            message: field("M") ?? "",
            detail: field("D"),
            hint: field("H"),
            constraint: field("n"),
            table: field("t"),
            column: field("c")
        ))
    }

    static func trimmed(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "" }
        var message = Substring(String(cString: text))
        while let last = message.last, last.isWhitespace { message.removeLast() }
        while let first = message.first, first.isWhitespace { message.removeFirst() }
        return String(message)
    }
}

/// Collects notices for one connection; reached from libpq's C callback.
private final class NoticeBox {
    var notices: [String] = []
}

// MARK: C string arrays

private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    withOptionalCStrings(strings.map { Optional($0) }) { pointers in body(pointers) }
}

/// A NULL-terminated array of C strings (nil entries stay NULL), alive for `body`.
private func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    var owned: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
    owned.append(nil)
    defer { for pointer in owned { free(pointer) } }
    return owned.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
    }
}
