#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// The type of a result column, as the server reported it (a `pg_type` OID).
public struct PostgresType: Sendable, Hashable, CustomStringConvertible {
    public let oid: UInt32
    public init(oid: UInt32) { self.oid = oid }

    public static let bool = PostgresType(oid: 16)
    public static let int8 = PostgresType(oid: 20)
    public static let int2 = PostgresType(oid: 21)
    public static let int4 = PostgresType(oid: 23)
    public static let text = PostgresType(oid: 25)
    public static let oidType = PostgresType(oid: 26)
    public static let varchar = PostgresType(oid: 1043)
    public static let timestamp = PostgresType(oid: 1114)
    public static let timestamptz = PostgresType(oid: 1184)

    public var description: String {
        switch self {
        case .bool: "boolean"
        case .int8: "bigint"
        case .int2: "smallint"
        case .int4: "integer"
        case .text: "text"
        case .oidType: "oid"
        case .varchar: "varchar"
        case .timestamp: "timestamp without time zone"
        case .timestamptz: "timestamptz"
        default: "type oid \(oid)"
        }
    }
}

/// One result row, copied out of libpq before the result was cleared: it holds
/// Swift values only, so it outlives the `PGresult` safely.
public struct PostgresRow: Sendable {
    public let columns: PostgresColumns
    /// Each field's text, nil for SQL NULL (libpq's `""` is never mistaken for NULL).
    public let values: [String?]

    /// Decodes the named column, with an error naming it on NULL or a type mismatch.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let index = columns.index(of: column) else { throw .missingColumn(column) }
        return try decode(at: index, as: type)
    }

    public func decode<T: PostgresDecodable>(at index: Int, as type: T.Type = T.self) throws(PostgresError) -> T {
        let name = columns.names[index]
        do {
            return try T.decode(text: values[index], type: columns.types[index])
        } catch {
            throw .decoding(column: name, message: error.message)
        }
    }
}

/// Column names and types, shared by all rows of one result.
public final class PostgresColumns: Sendable {
    public let names: [String]
    public let types: [PostgresType]

    init(names: [String], types: [PostgresType]) {
        self.names = names
        self.types = types
    }

    func index(of name: String) -> Int? { names.firstIndex(of: name) }
}

/// Why a value could not be decoded; `PostgresRow` adds the column's name.
public struct DecodingFailure: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// A Swift type that a result field can become.
public protocol PostgresDecodable: Sendable {
    /// `text` is nil for SQL NULL; `type` is the column's server type.
    static func decode(text: String?, type: PostgresType) throws(DecodingFailure) -> Self
}

extension PostgresDecodable {
    static func required(_ text: String?, as name: String) throws(DecodingFailure) -> String {
        guard let text else { throw DecodingFailure("is NULL, expected \(name); decode it as an optional") }
        return text
    }
}

extension String: PostgresDecodable {
    /// Any column can be read as its text.
    public static func decode(text: String?, type: PostgresType) throws(DecodingFailure) -> String {
        try required(text, as: "text")
    }
}

extension Int64: PostgresDecodable {
    public static func decode(text: String?, type: PostgresType) throws(DecodingFailure) -> Int64 {
        let value = try required(text, as: "an integer")
        guard [.int2, .int4, .int8, .oidType].contains(type) else {
            throw DecodingFailure("is \(type), expected an integer column")
        }
        guard let number = Int64(value) else { throw DecodingFailure("\"\(value)\" is not a 64-bit integer") }
        return number
    }
}

extension Int: PostgresDecodable {
    public static func decode(text: String?, type: PostgresType) throws(DecodingFailure) -> Int {
        Int(try Int64.decode(text: text, type: type))
    }
}

extension Int32: PostgresDecodable {
    public static func decode(text: String?, type: PostgresType) throws(DecodingFailure) -> Int32 {
        let wide = try Int64.decode(text: text, type: type)
        guard let narrow = Int32(exactly: wide) else { throw DecodingFailure("\(wide) does not fit in 32 bits") }
        return narrow
    }
}

extension Double: PostgresDecodable {
    /// A `float8` (cast `real` and `numeric` to it in the query).
    public static func decode(text: String?, type: PostgresType) throws(DecodingFailure) -> Double {
        let value = try required(text, as: "a number")
        guard type == PostgresType(oid: 701), let number = Double(value) else { throw DecodingFailure("is \(type), expected float8") }
        return number
    }
}

extension Bool: PostgresDecodable {
    public static func decode(text: String?, type: PostgresType) throws(DecodingFailure) -> Bool {
        let value = try required(text, as: "a boolean")
        guard type == .bool else { throw DecodingFailure("is \(type), expected boolean") }
        switch value {
        case "t": return true
        case "f": return false
        default: throw DecodingFailure("\"\(value)\" is not a boolean")
        }
    }
}

extension Date: PostgresDecodable {
    /// Only `timestamptz`: a `timestamp` without a zone names no instant.
    public static func decode(text: String?, type: PostgresType) throws(DecodingFailure) -> Date {
        let value = try required(text, as: "a timestamptz")
        guard type == .timestamptz else {
            throw DecodingFailure("is \(type), expected timestamptz")
        }
        guard let date = PostgresTimestamp.parse(value) else {
            throw DecodingFailure("\"\(value)\" is not an ISO timestamp; the session's DateStyle must be ISO")
        }
        return date
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(text: String?, type: PostgresType) throws(DecodingFailure) -> Wrapped? {
        guard let text else { return nil }
        return try Wrapped.decode(text: text, type: type)
    }
}

extension Array: PostgresDecodable where Element == String {
    /// A one-dimensional array field in the server's text form (`{a,"b c",NULL}`); a NULL
    /// element is refused (decode such arrays with SQL's array_remove or coalesce).
    public static func decode(text: String?, type: PostgresType) throws(DecodingFailure) -> [String] {
        let text = try required(text, as: "an array")
        var scalars = text.unicodeScalars[...]
        guard scalars.first == "{", scalars.last == "}" else { throw DecodingFailure("\"\(text)\" is not a one-dimensional array") }
        scalars = scalars.dropFirst().dropLast()
        var elements: [String] = []
        while !scalars.isEmpty {
            var element = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars = scalars.dropFirst()
                while let scalar = scalars.first, scalar != "\"" {
                    scalars = scalars.dropFirst()
                    if scalar == "\\", let escaped = scalars.first {
                        element.append(escaped)
                        scalars = scalars.dropFirst()
                    } else {
                        element.append(scalar)
                    }
                }
                guard scalars.first == "\"" else { throw DecodingFailure("\"\(text)\" has an unclosed quote") }
                scalars = scalars.dropFirst()
            } else {
                while let scalar = scalars.first, scalar != "," {
                    guard scalar != "{" else { throw DecodingFailure("\"\(text)\" is not a one-dimensional array") }
                    element.append(scalar)
                    scalars = scalars.dropFirst()
                }
                if String(element) == "NULL" { throw DecodingFailure("\"\(text)\" has a NULL element") }
            }
            elements.append(String(element))
            if scalars.first == "," {
                scalars = scalars.dropFirst()
            } else if !scalars.isEmpty {
                throw DecodingFailure("\"\(text)\" is not a one-dimensional array")
            }
        }
        return elements
    }
}
