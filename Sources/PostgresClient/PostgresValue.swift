#if canImport(FoundationEssentials)
import FoundationEssentials  // not all of Foundation: a smaller binary that starts faster
#else
import Foundation
#endif

/// A statement parameter. Values go to the server in text format through
/// `PQexecParams`, never spliced into SQL; each type says exactly how it is written.
public protocol PostgresEncodable: Sendable {
    /// The text the server parses, or nil for SQL NULL.
    var postgresText: String? { get }
}

extension String: PostgresEncodable {
    public var postgresText: String? { self }
}

extension Substring: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int32: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Double: PostgresEncodable {
    /// Swift's shortest round-tripping form; PostgreSQL's spellings for the non-finite values.
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return String(self)
    }
}

extension Bool: PostgresEncodable {
    public var postgresText: String? { self ? "t" : "f" }
}

extension Date: PostgresEncodable {
    /// UTC with microseconds and an explicit offset, so no session setting can change its meaning.
    public var postgresText: String? { PostgresTimestamp.format(self) }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? {
        switch self {
        case .none: nil
        case .some(let value): value.postgresText
        }
    }
}

/// A one-dimensional array of text (`text[]`, or any array type the server casts text to:
/// `$1::bigint[]`, `$1::boolean[]`), written in the array literal form with every element
/// quoted, so no element's text can be read as syntax.
public struct PostgresTextArray: PostgresEncodable, Equatable {
    public var elements: [String?]

    public init(_ elements: [String?]) { self.elements = elements }
    public init(values: [any PostgresEncodable]) { self.elements = values.map(\.postgresText) }

    public var postgresText: String? {
        "{" + elements.map { element in
            guard let element else { return "NULL" }
            var quoted = "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(character)
            }
            return quoted + "\""
        }.joined(separator: ",") + "}"
    }
}
