#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import NIOPosix
import NIOCore

/// One line per request on standard output, written in batches (a write per request would
/// cost more than answering it from memory). Flushed at least every 100 ms and at exit.
public final class AccessLog: Sendable {
    private let buffer = Mutex(Pending())

    private struct Pending {
        var bytes: [UInt8] = []
        var second: Int64 = -1
        var time: [UInt8] = []
    }
    private let enabled: Bool
    private static let flushAt = 32 * 1024

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public func start(on loop: any EventLoop) {
        guard enabled else { return }
        loop.scheduleRepeatedTask(initialDelay: .milliseconds(100), delay: .milliseconds(100)) { [self] _ in flush() }
    }

    /// `time remote "METHOD target" status bytes duration route source`.
    public func record(remote: String, method: String, target: String, status: Int, bytes: Int,
                duration: Duration, route: String, source: String) {
        guard enabled else { return }
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let tail = " \(remote) \"\(method) \(Self.clean(target))\" \(status) \(bytes) \(micros / 1000).\(Self.three(Int(micros % 1000)))ms \(route) \(source)\n"
        let now = HTTPDate(Date())
        let full = buffer.withLock { state -> Bool in
            // The time as text is made once a second, not once a line.
            if state.second != now.seconds {
                state.second = now.seconds
                state.time = Array(now.text.utf8)
            }
            state.bytes.append(contentsOf: state.time)
            state.bytes.append(contentsOf: tail.utf8)
            return state.bytes.count >= Self.flushAt
        }
        if full { flush() }
    }

    public func flush() {
        let bytes = buffer.withLock { state -> [UInt8] in
            defer { state.bytes.removeAll(keepingCapacity: true) }
            return state.bytes
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

    private static func three(_ value: Int) -> String {
        value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : String(value)
    }

    /// A request target as logged: printable ASCII only (a target cannot forge a log line),
    /// at most 300 bytes.
    private static func clean(_ target: String) -> String {
        if target.utf8.count <= 300, target.utf8.allSatisfy({ (0x21...0x7e).contains($0) && $0 != UInt8(ascii: "\"") }) { return target }
        var out = ""
        for byte in target.utf8.prefix(300) {
            out.unicodeScalars.append((0x21...0x7e).contains(byte) && byte != UInt8(ascii: "\"") ? Unicode.Scalar(byte) : "?")
        }
        return out
    }
}
