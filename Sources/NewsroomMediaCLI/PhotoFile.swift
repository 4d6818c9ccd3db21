#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore

/// A photo file read whole, but never more than the limit and a byte (a larger one is refused
/// without reading it all), and an original written out.
enum PhotoFile {
    static func read(_ path: String) throws -> [UInt8] {
        let name = path == "-" ? "standard input" : path
        if path != "-" {
            var info = stat()
            guard stat(path, &info) == 0 else {
                if errno == ENOENT || errno == ENOTDIR { throw NewsroomError.invalid("file", "\(path) does not exist") }
                throw unreadable(name)
            }
            guard info.st_mode & S_IFMT == S_IFREG else { throw NewsroomError.invalid("file", "\(path) is not a file; give a photo's file") }
            if Int(info.st_size) > PhotoRules.byteLimit {
                throw NewsroomError.invalid("file", "is \(Int(info.st_size) / 1_048_576) MB; the limit is \(PhotoRules.byteLimit / 1_048_576) MB: export it smaller")
            }
        }
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw unreadable(name) }
        defer { if path != "-" { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while bytes.count <= PhotoRules.byteLimit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw unreadable(name)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw NewsroomError.invalid("output", "\(path) exists already; name a new file") }
            throw unreadable(path)
        }
        defer { close(descriptor) }
        var rest = bytes[...]
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 { if errno == EINTR { continue }; throw unreadable(path) }
            rest = rest.dropFirst(written)
        }
    }

    private static func unreadable(_ name: String) -> NewsroomError {
        NewsroomError.invalid("file", "\(name) cannot be read or written (\(String(cString: strerror(errno)).lowercased()))")
    }
}
