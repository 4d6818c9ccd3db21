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
        let name = path == "-" ? "stdin" : path
        if path != "-" {
            var info = stat()
            guard stat(path, &info) == 0 else {
                if errno == ENOENT || errno == ENOTDIR { throw NewsroomError.invalid(field, "\(path) does not exist") }
                throw unreadable(name, field: field)
            }
            guard info.st_mode & S_IFMT != S_IFDIR else { throw NewsroomError.invalid(field, "\(path) is a folder; give a text file") }
        }
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw unreadable(name, field: field) }
        defer { if path != "-" { close(descriptor) } }
        // Read a little past the limit (line endings may still shrink it), never the whole of a huge input.
        let cap = limit * 2 + 1
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while bytes.count < cap {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw unreadable(name, field: field)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard bytes.count < cap else {
            throw NewsroomError.invalid(field, "is larger than the ceiling of \(limit) bytes (2 MB) of text and markup")
        }
        return try EditorialText.body(try EditorialText.decodeUTF8(bytes, field: field), field: field)
    }

    private static func unreadable(_ name: String, field: String) -> NewsroomError {
        let reason = String(cString: strerror(errno)).lowercased()
        return NewsroomError.invalid(field, "\(name) cannot be read (\(reason))")
    }
}
