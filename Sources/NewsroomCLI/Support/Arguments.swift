import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore
import NewsroomCommandLine

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

/// Reads `--body-file PATH` (or `-` for stdin) and checks it as a body: it must exist,
/// be a readable file, valid UTF-8 with no NUL, not empty, and within the 2 MB ceiling of text and markup.
enum BodyFile {
    static func read(_ path: String, field: String = "body-file") throws -> String {
        let limit = EditorialText.bodySourceByteLimit
        // Read a little past the limit (line endings may still shrink it), never the whole of a huge input.
        let cap = limit * 2 + 1
        let bytes = try InputFile.bytes(path, field: field, what: "a text file", cap: cap)
        guard bytes.count < cap else {
            throw NewsroomError.invalid(field, "is larger than the ceiling of \(limit) bytes (2 MB) of text and markup")
        }
        return try EditorialText.body(try EditorialText.decodeUTF8(bytes, field: field), field: field)
    }
}
