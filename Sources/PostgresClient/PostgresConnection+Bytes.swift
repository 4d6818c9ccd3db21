import CLibPQ

/// A parameter of a statement that carries bytes: text (or NULL), or raw bytes for a `bytea`,
/// sent in binary format (no hex text twice their size, no escaping, NUL bytes allowed).
public enum PostgresParameter: Sendable {
    case text(String?)
    case bytes([UInt8])

    public init(_ value: any PostgresEncodable) { self = .text(value.postgresText) }
}

extension PostgresConnection {
    /// Runs a statement whose parameters may be raw bytes (photos), returning its rows as text.
    @discardableResult
    public func query(_ sql: String, parameters: [PostgresParameter]) throws(PostgresError) -> [PostgresRow] {
        try refuseNUL(parameters)
        return try consume(execute(sql, parameters, binaryResult: false))
    }

    /// The first column of the first row as raw bytes (a `bytea`, in binary format: no hex
    /// decoding), or nil when there is no row or the value is NULL.
    public func queryBytes(_ sql: String, _ parameters: [any PostgresEncodable]) throws(PostgresError) -> [UInt8]? {
        let parameters = parameters.map(PostgresParameter.init)
        try refuseNUL(parameters)
        guard let result = execute(sql, parameters, binaryResult: true) else {
            throw .connectionLost(message: PostgresConnection.trimmed(PQerrorMessage(handle)))
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_TUPLES_OK else { throw error(from: result) }
        guard PQntuples(result) > 0, PQnfields(result) > 0, PQgetisnull(result, 0, 0) == 0 else { return nil }
        let length = Int(PQgetlength(result, 0, 0))
        guard let value = PQgetvalue(result, 0, 0) else { return nil }
        return value.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// As `query`: a NUL would end a text parameter early without a word.
    private func refuseNUL(_ parameters: [PostgresParameter]) throws(PostgresError) {
        if let index = parameters.firstIndex(where: { if case .text(let text?) = $0 { text.utf8.contains(0) } else { false } }) {
            throw .nulInParameter(position: index + 1)
        }
    }

    private func execute(_ sql: String, _ parameters: [PostgresParameter], binaryResult: Bool) -> OpaquePointer? {
        // Each value's bytes, NUL-terminated for text; kept alive until libpq has sent them.
        var storage: [[UInt8]?] = []
        var formats: [Int32] = [], lengths: [Int32] = []
        for parameter in parameters {
            switch parameter {
            case .text(let text):
                storage.append(text.map { Array($0.utf8) + [0] }); formats.append(0); lengths.append(0)
            case .bytes(let bytes):
                // Empty bytes still need an address: a null one would be SQL NULL.
                storage.append(bytes.isEmpty ? [0] : bytes); formats.append(1); lengths.append(Int32(bytes.count))
            }
        }
        func call(_ pointers: [UnsafePointer<CChar>?]) -> OpaquePointer? {
            PQexecParams(handle, sql, Int32(pointers.count), nil, pointers, lengths, formats, binaryResult ? 1 : 0)
        }
        func bind(_ index: Int, _ pointers: [UnsafePointer<CChar>?]) -> OpaquePointer? {
            guard index < storage.count else { return call(pointers) }
            guard let value = storage[index] else { return bind(index + 1, pointers + [nil]) }
            return value.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { bind(index + 1, pointers + [$0.baseAddress]) }
            }
        }
        return bind(0, [])
    }
}
