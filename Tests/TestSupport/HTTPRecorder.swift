import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A local HTTP listener that records every request line it gets and answers each with the
/// status it is set to (keep-alive, no body): a cache's purge endpoint, as a test sees it.
public final class HTTPRecorder: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var lines: [String] = []
    private var fullHeads: [String] = []
    private var status = 200
    private var stopped = false

    public init() throws {
        let listener = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else { throw FixtureFailure(message: "cannot listen: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// The request lines so far (`PURGE /stories/1 HTTP/1.1`), oldest first.
    public var requests: [String] { lock.withLock { lines } }

    /// The targets of the requests so far.
    public var targets: [String] { requests.compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) } }

    /// Whole request heads (request line and headers).
    public var heads: [String] { lock.withLock { fullHeads } }

    public func clear() { lock.withLock { lines.removeAll(); fullHeads.removeAll() } }

    /// The status every following request gets.
    public func answer(_ code: Int) { lock.withLock { status = code } }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if lock.withLock({ stopped }) { return }
                continue
            }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            while let end = Self.headEnd(pending) {
                let head = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeFirst(end + 4)
                let code = lock.withLock { () -> Int in
                    lines.append(head.components(separatedBy: "\r\n").first ?? "")
                    fullHeads.append(head)
                    return status
                }
                let reply = Array("HTTP/1.1 \(code) \(code == 200 ? "OK" : "Status")\r\nContent-Length: 0\r\n\r\n".utf8)
                _ = reply.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { return }
            pending += buffer[0..<count]
        }
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return (0...(bytes.count - 4)).first { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 }
    }
}
