#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NewsroomHTTP
import NewsroomCore
import NewsroomSite
import NewsroomStore
import Synchronization

/// The request context: Hummingbird's, and who asked (for the access log).
struct SiteContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remote: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remote = source.channel.remoteAddress?.ipAddress ?? "-"
    }
}

/// HTTP in front of the reader site: methods, validators, caching terms, compression and
/// security headers, the same for every answer. What a page says is the site's business
/// (`NewsroomSite`); where it comes from (memory, or the database through the pool) is the
/// cache's and the pool's.
struct SiteResponder: HTTPResponder {
    let site: Site
    let pool: StorePool<ReaderStore>
    let cache: AnswerCache
    let ticker: TickerStream
    let metrics: SiteMetrics
    let log: AccessLog
    let logger: Logger
    /// The settings of the last page made, for answers that need no database (a `400`, a `503`).
    let settings: LatestSettings
    /// The stylesheet and the script, made once.
    let assets: [SiteRoute: CachedAnswer]
    let routes = RouteMemo()

    init(site: Site, pool: StorePool<ReaderStore>, cache: AnswerCache, ticker: TickerStream, metrics: SiteMetrics, log: AccessLog, logger: Logger, settings: SiteSettings) {
        self.site = site
        self.pool = pool
        self.cache = cache
        self.ticker = ticker
        self.metrics = metrics
        self.log = log
        self.logger = logger
        self.settings = LatestSettings(settings)
        var assets: [SiteRoute: CachedAnswer] = [:]
        for route in [SiteRoute.stylesheet, .script] {
            assets[route] = Site.asset(route, settings: settings).map { CachedAnswer($0, generation: 0, modified: HTTPDate(Date())) }
        }
        self.assets = assets
    }

    /// Bounded work: longer request targets are refused before anything is parsed.
    static let longestTarget = 2048

    func respond(to request: Request, context: SiteContext) async throws -> Response {
        let start = ContinuousClock.now
        var outcome = Outcome()
        let response = await answer(request, &outcome)
        record(remote: context.remote, method: request.method.rawValue, target: request.uri.string, status: response.status,
               bytes: outcome.bytes, duration: ContinuousClock.now - start, route: outcome.route, source: outcome.source)
        return response
    }

    /// One request answered, however: its metrics and its access-log line.
    func record(remote: String, method: String, target: String, status: HTTPResponse.Status, bytes: Int,
                duration: Duration, route: String, source: String) {
        metrics.server.record(route: route, status: Int(status.code), source: source, duration: duration)
        log.record(remote: remote, method: method, target: target, status: Int(status.code),
                   bytes: bytes, duration: duration, route: route, source: source)
    }

    /// What the logs and metrics say of a request.
    private struct Outcome {
        var route = "none"
        var source = "none"
        var bytes = 0
    }

