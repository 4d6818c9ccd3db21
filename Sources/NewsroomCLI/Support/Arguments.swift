import ArgumentParser
import Foundation
import NewsroomCore

/// Parses a story id as typed (ASCII or Arabic-Indic digits); a bad one is a usage error (64).
func parseStoryID(_ text: String) throws -> StoryID { try StoryID.parse(text) }

/// `--if-version N`, digits of either kind.
func parseVersion(_ text: String) throws -> Int {
    guard let value = Digits.positiveInteger(text), let version = Int(exactly: value), version <= Int32.max else {
        throw NewsroomError.invalid("version", "\"\(text)\" is not a version number; use a whole number from 1")
    }
    return version
}

/// The options every story transition takes.
struct TransitionOptions: ParsableArguments {
    @Argument(help: "The story's number.", transform: parseStoryID) var id: StoryID

    @Option(name: .long, help: "Refuse (exit 75) unless the story is still at this version.", transform: parseVersion)
    var ifVersion: Int?

    @Flag(name: .long, help: "Check everything and say what would happen; change nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Print the story afterwards as JSON.")
    var json = false
}

/// Reads `--body-file PATH` (or `-` for stdin) and checks it as a body.
enum BodyFile {
    static func read(_ path: String) throws -> String {
        let limit = EditorialText.bodyByteLimit
        let bytes: [UInt8]
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard data.count <= limit * 2 else { throw tooLarge(data.count) }
            bytes = [UInt8](data)
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw NewsroomError.invalid("body-file", "\(path) does not exist")
            }
            guard !isDirectory.boolValue else { throw NewsroomError.invalid("body-file", "\(path) is a folder; give a text file") }
            guard FileManager.default.isReadableFile(atPath: path), let handle = FileHandle(forReadingAtPath: path) else {
                throw NewsroomError.invalid("body-file", "\(path) cannot be read (permission denied)")
            }
            defer { try? handle.close() }
            // Read a little past the limit: enough to know it is too large, never the whole of a huge file.
            let data = (try? handle.read(upToCount: limit * 2 + 1)) ?? Data()
            guard data.count <= limit * 2 else { throw tooLarge(nil) }
            bytes = [UInt8](data)
        }
        return try EditorialText.body(try EditorialText.decodeUTF8(bytes, field: "body-file"), field: "body-file")
    }

    private static func tooLarge(_ size: Int?) -> NewsroomError {
        NewsroomError.invalid("body-file", "is larger than the body limit of \(EditorialText.bodyByteLimit) bytes (1 MB)")
    }
}
