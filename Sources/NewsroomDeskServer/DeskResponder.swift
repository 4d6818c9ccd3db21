import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import NewsroomCore
import NewsroomDesk
import NewsroomHTTP
import NewsroomStore

struct DeskContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remote: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remote = source.channel.remoteAddress?.ipAddress ?? "-"
    }
}

/// HTTP in front of the desk: who is asking (the session cookie), whether a form may change
/// anything (its token, its origin), the limits (body size, sessions, sign-in attempts), and
/// the headers every answer carries. What a page says is `NewsroomDesk`'s; every store call
/// runs on a pool thread (libpq blocks), on the person's own connection.
struct DeskResponder: HTTPResponder {
    let options: NewsroomSession.Options
    let sessions: SessionTable
    let throttle: SignInGuard
    let threads: NIOThreadPool
    let bodyLimit: Int
    let logger: Logger
    let accessLog: AccessLog

    static let securityHeaders: [(HTTPField.Name, String)] = [
        (.contentSecurityPolicy, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "same-origin"),
        (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
        (HTTPField.Name("Cross-Origin-Resource-Policy")!, "same-origin"),
    ]

    func respond(to request: Request, context: DeskContext) async throws -> Response {
        let start = ContinuousClock.now
        var request = request
        let http = HTTPInfo(request, remote: context.remote)
        var answer = await answer(&request, http)
        for (name, value) in Self.securityHeaders { answer.headers[name] = value }
        // Every page may hold unpublished text: nothing is kept by the browser or a proxy.
        if answer.headers[.cacheControl] == nil { answer.headers[.cacheControl] = "no-store" }
        accessLog.record(remote: context.remote, method: request.method.rawValue, target: http.pathForLog, status: Int(answer.status.code),
                         bytes: answer.bytes, duration: ContinuousClock.now - start, route: http.route, source: "desk")
        return answer.response
    }

    private func answer(_ request: inout Request, _ http: HTTPInfo) async -> Reply {
        let words = Words(http.language)
        switch (request.method, http.path) {
        case (.get, ["assets", "desk.css"]): return .asset(DeskAssets.stylesheet, type: "text/css; charset=utf-8")
        case (.get, ["assets", "desk.js"]): return .asset(DeskAssets.script, type: "text/javascript; charset=utf-8")
        case (.get, ["favicon.ico"]): return Reply(status: .notFound, body: "", type: "text/plain; charset=utf-8")
        case (.get, ["healthz"]): return Reply(status: .ok, body: "ok\n", type: "text/plain; charset=utf-8")
        case (.get, ["language"]):
            var reply = Reply.redirect("/")
            reply.cookies.append(http.cookie(Self.languageCookie, DeskLanguage.named(http.query["to"]).rawValue, maxAge: 365 * 86_400))
            return reply
        default: break
        }
        guard !http.badPath else { return .page(DeskPages.stopped(words, .notFound), status: .notFound) }
        guard [.get, .post].contains(request.method) else {
            return .page(DeskPages.stopped(words, .badRequest), status: .methodNotAllowed)
        }
        var form: [String: String] = [:]
        var upload: DeskUpload?
        if request.method == .post {
            // State changes only from the desk's own pages: the same origin, and then the form's token.
            guard http.sameOrigin else {
                logger.notice("refused a POST to \(http.pathForLog) from origin \(http.origin ?? "none") (\(http.remote))")
                return .page(DeskPages.stopped(words, .forbiddenOrigin), status: .forbidden)
            }
            guard mayUpload(http) else { return signInPage(http, message: words(.sessionEnded), status: .unauthorized) }
            switch await readForm(&request, path: http.path) {
            case .success(let read): (form, upload) = (read.fields, read.upload)
            case .failure(let refusal): return .page(DeskPages.stopped(words, refusal.label), status: refusal.status)
            }
        }
        if http.path == ["sign-in"] { return await signIn(request.method, form: form, http) }
        switch sessions.find(http.sessionToken, now: Date()) {
        case .none:
            if http.path.first == "events" || http.path.last == "renew" { return Reply(status: .unauthorized, body: "", type: "text/plain") }
            return request.method == .get && http.path.isEmpty ? signInPage(http, message: nil) : signInPage(http, message: words(.sessionEnded), status: .unauthorized)
        case .expired:
            return signInPage(http, message: words(.sessionEnded), status: .unauthorized, forget: true)
        case .found(let session):
            if request.method == .post, !Secret.same(form["csrf"] ?? "", session.csrf) {
                logger.notice("refused a POST to \(http.pathForLog) without its form token (\(session.login), \(http.remote))")
                return .page(DeskPages.stopped(words, .staleForm), status: .forbidden)
            }
            if http.path == ["sign-out"] {
                sessions.remove(session.token)
                return signInPage(http, message: words(.signedOut), forget: true)
            }
            if http.path == ["events"] { return events(session, http) }
            return await signedIn(session, DeskRequest(method: request.method.rawValue, path: http.path, query: http.query, form: form, upload: upload), http)
        }
    }

    /// A request of a signed-in person, on a pool thread with their connection.
    private func signedIn(_ session: DeskSession, _ deskRequest: DeskRequest, _ http: HTTPInfo) async -> Reply {
        let language = http.language
        let outcome: Result<DeskAnswer, any Error>
        do {
            outcome = .success(try await threads.runIfActive {
                try session.withStore { store, member in
                    guard member.active else { throw Deactivated() }
                    let viewer = DeskViewer(member: member, csrf: session.csrf, language: language, time: try store.time())
                    return Desk(store: store, viewer: viewer).answer(deskRequest)
                }
            })
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let answer):
            return Reply(answer)
        case .failure(let error):
            sessions.remove(session.token)
            let words = Words(language)
            if error is Deactivated || NewsroomSession.explain(error).kind == .notAllowed {
                logger.notice("ended \(session.login)'s session: deactivated")
                return signInPage(http, message: words(.deactivated), status: .forbidden, forget: true)
            }
            logger.warning("ended \(session.login)'s session: \(NewsroomSession.explain(error).message)")
            return signInPage(http, message: words(.databaseDown) + " " + words(.sessionEnded), status: .serviceUnavailable, forget: true)
        }
    }

    struct Deactivated: Error {}

    static let languageCookie = "newsroom-desk-lang"
}
