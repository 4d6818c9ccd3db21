import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NewsroomDesk

/// What the desk reads from a request before anything else: the path's segments, the query,
/// the cookies, where it came from and whether it came over TLS.
struct HTTPInfo {
    let path: [String]
    /// A path the desk never serves: encoded characters, empty segments, dots.
    let badPath: Bool
    let query: [String: String]
    let remote: String
    let origin: String?
    let host: String?
    /// Reached over TLS, as a proxy in front says (X-Forwarded-Proto: https).
    let secure: Bool
    let sessionToken: String?
    let preToken: String?
    let language: DeskLanguage

    static let sessionCookie = "newsroom-desk"
    static let secureSessionCookie = "__Host-newsroom-desk"
    static let preCookie = "newsroom-desk-pre"
    static let securePreCookie = "__Host-newsroom-desk-pre"

    init(_ request: Request, remote: String) {
        self.remote = remote
        let rawPath = request.uri.path
        let segments = rawPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        path = segments == [""] ? [] : segments
        badPath = rawPath.contains("%") || rawPath.contains("..") || (path.contains("") && !path.isEmpty) || !rawPath.hasPrefix("/")
        query = (try? URLEncodedFormDecoder().decode([String: String].self, from: request.uri.query ?? "")) ?? [:]
        origin = request.headers[.origin]
        host = request.head.authority
        secure = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
        let cookies = request.cookies
        sessionToken = cookies[Self.secureSessionCookie]?.value ?? cookies[Self.sessionCookie]?.value
        preToken = cookies[Self.securePreCookie]?.value ?? cookies[Self.preCookie]?.value
        language = DeskLanguage.named(cookies[DeskResponder.languageCookie]?.value)
    }

    /// The Origin the browser sent is this desk's own (scheme and host as it was reached).
    var sameOrigin: Bool {
        guard let origin, let host else { return false }
        return origin == "\(secure ? "https" : "http")://\(host)"
    }

    var route: String { path.first ?? "desk" }
    var pathForLog: String { "/" + path.joined(separator: "/") }

    /// A cookie only this desk's pages send back: HttpOnly, SameSite=Strict, and on TLS
    /// Secure with the __Host- prefix (no Domain, Path=/), which a subdomain cannot overwrite.
    func cookie(_ name: String, _ value: String, maxAge: Int? = nil, httpOnly: Bool = true) -> String {
        let prefixed = secure && name.hasPrefix("newsroom-desk") && name != DeskResponder.languageCookie ? "__Host-" + name : name
        var text = "\(prefixed)=\(value); Path=/; SameSite=Strict"
        if httpOnly { text += "; HttpOnly" }
        if secure { text += "; Secure" }
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        return text
    }
}

/// An answer on its way out.
struct Reply {
    var status: HTTPResponse.Status
    var headers = HTTPFields()
    var body: ByteBuffer
    var cookies: [String] = []
    var stream: ResponseBody?

    init(status: HTTPResponse.Status, body: String, type: String) {
        self.status = status
        self.body = ByteBuffer(string: body)
        headers[.contentType] = type
    }

    init(_ answer: DeskAnswer) {
        self.init(status: HTTPResponse.Status(code: answer.status), body: answer.body, type: answer.contentType)
        if let bytes = answer.bytes { body = ByteBuffer(bytes: bytes) }
        if let location = answer.location { headers[.location] = location }
    }

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Reply {
        Reply(status: status, body: html, type: "text/html; charset=utf-8")
    }

    static func redirect(_ location: String) -> Reply {
        var reply = Reply(status: .seeOther, body: "", type: "text/plain; charset=utf-8")
        reply.headers[.location] = location
        return reply
    }

    static func asset(_ text: String, type: String) -> Reply {
        var reply = Reply(status: .ok, body: text, type: type)
        reply.headers[.cacheControl] = "no-cache"
        return reply
    }

    var bytes: Int { body.readableBytes }

    var response: Response {
        var headers = headers
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: headers, body: stream ?? ResponseBody(byteBuffer: body))
    }
}
