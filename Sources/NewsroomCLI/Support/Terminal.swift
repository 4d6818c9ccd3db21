#if canImport(Glibc)
import Glibc
#endif

/// Results go to stdout; diagnostics to stderr (never mixed, so pipes stay clean).
enum Terminal {
    static func error(_ message: String) {
        write("newsroom: \(message)\n", to: STDERR_FILENO)
    }

    static func note(_ message: String) {
        write("\(message)\n", to: STDERR_FILENO)
    }

    /// Writes all of `text` at once, unbuffered (a log line is out when it is written).
    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
