#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CompressNIO
import HTTPTypes
import NIOCore
import NewsroomHTTP
import NewsroomSite
import Synchronization

/// An answer ready to send: its bytes (and their gzip), validators, and its headers already
/// made for each way it goes out (plain, gzip, 304), so that answering from memory only
/// picks one: no header is built per request.
struct CachedAnswer: Sendable {
    let status: HTTPResponse.Status
    let body: ByteBuffer
    /// Kept only when it saves bytes.
    let gzipped: ByteBuffer?
    /// A hash of the bytes: the same page has the same tag on every server and after restarts.
    let etag: String
    let gzipETag: String
    let lastModified: HTTPDate
    /// The cache generation it was made in; an answer of an earlier one is stale.
    private(set) var generation: UInt64
    let headers: HTTPFields
    let gzipHeaders: HTTPFields?
    let notModifiedHeaders: HTTPFields
    let gzipNotModifiedHeaders: HTTPFields?

    /// `extra` replaces or adds headers (a 503's `Retry-After` and `no-store`).
    init(_ response: SiteResponse, generation: UInt64, modified: HTTPDate, extra: HTTPFields = [:]) {
        let body = ByteBuffer(bytes: response.body)
        var gzipped: ByteBuffer?
        // Photos are compressed already; everything else may shrink.
        if response.body.count > 512, !response.contentType.hasPrefix("image/"), var copy = Optional(body), let compressed = try? copy.compress(with: .gzip()),
           compressed.readableBytes < response.body.count {
            gzipped = compressed
        }
        let tag = CachedAnswer.hash(response.body)
        self.status = HTTPResponse.Status(code: response.status)
        self.body = body
        self.gzipped = gzipped
        self.etag = "\"\(tag)\""
        self.gzipETag = "\"\(tag)-gz\""
        self.lastModified = modified
        self.generation = generation

        var common = CachedAnswer.securityHeaders
        common[.lastModified] = modified.text
        common[.vary] = "Accept-Encoding"
        common[.cacheControl] = response.cacheControl ?? "public, max-age=\(response.settings.maxAge), stale-if-error=\(CachedAnswer.staleIfError)"
        for field in extra { common[field.name] = field.value }
        var plain = common
        plain[.eTag] = etag
        notModifiedHeaders = plain
        plain[.contentType] = response.contentType
        plain[.contentLength] = String(body.readableBytes)
        headers = plain
        if let gzipped {
            var zipped = common
            zipped[.eTag] = gzipETag
            gzipNotModifiedHeaders = zipped
            zipped[.contentType] = response.contentType
            zipped[.contentEncoding] = "gzip"
            zipped[.contentLength] = String(gzipped.readableBytes)
            gzipHeaders = zipped
        } else {
            gzipHeaders = nil
            gzipNotModifiedHeaders = nil
        }
    }

    /// The same answer, fresh in a later generation: same bytes, same validators.
    func renewed(in generation: UInt64) -> CachedAnswer {
        var copy = self
        copy.generation = generation
        return copy
    }

    /// How long a browser or cache in front may keep serving an answer when we fail.
    static let staleIfError = 86_400

    static let securityHeaders: HTTPFields = [
        HTTPField.Name("Content-Security-Policy")!:
            "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "strict-origin-when-cross-origin",
    ]

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

/// Every answer the site gave, kept in memory until the newsroom changes what readers see.
///
/// Freshness: the database notifies at the commit of every change readers could see (and the
/// strip changes by the clock at times the cache knows); either starts a new generation, which
/// makes every kept answer stale at once. Stale answers are not served while the database
/// answers, but they stay as the fallback while it does not (readers keep reading).
/// Renders of the same route at the same time share one database query.
final class AnswerCache: Sendable {
    private let state: Mutex<State>
    let byteBudget: Int

    private struct State {
        var entries: [SiteRoute: CachedAnswer] = [:]
        var bytes = 0
        var generation: UInt64 = 1
        /// Last-Modified of answers made in this generation: later than any before it.
        var modified: HTTPDate
        /// When the strip next changes by the clock (nil: no known change ahead).
        var validUntil: Date?
        /// Set when a generation began without the watcher: it looks the next change up.
        var scheduleUnknown = false
        var rendering: [SiteRoute: Task<CachedAnswer, any Error>] = [:]
    }

    init(byteBudget: Int) {
        self.byteBudget = byteBudget
        self.state = Mutex(State(modified: HTTPDate(Date())))
    }

    var generation: UInt64 { state.withLock { $0.generation } }
    var lastModified: HTTPDate { state.withLock { $0.modified } }

