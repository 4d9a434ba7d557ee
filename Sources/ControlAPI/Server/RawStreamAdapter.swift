import NIOCore
import NIOHTTP1

/// Stands in for the HTTP codec once a connection has switched protocols: the client's raw bytes
/// go on to the connection's handler as body parts, and the body parts written to the client go
/// out as they are (heads and ends carry nothing). So the connection keeps its one async channel,
/// with its back-pressure, from the request to the end of the stream.
final class RawStreamAdapter: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(wrapInboundOut(.body(unwrapInboundIn(data))))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .body(.byteBuffer(let bytes)):
            context.write(wrapOutboundOut(bytes), promise: promise)
        case .body(.fileRegion):
            promise?.fail(ChannelError.operationUnsupported)
        case .head, .end:
            promise?.succeed(())
        }
    }
}
