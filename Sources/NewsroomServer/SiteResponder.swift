#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CompressNIO
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
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
    let pool: StorePool
    let cache: AnswerCache
    let metrics: ServerMetrics
    let log: AccessLog
    let logger: Logger
    /// The settings of the last page made, for answers that need no database (a `400`, a `503`).
    let settings: LatestSettings

    /// Bounded work: longer request targets are refused before anything is parsed.
    static let longestTarget = 2048
    /// How long a browser or cache in front may keep serving an answer when we fail.
    static let staleIfError = 86_400

    func respond(to request: Request, context: SiteContext) async throws -> Response {
        let start = ContinuousClock.now
        var outcome = Outcome()
        let response = await answer(request, &outcome)
        let duration = ContinuousClock.now - start
        metrics.record(route: outcome.route, status: Int(response.status.code), source: outcome.source, duration: duration)
        let (seconds, attoseconds) = duration.components
        log.record(time: HTTPDate(Date()), remote: context.remote, method: request.method.rawValue, target: request.uri.string,
                   status: Int(response.status.code), bytes: outcome.bytes,
                   milliseconds: Double(seconds) * 1000 + Double(attoseconds) / 1e15, route: outcome.route, source: outcome.source)
        return response
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
            return send(metricsBody(), status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", isHead: isHead, extra: [.cacheControl: "no-store"])
        default:
            break
        }
        let route: SiteRoute
        do {
            route = try SiteRoute.parse(path: request.uri.path, query: request.uri.query)
        } catch {
            outcome.route = "bad_request"
            let response = site.refusal(error, settings: settings.withLock { $0 })
            return finish(request, made(response, generation: 0, modified: cache.lastModified), isHead: isHead, outcome: &outcome)
        }
        outcome.route = route.name
        if let asset = Site.asset(route, settings: settings.withLock { $0 }) {
            outcome.source = "memory"
            return finish(request, made(asset, generation: 0, modified: HTTPDate(seconds: 0)), isHead: isHead, outcome: &outcome)
        }
        do {
            let (answer, fromMemory) = try await cache.answer(for: route) { [site, pool, settings] generation, modified in
                try await pool.run { store in
                    let response = try site.respond(to: route, from: store)
                    settings.withLock { $0 = response.settings }
                    return made(response, generation: generation, modified: modified)
                }
            }
            outcome.source = fromMemory ? "memory" : "database"
            return finish(request, answer, isHead: isHead, outcome: &outcome)
        } catch {
            if let refusal = error as? PoolRefusal {
                // The database is down or swamped: what we have, else a 503 that says when to come back.
                if let kept = cache.fallback(for: route) {
                    outcome.source = "fallback"
                    return finish(request, kept, isHead: isHead, outcome: &outcome)
                }
                if case .unavailable(let reason) = refusal { logger.warning("503 for \(request.uri.path): \(reason)") }
                outcome.source = "none"
                let response = site.unavailable(api: route.isAPI, settings: settings.withLock { $0 })
                return finish(request, made(response, generation: 0, modified: cache.lastModified), isHead: isHead, outcome: &outcome,
                              extra: [.retryAfter: "5", .cacheControl: "no-store"])
            }
            logger.error("500 for \(request.uri.path): \(error)")
            return plain(.internalServerError, "the server failed to answer this request\n")
        }
    }

    // MARK: Answers

    /// A site response as kept in memory: bytes, their gzip when it saves bytes, validators.
    private func made(_ response: SiteResponse, generation: UInt64, modified: HTTPDate) -> CachedAnswer {
        var body = ByteBuffer(bytes: response.body)
        var gzipped: ByteBuffer?
        if response.body.count > 512, var copy = Optional(body), let compressed = try? copy.compress(with: .gzip()),
           compressed.readableBytes < response.body.count {
            gzipped = compressed
        }
        body.moveReaderIndex(to: 0)
        let tag = Self.hash(response.body)
        return CachedAnswer(
            status: response.status, contentType: response.contentType, body: body, gzipped: gzipped,
            etag: "\"\(tag)\"", gzipETag: "\"\(tag)-gz\"", lastModified: modified,
            maxAge: response.settings.maxAge, generation: generation
        )
    }

    /// Headers every answer gets, the conditional `304`, and the encoding asked for.
    private func finish(_ request: Request, _ answer: CachedAnswer, isHead: Bool, outcome: inout Outcome,
                        extra: HTTPFields = [:]) -> Response {
        let gzip = answer.gzipped != nil && Self.acceptsGzip(request.headers[.acceptEncoding])
        let etag = gzip ? answer.gzipETag : answer.etag
        var headers: HTTPFields = Self.securityHeaders
        headers[.contentType] = answer.contentType
        headers[.eTag] = etag
        headers[.lastModified] = answer.lastModified.text
        headers[.vary] = "Accept-Encoding"
        headers[.cacheControl] = "public, max-age=\(answer.maxAge), stale-if-error=\(Self.staleIfError)"
        headers.append(contentsOf: extra)
        if extra[.cacheControl] != nil { headers[.cacheControl] = extra[.cacheControl] }
        if answer.status == 200, notModified(request, answer) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        if gzip { headers[.contentEncoding] = "gzip" }
        let body = gzip ? answer.gzipped! : answer.body
        outcome.bytes = isHead ? 0 : body.readableBytes
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers,
                        body: isHead ? ResponseBody() : ResponseBody(byteBuffer: body))
    }

    /// RFC 9110: If-None-Match decides when present (weak comparison, either encoding's tag);
    /// else If-Modified-Since, at whole seconds.
    private func notModified(_ request: Request, _ answer: CachedAnswer) -> Bool {
        let tags = request.headers[values: .ifNoneMatch]
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
        if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.init(parsing:)) {
            return answer.lastModified <= since
        }
        return false
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

    private func metricsBody() -> [UInt8] { metrics.text() }

    private func plain(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return send(Array(text.utf8), status: status, contentType: "text/plain; charset=utf-8", isHead: false, extra: headers)
    }

    private func send(_ bytes: [UInt8], status: HTTPResponse.Status, contentType: String, isHead: Bool, extra: HTTPFields) -> Response {
        var headers = Self.securityHeaders
        headers[.contentType] = contentType
        headers.append(contentsOf: extra)
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: isHead ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    // MARK: Fixed parts

    static let securityHeaders: HTTPFields = [
        HTTPField.Name("Content-Security-Policy")!:
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "strict-origin-when-cross-origin",
    ]

    /// `gzip` (or `x-gzip`) listed without `q=0`.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let refused = parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "").hasPrefix("q=0") && !$0.contains(where: { "123456789".contains($0) }) }
            if !refused { return true }
        }
        return false
    }

    /// FNV-1a, 64 bits, in hex: a stable tag for the same bytes.
    static func hash(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The settings of the last page made (a class: a `Mutex` cannot be copied with the responder).
final class LatestSettings: Sendable {
    private let value: Mutex<SiteSettings>
    init(_ settings: SiteSettings) { value = Mutex(settings) }
    func withLock<T>(_ body: (inout SiteSettings) -> T) -> T { value.withLock { body(&$0) } }
}

extension HTTPField.Name {
    static let retryAfter = HTTPField.Name("Retry-After")!
}