    /// Something readers could see changed: every answer kept so far is stale.
    func invalidate(validUntil: Date?) {
        state.withLock { state in
            state.generation += 1
            // One second later than the last at least, so If-Modified-Since never matches across a change.
            state.modified = HTTPDate(seconds: max(state.modified.seconds + 1, HTTPDate(Date()).seconds))
            state.validUntil = validUntil
            state.scheduleUnknown = validUntil == nil
            state.rendering.removeAll()
        }
    }

    /// The strip's next change by the clock, learnt after an invalidation.
    func setValidUntil(_ date: Date?, ifGeneration generation: UInt64) {
        state.withLock { state in
            if state.generation == generation {
                state.validUntil = date
                state.scheduleUnknown = false
            }
        }
    }

    /// Whether nobody has looked up yet when the strip next changes in this generation.
    var scheduleUnknown: Bool { state.withLock { $0.scheduleUnknown } }

    /// Whether the strip has changed by the clock since the current generation began.
    func hasExpired(now: Date) -> Bool {
        state.withLock { state in state.validUntil.map { now >= $0 } ?? false }
    }

    /// The fresh answer for `route`, from memory or rendered once for everyone asking now.
    /// - Returns: the answer, and whether it came from memory.
    func answer(for route: SiteRoute, render: @escaping @Sendable (UInt64, HTTPDate) async throws -> CachedAnswer) async throws -> (CachedAnswer, Bool) {
        let now = Date()
        if hasExpired(now: now) { invalidate(validUntil: nil) }
        let (found, task) = state.withLock { state -> (CachedAnswer?, Task<CachedAnswer, any Error>?) in
            if let entry = state.entries[route], entry.generation == state.generation { return (entry, nil) }
            if let running = state.rendering[route] { return (nil, running) }
            let generation = state.generation
            let modified = state.modified
            let task = Task { [self] in self.unchangedKeepsItsDate(try await render(generation, modified), route: route) }
            state.rendering[route] = task
            return (nil, task)
        }
        if let found { return (found, true) }
        let answer: CachedAnswer
        do {
            answer = try await task!.value
        } catch {
            // A failed render is not shared with requests that come after it.
            state.withLock { state in
                if state.rendering[route] == task { state.rendering[route] = nil }
            }
            throw error
        }
        state.withLock { state in
            if state.rendering[route] == task { state.rendering[route] = nil }
            // Made before a change: never served as fresh (a request after the change renders
            // anew), but kept as the fallback when it is the newest there is for the route.
            guard answer.generation == state.generation || (state.entries[route]?.generation ?? 0) < answer.generation else { return }
            store(answer, for: route, in: &state)
        }
        return (answer, false)
    }

    /// The answer kept for `route` if it is fresh, without waiting for anything (nil also when
    /// the strip's clock has moved on: the next request through `answer` starts a new generation).
    func fresh(for route: SiteRoute) -> CachedAnswer? {
        let now = Date()
        return state.withLock { state in
            if let until = state.validUntil, now >= until { return nil }
            guard let entry = state.entries[route], entry.generation == state.generation else { return nil }
            return entry
        }
    }

    /// A render whose bytes are those already kept for the route is that answer, renewed:
    /// Last-Modified moves only when what readers get changes, as the ETag does (a generation
    /// also begins when nothing readers see changed, such as the watcher connecting again).
    private func unchangedKeepsItsDate(_ answer: CachedAnswer, route: SiteRoute) -> CachedAnswer {
        state.withLock { state in
            guard let kept = state.entries[route], kept.status == answer.status, kept.etag == answer.etag,
                  kept.headers[.cacheControl] == answer.headers[.cacheControl], kept.generation < answer.generation else { return answer }
            return kept.renewed(in: answer.generation)
        }
    }

    /// Any answer kept for `route`, fresh or not: what readers get while the database is down.
    func fallback(for route: SiteRoute) -> CachedAnswer? {
        state.withLock { $0.entries[route] }
    }

    private func store(_ answer: CachedAnswer, for route: SiteRoute, in state: inout State) {
        let size = Self.size(answer)
        guard size <= byteBudget / 4 else { return }
        if let old = state.entries.removeValue(forKey: route) { state.bytes -= Self.size(old) }
        if state.bytes + size > byteBudget {
            // Stale answers go first, then any, until the new one fits.
            let current = state.generation
            for (key, entry) in state.entries where entry.generation != current && state.bytes + size > byteBudget {
                state.entries[key] = nil
                state.bytes -= Self.size(entry)
            }
            while state.bytes + size > byteBudget, let (key, entry) = state.entries.first {
                state.entries[key] = nil
                state.bytes -= Self.size(entry)
            }
        }
        state.entries[route] = answer
        state.bytes += size
    }

    private static func size(_ answer: CachedAnswer) -> Int {
        answer.body.readableBytes + (answer.gzipped?.readableBytes ?? 0) + 256
    }
}
