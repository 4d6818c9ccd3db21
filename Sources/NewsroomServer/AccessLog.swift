#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import NIOPosix
import NIOCore

/// One line per request on standard output, written in batches (a write per request would
/// cost more than answering it from memory). Flushed at least every 100 ms and at exit.
final class AccessLog: Sendable {
    private let buffer = Mutex<[UInt8]>([])
    private let enabled: Bool
    private static let flushAt = 32 * 1024

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func start(on loop: any EventLoop) {
        guard enabled else { return }
        loop.scheduleRepeatedTask(initialDelay: .milliseconds(100), delay: .milliseconds(100)) { [self] _ in flush() }
    }

    /// `remote "METHOD target" status bytes duration-ms route source`, after the time.
    func record(time: HTTPDate, remote: String, method: String, target: String, status: Int, bytes: Int,
                milliseconds: Double, route: String, source: String) {
        guard enabled else { return }
        var line = "\(time.text) \(remote) \"\(method) \(Self.clean(target))\" \(status) \(bytes) "
        line += String(Double(Int(milliseconds * 1000)) / 1000) + "ms \(route) \(source)\n"
        let full = buffer.withLock { buffer -> Bool in
            buffer.append(contentsOf: line.utf8)
            return buffer.count >= Self.flushAt
        }
        if full { flush() }
    }

    func flush() {
        let bytes = buffer.withLock { buffer -> [UInt8] in
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(1, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// A request target as logged: printable ASCII only (a target cannot forge a log line),
    /// at most 300 bytes.
    private static func clean(_ target: String) -> String {
        var out = ""
        for byte in target.utf8.prefix(300) {
            out.unicodeScalars.append((0x21...0x7e).contains(byte) && byte != UInt8(ascii: "\"") ? Unicode.Scalar(byte) : "?")
        }
        return out
    }
}