    private func answer(_ request: Request, _ outcome: inout Outcome) async -> Response {
        let isHead = request.method == .head
        guard request.method == .get || isHead else {
            return plain(.methodNotAllowed, "only GET and HEAD are answered here\n", extra: [.allow: "GET, HEAD"])
        }
        guard request.uri.string.utf8.count <= Self.longestTarget else {
            return plain(.uriTooLong, "the request target is longer than \(Self.longestTarget) bytes\n")
        }
        switch request.uri.path {
        case "/healthz":
            outcome.route = "healthz"
            return await health(isHead: isHead)
        case "/metrics":
            outcome.route = "metrics"
            return send(metrics.server.text(), status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", isHead: isHead, extra: [.cacheControl: "no-store"])
        default:
            break
        }
        let route: SiteRoute
        do {
            route = try SiteRoute.parse(path: request.uri.path, query: request.uri.query)
        } catch {
            outcome.route = "bad_request"
            let response = site.refusal(error, settings: settings.withLock { $0 })
            return finish(request, CachedAnswer(response, generation: 0, modified: cache.lastModified), isHead: isHead, outcome: &outcome)
        }
        outcome.route = route.name
        if route == .apiTickerStream {
            outcome.source = "stream"
            return stream(request, isHead: isHead)
        }
        if let asset = assets[route] {
            outcome.source = "memory"
            return finish(request, asset, isHead: isHead, outcome: &outcome)
        }
        do {
            if !route.isKept {
                let answer = try await render(route, generation: 0, modified: cache.lastModified, extra: [.cacheControl: "no-cache"])
                outcome.source = "database"
                return finish(request, answer, isHead: isHead, outcome: &outcome)
            }
            let (answer, fromMemory) = try await cache.answer(for: route) { [self] generation, modified in
                try await render(route, generation: generation, modified: modified)
            }
            outcome.source = fromMemory ? "memory" : "database"
            return finish(request, answer, isHead: isHead, outcome: &outcome)
        } catch {
            if error is PoolRefusal {
                // The database is down or swamped: what we have, else a 503 that says when to come
                // back. Not logged per request: the change watcher says once that it is gone.
                if let kept = cache.fallback(for: route) {
                    outcome.source = "fallback"
                    return finish(request, kept, isHead: isHead, outcome: &outcome)
                }
                let response = site.unavailable(api: route.isAPI, settings: settings.withLock { $0 })
                let answer = CachedAnswer(response, generation: 0, modified: cache.lastModified, extra: [.retryAfter: "5", .cacheControl: "no-store"])
                return finish(request, answer, isHead: isHead, outcome: &outcome)
            }
            logger.error("500 for \(request.uri.path): \(error)")
            return plain(.internalServerError, "the server failed to answer this request\n")
        }
    }

    /// The site's answer to a route, made on a pooled connection; the settings it was made
    /// with become the latest known.
    private func render(_ route: SiteRoute, generation: UInt64, modified: HTTPDate, extra: HTTPFields = [:]) async throws -> CachedAnswer {
        try await pool.run { [site, settings] store in
            let response = try site.respond(to: route, from: store)
            settings.withLock { $0 = response.settings }
            return CachedAnswer(response, generation: generation, modified: modified, extra: extra)
        }
    }

    // MARK: Answers

    /// The conditional `304`, and the encoding asked for; the headers were made with the answer.
    private func finish(_ request: Request, _ answer: CachedAnswer, isHead: Bool, outcome: inout Outcome) -> Response {
        let reply = Self.reply(answer, isHead: isHead, headers: request.headers)
        outcome.bytes = reply.body?.readableBytes ?? 0
        return Response(status: reply.status, headers: reply.headers, body: reply.body.map { ResponseBody(byteBuffer: $0) } ?? ResponseBody())
    }

    /// What goes out for a kept answer, given the request's headers.
    struct Reply {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        /// Nil for HEAD and 304.
        let body: ByteBuffer?
    }

    static func reply(_ answer: CachedAnswer, isHead: Bool, headers request: HTTPFields) -> Reply {
        let gzip = answer.gzipped != nil && ContentCoding.acceptsGzip(request[.acceptEncoding])
        if answer.status == .ok, notModified(request, answer) {
            return Reply(status: .notModified, headers: gzip ? answer.gzipNotModifiedHeaders! : answer.notModifiedHeaders, body: nil)
        }
        return Reply(status: answer.status, headers: gzip ? answer.gzipHeaders! : answer.headers,
                     body: isHead ? nil : (gzip ? answer.gzipped! : answer.body))
    }

    /// The reply to a request whose answer is in memory and fresh, decided at once, without
    /// waiting for anything (`MemoryFastPath` answers it on the event loop); nil when the
    /// request needs more (the database, a refusal, a health check).
    func replyFromMemory(_ head: HTTPRequest) -> (reply: Reply, route: String)? {
        guard head.method == .get || head.method == .head, let target = head.path, target.utf8.count <= Self.longestTarget,
              let route = routes.route(for: target),
              let answer = assets[route] ?? cache.fresh(for: route)
        else { return nil }
        return (Self.reply(answer, isHead: head.method == .head, headers: head.headerFields), route.name)
    }

    /// RFC 9110: If-None-Match decides when present (weak comparison, either encoding's tag);
    /// else If-Modified-Since, at whole seconds.
    private static func notModified(_ request: HTTPFields, _ answer: CachedAnswer) -> Bool {
        let tags = request[values: .ifNoneMatch]
        if !tags.isEmpty {
            for list in tags {
                for raw in list.split(separator: ",") {
                    var tag = raw.trimmingCharacters(in: .whitespaces)
                    if tag == "*" { return true }
                    if tag.hasPrefix("W/") { tag.removeFirst(2) }
                    if tag == answer.etag || tag == answer.gzipETag { return true }
                }
            }
            return false
        }
        if let since = request[.ifModifiedSince].flatMap(HTTPDate.init(parsing:)) {
            return answer.lastModified <= since
        }
        return false
    }

    /// `text/event-stream`: the strip now (unless the client's `Last-Event-ID` says it has it),
    /// then again at every change, a comment every 15 s, and the end when the server stops.
    /// A client that had seen a newer strip (on another server further along) is sent nothing
    /// until this server has caught up with it.
    private func stream(_ request: Request, isHead: Bool) -> Response {
        var headers = CachedAnswer.securityHeaders
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"  // proxies such as nginx: do not buffer
        guard !isHead else { return Response(status: .ok, headers: headers, body: ResponseBody()) }
        let seen = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap(TickerStreamPosition.init(eventID:))
        return Response(status: .ok, headers: headers, body: ResponseBody { [ticker, metrics] writer in
            ticker.connected()
            metrics.streamClients.set(Int64(ticker.clients))
            defer {
                ticker.disconnected()
                metrics.streamClients.set(Int64(ticker.clients))
            }
            try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
            var sent = seen
            var sequence: UInt64 = 0
            var heartbeat = ticker.heartbeat
            streaming: while true {
                switch await ticker.next(after: sequence, heartbeat: heartbeat) {
                case .closed:
                    break streaming
                case .heartbeat(let beat):
                    heartbeat = beat
                    try await writer.write(ByteBuffer(string: ":\n\n"))
                case .event(let event, let number):
                    sequence = number
                    if let sent, event.position <= sent { continue }
                    sent = event.position
                    try await writer.write(event.frame)
                }
            }
            try await writer.finish(nil)
        })
    }

    private func health(isHead: Bool) async -> Response {
        do {
            try await pool.run { store in try store.ping() }
            return send(Array("ok\n".utf8), status: .ok, contentType: "text/plain; charset=utf-8", isHead: isHead, extra: [.cacheControl: "no-store"])
        } catch {
            let reason = (error as? PoolRefusal)?.description ?? NewsroomSession.explain(error).message
            return send(Array("unavailable: \(reason)\n".utf8), status: .serviceUnavailable, contentType: "text/plain; charset=utf-8",
                        isHead: isHead, extra: [.cacheControl: "no-store", .retryAfter: "5"])
        }
    }

    private func plain(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return send(Array(text.utf8), status: status, contentType: "text/plain; charset=utf-8", isHead: false, extra: headers)
    }

    private func send(_ bytes: [UInt8], status: HTTPResponse.Status, contentType: String, isHead: Bool, extra: HTTPFields) -> Response {
        var headers = CachedAnswer.securityHeaders
        headers[.contentType] = contentType
        headers.append(contentsOf: extra)
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: isHead ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension HTTPField.Name {
    static let retryAfter = HTTPField.Name("Retry-After")!
}
