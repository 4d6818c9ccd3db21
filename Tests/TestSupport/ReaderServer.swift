import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `newsroom-server` started for a test on a free port, against a test database; stopped
/// (SIGKILL if it is still running) when the value goes away.
public final class ReaderServer: @unchecked Sendable {
    public let process: RunningNewsroom
    public let port: Int

    /// The server beside the `newsroom` binary the tests run.
    public static func path() throws -> String {
        URL(fileURLWithPath: try NewsroomBinary.path()).deletingLastPathComponent().appendingPathComponent("newsroom-server").path
    }

    public init(database: String, arguments: [String] = []) throws {
        (process, port) = try Self.start(try ReaderServer.path(), ["--listen", "127.0.0.1:0", "--database", database] + arguments)
    }

    /// Starts one of the newsroom's servers on a free port, without the test's PG* and
    /// NEWSROOM_* environment, and waits for it to say where it serves.
    static func start(_ binary: String, _ arguments: [String]) throws -> (RunningNewsroom, Int) {
        let name = URL(fileURLWithPath: binary).lastPathComponent
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") && !$0.key.hasPrefix("NEWSROOM_") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for stream in ["out", "err"] { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(stream).path, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: folder.appendingPathComponent("out"))
        process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let running = RunningNewsroom(process: process, folder: folder)
        var found: Int?
        _ = RunningNewsroom.eventually(seconds: 30) {
            found = port(in: running.stderr)
            return found != nil || !running.isRunning
        }
        guard let found else { throw FixtureFailure(message: "\(name) did not start: \(running.stderr)") }
        return (running, found)
    }

    static func port(in text: String) -> Int? {
        guard let range = text.range(of: "serving http://127.0.0.1:") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    public func get(_ target: String, headers: [String: String] = [:], method: String = "GET") throws -> HTTPAnswer {
        try HTTPAnswer.request(port: port, method: method, target: target, headers: headers)
    }
}

/// An HTTP/1.1 exchange over a plain socket, read to the end: the test sees the bytes the
/// server sent, with nothing in between that decodes, follows or caches.
public struct HTTPAnswer: Sendable {
    public let status: Int
    /// Header names in lower case.
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
    public var text: String { String(decoding: body, as: UTF8.self) }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    public static func request(port: Int, method: String = "GET", target: String, headers: [String: String] = [:], timeout: Int = 20) throws -> HTTPAnswer {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let raw = try exchange(port: port, send: Array(head.utf8), timeout: timeout)
        return try parse(raw, method: method)
    }

    /// Several requests on one kept-alive connection, sent at once (pipelined); the last asks
    /// the server to close. The answers in the order they came, each cut at its length.
    public static func pipelined(port: Int, _ requests: [(method: String, target: String, headers: [String: String])]) throws -> [HTTPAnswer] {
        var bytes: [UInt8] = []
        for (index, request) in requests.enumerated() {
            var head = "\(request.method) \(request.target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
            if index == requests.count - 1 { head += "Connection: close\r\n" }
            for (name, value) in request.headers { head += "\(name): \(value)\r\n" }
            bytes += Array((head + "\r\n").utf8)
        }
        var raw = try exchange(port: port, send: bytes)[...]
        var answers: [HTTPAnswer] = []
        for request in requests {
            let separator: [UInt8] = [13, 10, 13, 10]
            guard let end = raw.indices.dropLast(3).first(where: { Array(raw[$0..<$0 + 4]) == separator }) else {
                throw FixtureFailure(message: "answer \(answers.count + 1) of \(requests.count) is missing")
            }
            let head = try parse(Array(raw[raw.startIndex..<end + 4]), method: "HEAD")
            let length = (request.method == "HEAD" || head.status == 304) ? 0 : Int(head.header("content-length") ?? "0") ?? 0
            let bodyStart = end + 4
            guard raw.endIndex - bodyStart >= length else { throw FixtureFailure(message: "answer \(answers.count + 1) is cut short") }
            answers.append(HTTPAnswer(status: head.status, headers: head.headers, body: Data(raw[bodyStart..<bodyStart + length])))
            raw = raw[(bodyStart + length)...]
        }
        return answers
    }

    /// Connects, sends, and reads until the server closes (or `timeout` seconds pass).
    public static func exchange(port: Int, send bytes: [UInt8], timeout: Int = 20) throws -> [UInt8] {
        let socket = try connect(port: port, timeout: timeout)
        defer { close(socket) }
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw FixtureFailure(message: "send failed: errno \(errno)") }
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return received
    }

    public static func connect(port: Int, timeout: Int = 20) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw FixtureFailure(message: "socket failed") }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(socket)
            throw FixtureFailure(message: "cannot connect to 127.0.0.1:\(port): errno \(errno)")
        }
        return socket
    }

    static func parse(_ raw: [UInt8], method: String) throws -> HTTPAnswer {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, raw.count - 3)).first(where: { Array(raw[$0..<$0 + 4]) == separator }) else {
            throw FixtureFailure(message: "no complete answer: \(String(decoding: raw, as: UTF8.self))")
        }
        let lines = String(decoding: raw[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw FixtureFailure(message: "bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        var body = Data(raw[(end + 4)...])
        if let length = headers["content-length"].flatMap(Int.init), method != "HEAD", body.count > length {
            body = body.prefix(length)
        }
        return HTTPAnswer(status: status, headers: headers, body: body)
    }
}
