#if canImport(Glibc)
import Glibc
#endif
import NewsroomCore

/// A file a command reads (`-` for standard input): it must exist and not be a folder, and no
/// more than `cap` bytes of it are read, so a huge input costs no more than the cap.
public enum InputFile {
    /// `what` names what to give instead of a folder ("a text file", "a photo's file").
    /// `checkSize` sees a file's own size, where the system knows it, before a byte is read.
    public static func bytes(_ path: String, field: String, what: String, cap: Int, checkSize: (Int) throws -> Void = { _ in }) throws -> [UInt8] {
        let name = path == "-" ? "stdin" : path
        if path != "-" {
            var info = stat()
            guard stat(path, &info) == 0 else {
                if errno == ENOENT || errno == ENOTDIR { throw NewsroomError.invalid(field, "\(path) does not exist") }
                throw failure(name, field: field)
            }
            guard info.st_mode & S_IFMT != S_IFDIR else { throw NewsroomError.invalid(field, "\(path) is a folder; give \(what)") }
            if info.st_mode & S_IFMT == S_IFREG { try checkSize(Int(info.st_size)) }
        }
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(name, field: field) }
        defer { if path != "-" { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < cap {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, min($0.count, cap - bytes.count)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(name, field: field)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// What the system said when a file could not be read (or written: `doing`).
    public static func failure(_ name: String, field: String, doing: String = "read") -> NewsroomError {
        let reason = String(cString: strerror(errno)).lowercased()
        return NewsroomError.invalid(field, "\(name) cannot be \(doing) (\(reason))")
    }
}
