#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPTypes
import NIOCore
import NewsroomHTTP
import NIOHTTPTypes
import Synchronization

/// Answers, on the event loop that read it, a request whose answer is in memory and fresh:
/// most of a news site's traffic once a page has been asked for. Everything else goes on to
/// Hummingbird (`SiteResponder`), which renders through the database pool. The answers are the
/// same bytes and headers either way (`SiteResponder.reply`); this only skips the hop to a
/// Swift task and back, which costs more than the answer itself.
///
/// Order is kept: while a request of the connection is with Hummingbird, later ones follow
/// it there (HTTP/1.1 answers in the order asked). A request with `Connection: close` goes to
/// Hummingbird too, which knows how to end a connection.
final class MemoryFastPath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let responder: SiteResponder
    /// Requests handed to Hummingbird and not answered yet.
    private var forwarded = 0
    /// A request answered from memory whose end has not arrived: its reply, and what to log.
    private var pending: (reply: SiteResponder.Reply, route: String, method: String, target: String, started: ContinuousClock.Instant)?
    /// The server is stopping while a request of ours was pending: close once it is answered.
    private var closeAfterReply = false

    init(responder: SiteResponder) {
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            let started = ContinuousClock.now
            if forwarded == 0, pending == nil, !Self.wantsClose(head), let (reply, route) = responder.replyFromMemory(head) {
                pending = (reply, route, head.method.rawValue, head.path ?? "", started)
                return
            }
            forwarded += 1
            context.fireChannelRead(data)
        case .body:
            if pending == nil { context.fireChannelRead(data) }  // a GET's body, if any, is not read
        case .end:
            guard let (reply, route, method, target, started) = pending else {
                context.fireChannelRead(data)
                return
            }
            pending = nil
            var headers = reply.headers
            headers[.date] = DateHeader.now()
            context.write(wrapOutboundOut(.head(HTTPResponse(status: reply.status, headerFields: headers))), promise: nil)
            if let body = reply.body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            responder.record(remote: context.channel.remoteAddress?.ipAddress ?? "-", method: method, target: target, status: reply.status,
                             bytes: reply.body?.readableBytes ?? 0, duration: ContinuousClock.now - started, route: route, source: "memory")
            if closeAfterReply { context.close(promise: nil) }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { forwarded -= 1 }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // Graceful shutdown: Hummingbird closes a connection it thinks idle; one of ours may be
        // mid-request, so it is closed after its answer instead.
        if event is ChannelShouldQuiesceEvent, pending != nil {
            closeAfterReply = true
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private static func wantsClose(_ head: HTTPRequest) -> Bool {
        head.headerFields[values: .connection].contains { $0.lowercased().contains("close") }
    }
}

/// The `Date` header, made once a second.
enum DateHeader {
    private static let cache = Mutex<(seconds: Int64, text: String)>((-1, ""))

    static func now() -> String {
        let now = HTTPDate(Date())
        return cache.withLock { cached in
            if cached.seconds != now.seconds { cached = (now.seconds, now.text) }
            return cached.text
        }
    }
}
