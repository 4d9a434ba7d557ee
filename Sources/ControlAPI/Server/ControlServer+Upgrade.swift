import Logging
import NIOCore
import NIOHTTP1

extension ControlServer {
    /// Answers `101 Switching Protocols`, turns the connection into a raw byte stream and carries
    /// `stream` on it until either side ends it; the connection closes afterwards.
    func carry(_ stream: any ControlStream, requests: inout Inbound, outbound: Outbound, channel: any Channel) async {
        var switched = true
        do {
            try await Self.switchToRawStream(channel, headers: stream.upgradeHeaders)
        } catch {
            logger.debug("control connection could not switch protocols", metadata: ["error": "\(error)"])
            switched = false
        }
        let reason = await stream.run(
            toClient: { bytes in try await outbound.write(.body(.byteBuffer(bytes))) },
            ended: { channel.close(promise: nil) },
            fromClient: { deliver in
                guard switched else { return }
                // The end of the client's input, or its connection dropping, ends the stream.
                while let part = try? await requests.next() {
                    if case .body(let bytes) = part { await deliver(bytes) }
                }
            })
        logger.debug("raw stream ended", metadata: ["reason": "\(reason)"])
    }

    /// Writes the `101` answer, then replaces the HTTP handlers with a ``RawStreamAdapter``; bytes
    /// the client sent early, after its request, go on as stream bytes.
    private static func switchToRawStream(_ channel: any Channel, headers: [(name: String, value: String)]) async throws {
        var fields = HTTPHeaders([("connection", "upgrade"), ("upgrade", ControlRouter<Backend>.upgradeProtocol)])
        for header in headers { fields.add(name: header.name, value: header.value) }
        let head = HTTPResponseHead(version: .http1_1, status: .switchingProtocols, headers: fields)
        try await channel.writeAndFlush(HTTPServerResponsePart.head(head)).flatMapThrowing {
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(RawStreamAdapter(), position: .after(decoder))
            pipeline.removeHandler(try pipeline.handler(type: ConnectionGuard.self), promise: nil)
            pipeline.removeHandler(try pipeline.handler(type: NIOHTTPResponseHeadersValidator.self), promise: nil)
            pipeline.removeHandler(try pipeline.handler(type: HTTPResponseEncoder.self), promise: nil)
            pipeline.removeHandler(decoder, promise: nil)
        }.get()
    }
}
