import ArgumentParser
import NewsroomCore

/// Parses a story id as typed (ASCII or Arabic-Indic digits); a bad one is a usage error (64).
public func parseStoryID(_ text: String) throws -> StoryID { try StoryID.parse(text) }

/// `--if-version N`, digits of either kind.
public func parseVersion(_ text: String) throws -> Int {
    guard let value = Digits.positiveInteger(text), let version = Int(exactly: value), version <= Int32.max else {
        throw NewsroomError.invalid("version", "\"\(text)\" is not a version number; use a whole number from 1")
    }
    return version
}

/// `--limit N`, digits of either kind: 1 to 10,000.
public func parseLimit(_ text: String) throws -> Int {
    guard let value = Digits.positiveInteger(text), value <= 10_000 else {
        throw ValidationError("--limit must be from 1 to 10000")
    }
    return Int(value)
}
