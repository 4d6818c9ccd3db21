import Foundation

/// A `newsroom-desk` started for a test on a free port, reaching the test cluster over its
/// socket (where its logins' passwords are checked); stopped when the value goes away.
public final class DeskServer: @unchecked Sendable {
    public let process: RunningNewsroom
    public let port: Int

    /// Where the desk finds `database`: the test cluster's socket, no user, no password (each
    /// person brings theirs; scripts/test asks members of newsroom_password_checked for it).
    public static func conninfo(database: String) throws -> String {
        "host='\(try TestCluster.host())' dbname=\(database)"
    }

    /// The group whose logins the test cluster asks for their passwords.
    public static let passwordGroup = "newsroom_password_checked"

    public convenience init(database: String, arguments: [String] = []) throws {
        try self.init(conninfo: try Self.conninfo(database: database), arguments: arguments)
    }

    public init(conninfo: String, arguments: [String] = []) throws {
        let binary = URL(fileURLWithPath: try NewsroomBinary.path()).deletingLastPathComponent().appendingPathComponent("newsroom-desk").path
        (process, port) = try ReaderServer.start(binary, ["--listen", "127.0.0.1:0", "--database", conninfo] + arguments)
    }

    public var origin: String { "http://127.0.0.1:\(port)" }
}

/// One browser on the desk, as a test drives it: its cookies, the last page's form token,
/// requests sent as a browser sends them (Origin on a POST, the form URL-encoded).
public final class DeskBrowser: @unchecked Sendable {
    public let desk: DeskServer
    public private(set) var cookies: [String: String] = [:]
    /// Every Set-Cookie line of the last answer, as sent.
    public private(set) var setCookies: [String] = []
    public private(set) var last: HTTPAnswer?

    public init(_ desk: DeskServer) { self.desk = desk }

    /// The form token of the last page (the first hidden `csrf` field).
    public var csrf: String? {
        guard let text = last?.text, let range = text.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }

    @discardableResult
    public func get(_ target: String) throws -> HTTPAnswer {
        try send("GET", target, body: nil, headers: [:])
    }

    /// A form posted from the desk's own page, with the last page's token unless `csrf` says otherwise.
    @discardableResult
    public func post(_ target: String, _ fields: [(String, String)], csrf: String?? = nil, origin: String? = nil, rawBody: [UInt8]? = nil) throws -> HTTPAnswer {
        var all = fields
        if let token = csrf ?? self.csrf { all.insert(("csrf", token), at: 0) }
        let body = rawBody ?? Array(all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&").utf8)
        return try send("POST", target, body: body, headers: ["Origin": origin ?? desk.origin, "Content-Type": "application/x-www-form-urlencoded"])
    }

    /// A form with a file, as a browser sends `enctype="multipart/form-data"`.
    @discardableResult
    public func upload(_ target: String, _ fields: [(String, String)], file: [UInt8]?, boundary: String = "----newsroom-test-7d1f") throws -> HTTPAnswer {
        var body: [UInt8] = []
        var all = fields
        if let token = csrf { all.insert(("csrf", token), at: 0) }
        for (name, value) in all {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8) + file + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try send("POST", target, body: body, headers: ["Origin": desk.origin, "Content-Type": "multipart/form-data; boundary=\(boundary)"])
    }

    /// Signs in through the form, as a person does.
    @discardableResult
    public func signIn(_ login: String, _ password: String) throws -> HTTPAnswer {
        try get("/sign-in")
        return try post("/sign-in", [("login", login), ("password", password)])
    }

    public static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    private func send(_ method: String, _ target: String, body: [UInt8]?, headers: [String: String]) throws -> HTTPAnswer {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(desk.port)\r\nConnection: close\r\n"
        if !cookies.isEmpty { head += "Cookie: " + cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") + "\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let raw = try HTTPAnswer.exchange(port: desk.port, send: Array(head.utf8) + (body ?? []))
        let answer = try HTTPAnswer.parse(raw, method: method)
        setCookies = answer.header("set-cookie")?.components(separatedBy: ", ") ?? []
        for line in setCookies {
            let pair = line.split(separator: ";", maxSplits: 1)[0]
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            if line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        last = answer
        return answer
    }
}
