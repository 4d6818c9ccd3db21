/// A story's number, as people type and read it.
public struct StoryID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
    public static func < (a: StoryID, b: StoryID) -> Bool { a.rawValue < b.rawValue }

    /// Accepts ASCII and Arabic-Indic digits; refuses signs, zero, and anything past 64 bits.
    public static func parse(_ text: String, field: String = "story id") throws(NewsroomError) -> StoryID {
        guard let value = Digits.positiveInteger(text) else {
            throw .invalid(field, "\"\(text)\" is not a story number; use a whole number from 1 to \(Int64.max)")
        }
        return StoryID(rawValue: value)
    }
}

/// A staff member's handle: how people are named on the command line and in history.
/// 2 to 32 characters: lower-case ASCII letters, digits, `.`, `_` and `-`, starting with a letter.
public struct Handle: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Handle, b: Handle) -> Bool { a.rawValue < b.rawValue }

    public static let rule = "2 to 32 characters: lower-case letters a-z, digits, '.', '_' or '-', starting with a letter (e.g. layla.hassan)"

    public static func parse(_ text: String, field: String = "handle") throws(NewsroomError) -> Handle {
        guard isValid(text, maxLength: 32, extra: [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-")]) else {
            throw .invalid(field, "\"\(text)\" is not a valid handle; use \(rule)")
        }
        return Handle(rawValue: text)
    }
}

/// A section's slug, e.g. `politics`: 2 to 40 characters, lower-case ASCII letters,
/// digits and `-`, starting with a letter. Its display name can be Arabic.
public struct SectionSlug: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: SectionSlug, b: SectionSlug) -> Bool { a.rawValue < b.rawValue }

    public static let rule = "2 to 40 characters: lower-case letters a-z, digits or '-', starting with a letter (e.g. politics)"

    public static func parse(_ text: String, field: String = "section") throws(NewsroomError) -> SectionSlug {
        guard isValid(text, maxLength: 40, extra: [UInt8(ascii: "-")]) else {
            throw .invalid(field, "\"\(text)\" is not a valid section slug; use \(rule)")
        }
        return SectionSlug(rawValue: text)
    }
}

private func isValid(_ text: String, maxLength: Int, extra: Set<UInt8>) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count >= 2, bytes.count <= maxLength, let first = bytes.first, first >= 97, first <= 122 else { return false }
    return bytes.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || extra.contains($0) }
}
