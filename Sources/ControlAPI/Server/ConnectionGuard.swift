import AgentCore
import NIOCore
import NIOHTTP1

/// Protects the server from clients that are slow, stuck, malformed or too large, before a
/// request reaches the async handler.
///
/// - A connection waiting for a request is closed after `idleTimeout`.
/// - A request must arrive whole (head and body) within `requestTimeout`, else 408.
/// - A body over `maxBodyBytes` (by `Content-Length` or by counting) gets 413.
/// - A request the HTTP parser rejects gets 400.
/// The early answers are JSON like every other error, and the connection closes after them.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// How long a rejected connection is drained before it is closed.
    static let lingerTime = TimeAmount.seconds(2)

    private let idleTimeout: TimeAmount
    private let requestTimeout: TimeAmount
    private let maxBodyBytes: Int
    private var bodyBytes = 0
    private var requestInProgress = false
    private var responsesInFlight = 0
    private var rejected = false
    private var deadline: Scheduled<Void>?

    init(idleTimeout: TimeAmount, requestTimeout: TimeAmount, maxBodyBytes: Int) {
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.maxBodyBytes = maxBodyBytes
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armIdleDeadline(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        armIdleDeadline(context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !rejected else { return }
        let part = unwrapInboundIn(data)
        switch part {
        case .head(let head):
            requestInProgress = true
            bodyBytes = 0
            arm(after: requestTimeout, context: context) { guardHandler, context in
                guardHandler.reject(
                    .requestTimeout(milliseconds: guardHandler.requestTimeout.nanoseconds / 1_000_000), context: context)
            }
            if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > maxBodyBytes {
                reject(.payloadTooLarge(limit: maxBodyBytes), context: context)
                return
            }
        case .body(let buffer):
            bodyBytes += buffer.readableBytes
            if bodyBytes > maxBodyBytes {
                reject(.payloadTooLarge(limit: maxBodyBytes), context: context)
                return
            }
        case .end:
            requestInProgress = false
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head: responsesInFlight += 1
        case .end:
            responsesInFlight -= 1
            if responsesInFlight == 0 && !requestInProgress { armIdleDeadline(context: context) }
        case .body: break
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is HTTPParserError {
            reject(.badRequest("malformed HTTP request: \(error)"), context: context)
        } else {
            context.fireErrorCaught(error)
        }
    }

    /// Answers with `error` (when no response has started) and closes the connection.
    private func reject(_ error: ControlAPIError, context: ChannelHandlerContext) {
        guard !rejected else { return }
        rejected = true
        deadline?.cancel()
        guard responsesInFlight == 0 else {
            context.close(promise: nil)
            return
        }
        let response = ControlResponse.error(error)
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: response.contentType)
        headers.add(name: "content-length", value: String(response.body.count))
        headers.add(name: "connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: error.status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { [self] _ in
            // Stop writing but go on reading (and discarding) for a moment: closing with unread
            // input would reset the connection and the client would lose the answer.
            context.close(mode: .output, promise: nil)
            arm(after: Self.lingerTime, context: context) { _, context in context.close(promise: nil) }
        }
    }

    private func armIdleDeadline(context: ChannelHandlerContext) {
        arm(after: idleTimeout, context: context) { guardHandler, context in
            guard !guardHandler.requestInProgress, guardHandler.responsesInFlight == 0 else { return }
            context.close(promise: nil)
        }
    }

    private func arm(
        after delay: TimeAmount, context: ChannelHandlerContext,
        _ action: @escaping (ConnectionGuard, ChannelHandlerContext) -> Void
    ) {
        deadline?.cancel()
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
            action(self, context)
        }
    }
}
