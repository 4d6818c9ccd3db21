import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A Server-Sent Events client over a plain socket, as a browser's EventSource reads a
/// stream: the response head, then chunked events (`id`, `event`, `data` lines, a blank line
/// between events; comment lines ignored).
public final class EventStreamClient: @unchecked Sendable {
    public struct Event: Sendable {
        public let id: String?
        public let type: String
        public let data: String
    }

    public private(set) var status = 0
    public private(set) var headers: [String: String] = [:]
    private let socket: Int32
    private var pending: [UInt8] = []  // bytes read, not yet used
    private var body: [UInt8] = []     // de-chunked bytes, not yet parsed into events
    private var ended = false
    /// Comments (heartbeats) seen so far.
    public private(set) var comments = 0

    public init(port: Int, path: String = "/api/v1/ticker/stream", lastEventID: String? = nil) throws {
        socket = try HTTPAnswer.connect(port: port, timeout: 1)
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        if let lastEventID { request += "Last-Event-ID: \(lastEventID)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { [socket] in Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var head: [UInt8] = []
        let deadline = Date().addingTimeInterval(10)
        while true {
            if let end = Self.find([13, 10, 13, 10], in: pending) {
                head = Array(pending[..<end])
                pending.removeFirst(end + 4)
                break
            }
            guard Date() < deadline, read() else { close(socket); throw FixtureFailure(message: "no response head from the stream") }
        }
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
    }

    deinit { close(socket) }

    /// The next event, or nil when none arrives within `seconds` or the stream has ended.
    public func next(within seconds: Double) -> Event? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let event = takeEvent() { return event }
            if ended { return nil }
            if !dechunk() {
                guard Date() < deadline else { return nil }
                if !read() { if Date() >= deadline { return nil } }
            }
        }
    }

    /// Whether the server ended the stream (the last chunk, or the connection closed) within `seconds`.
    public func ends(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !ended, Date() < deadline {
            if !dechunk() { _ = read() }
            while takeEvent() != nil {}
        }
        return ended
    }

    /// One receive of at most a second; false when nothing came.
    private func read() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = recv(socket, &buffer, buffer.count, 0)
        if count == 0 { ended = true }
        guard count > 0 else { return false }
        pending += buffer[0..<count]
        return true
    }

    /// Moves one whole chunk from `pending` to `body`; false when there is none yet.
    private func dechunk() -> Bool {
        guard let lineEnd = Self.find([13, 10], in: pending),
              let size = Int(String(decoding: pending[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? "", radix: 16)
        else { return false }
        guard pending.count >= lineEnd + 2 + size + 2 else { return false }
        if size == 0 { ended = true }
        body += pending[(lineEnd + 2)..<(lineEnd + 2 + size)]
        pending.removeFirst(lineEnd + 2 + size + 2)
        return true
    }

    private func takeEvent() -> Event? {
        while let end = Self.find([10, 10], in: body) {
            let block = String(decoding: body[..<end], as: UTF8.self)
            body.removeFirst(end + 2)
            var id: String?, type = "message", data: [String] = []
            var isEvent = false
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(":") { comments += 1; continue }
                let (field, value) = line.firstIndex(of: ":").map {
                    (String(line[..<$0]), String(line[line.index(after: $0)...].drop { $0 == " " }))
                } ?? (String(line), "")
                switch field {
                case "id": id = value
                case "event": type = value
                case "data": data.append(value); isEvent = true
                default: break
                }
            }
            if isEvent { return Event(id: id, type: type, data: data.joined(separator: "\n")) }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { index in
            needle.indices.allSatisfy { haystack[index + $0] == needle[$0] }
        }
    }
}
