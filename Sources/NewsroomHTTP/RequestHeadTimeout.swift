import NIOCore
import NIOHTTPTypes

/// A slow client cannot hold a connection: each request's head must arrive within `limit` of
/// the connection opening or of the previous answer ending, or the connection is closed.
/// (The idle timeout alone would let a client that sends a byte now and then stay for ever.)
/// One check a second per connection, not a timer per request: a request costs a clock read.
public final class RequestHeadTimeout: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    private let limit: TimeAmount
    /// Since when the connection waits for a request head (nil: a request is being answered).
    private var waitingSince: NIODeadline?
    private var check: RepeatedTask?

    public init(limit: TimeAmount) {
        self.limit = limit
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    public func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { waitingSince = nil }
        context.fireChannelRead(data)
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { waitingSince = .now() }
        context.write(data, promise: promise)
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    public func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard check == nil else { return }
        waitingSince = .now()
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let every = min(limit, .seconds(1))
        check = context.eventLoop.scheduleRepeatedTask(initialDelay: every, delay: every) { _ in
            let (handler, context) = bound.value
            if let since = handler.waitingSince, NIODeadline.now() - since >= handler.limit {
                handler.stop()
                context.close(promise: nil)
            }
        }
    }

    private func stop() {
        check?.cancel()
        check = nil
    }
}
