#if canImport(Glibc)
import Glibc
#endif
import NewsroomCommandLine
import NewsroomCore

/// A photo file read whole, but never more than the limit and a byte (a larger one is refused
/// without reading it all: PhotoRules), and an original written out.
enum PhotoFile {
    static func read(_ path: String) throws -> [UInt8] {
        // A file the system says is too large is refused before a byte of it is read.
        try InputFile.bytes(path, field: "file", what: "a photo's file", cap: PhotoRules.byteLimit + 1) { try PhotoRules.checkSize($0) }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw NewsroomError.invalid("output", "\(path) exists already; name a new file") }
            throw InputFile.failure(path, field: "output", doing: "written")
        }
        defer { close(descriptor) }
        var rest = bytes[...]
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 { if errno == EINTR { continue }; throw InputFile.failure(path, field: "output", doing: "written") }
            rest = rest.dropFirst(written)
        }
    }
}
