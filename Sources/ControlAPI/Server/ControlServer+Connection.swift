import AgentCore
import Inventory
import Logging
import NIOCore
import NIOHTTP1

extension ControlServer {
    typealias Inbound = NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator
    typealias Outbound = NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>

    /// Serves one connection: requests in order until the client or a response closes it.
    func serve(_ connection: Connection) async {
        let openConnections = statistics.connectionOpened()
        defer { statistics.connectionClosed() }
        do {
            try await connection.executeThenClose { inbound, outbound in
                guard openConnections <= configuration.maxConnections else {
                    metrics.countRejectedConnection()
                    let error = ControlAPIError.unavailable(
                        "too many control connections (limit \(configuration.maxConnections)); try again")
                    try await write(.error(error), keepAlive: false, version: .http1_1, to: outbound)
                    return
                }
                var requests = inbound.makeAsyncIterator()
                var head: HTTPRequestHead?
                var body: ByteBuffer?
                while let part = try await requests.next() {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                        body = nil
                    case .body(var chunk):
                        if body == nil { body = chunk } else { body!.writeBuffer(&chunk) }
                    case .end:
                        guard let requestHead = head else { continue }
                        head = nil
                        let keepOpen = try await respond(
                            to: requestHead, body: body, requests: &requests, outbound: outbound,
                            channel: connection.channel)
                        guard keepOpen else { return }
                    }
                }
            }
        } catch {
            logger.debug("control connection ended", metadata: ["error": "\(error)"])
        }
    }

    /// Answers one request; returns whether the connection stays open for another.
    private func respond(
        to head: HTTPRequestHead, body: ByteBuffer?, requests: inout Inbound, outbound: Outbound,
        channel: any Channel
    ) async throws -> Bool {
        let start = ContinuousClock.now
        var route = ControlRouter<Backend>.Route.unknown
        let reply: ControlReply
        do {
            let request = try ControlRequest(head: head, body: body)
            route = .init(segments: request.segments)
            var peer: ControlPeer?
            if request.method == .POST, let credentials = await PeerCredentials.of(channel) {
                peer = ControlPeer(pid: credentials.pid, uid: credentials.uid)
                logger.info("control request", metadata: ["path": "\(head.uri)", "peer": "\(peer!)"])
            }
            reply = await router.reply(to: request, route: route, peer: peer)
        } catch {
            reply = .response(.error(error))
        }
        switch reply {
        case .response(let response):
            metrics.countRequest(route: route.rawValue, status: response.status)
            try await write(response, keepAlive: head.isKeepAlive, version: head.version, to: outbound)
            logger.debug(
                "control request answered",
                metadata: [
                    "method": "\(head.method.rawValue)", "path": "\(head.uri)", "status": "\(response.status.code)",
                    "duration": "\(ContinuousClock.now - start)",
                ])
            return head.isKeepAlive
        case .eventStream(let subscription):
            metrics.countRequest(route: route.rawValue, status: .ok)
            try await stream(subscription, version: head.version, requests: &requests, outbound: outbound, channel: channel)
            return false
        case .upgrade(let stream):
            metrics.countRequest(route: route.rawValue, status: .switchingProtocols)
            await carry(stream, requests: &requests, outbound: outbound, channel: channel)
            return false
        }
    }

    /// Writes a complete response in one flush.
    func write(_ response: ControlResponse, keepAlive: Bool, version: HTTPVersion, to outbound: Outbound) async throws {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: response.contentType)
        headers.add(name: "content-length", value: String(response.body.count))
        headers.add(name: "cache-control", value: "no-store")
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        if !keepAlive {
            headers.add(name: "connection", value: "close")
        } else if version == .http1_0 {
            headers.add(name: "connection", value: "keep-alive")
        }
        try await outbound.write(contentsOf: [
            .head(HTTPResponseHead(version: version, status: response.status, headers: headers)),
            .body(.byteBuffer(ByteBuffer(bytes: response.body))),
            .end(nil),
        ])
    }

    /// `GET /v1/events`: writes one JSON line per event until the client leaves, the client falls
    /// too far behind, or the daemon shuts down.
    private func stream(
        _ subscription: InventorySubscription, version: HTTPVersion, requests: inout Inbound, outbound: Outbound,
        channel: any Channel
    ) async throws {
        statistics.eventStreamOpened()
        defer { statistics.eventStreamClosed() }
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/x-ndjson")
        headers.add(name: "cache-control", value: "no-store")
        try await outbound.write(.head(HTTPResponseHead(version: version, status: .ok, headers: headers)))
        let logger = logger
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in subscription {
                    var line = try AgentJSON.encode(event)
                    line.append(UInt8(ascii: "\n"))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: line))))
                }
                if subscription.overflowed {
                    logger.warning("event stream client fell too far behind; disconnecting it")
                }
                try? await outbound.write(.end(nil))
                channel.close(promise: nil)
            }
            // The client sends nothing more; the end of its side (or an error) ends the stream.
            while try await requests.next() != nil {}
            group.cancelAll()
        }
    }
}
