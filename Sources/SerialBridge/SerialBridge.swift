import NIOCore
import NIOPosix
import RemoteClient

/// A local TCP server that gives one remote serial port to one client at a time, as RFC 2217 or
/// raw TCP (`pioctl remote device bridge`).
///
/// Each client gets a session of its own, opened when it connects and closed when it leaves, so
/// the board is free for others between clients. A second client while one is connected is told
/// so and disconnected.
public struct SerialBridge: Sendable {
    /// Where to listen.
    public var address: BridgeAddress
    /// RFC 2217 or raw.
    public var mode: BridgeMode
    /// The text sent to an RFC 2217 client that asks for the server's signature.
    public var signature: String
    /// Reports what happens (clients coming and going, refused commands), one line each.
    public var report: @Sendable (String) -> Void

    /// A bridge; nothing listens until ``run(openSession:listening:)``.
    public init(address: BridgeAddress, mode: BridgeMode, signature: String, report: @escaping @Sendable (String) -> Void) {
        self.address = address
        self.mode = mode
        self.signature = signature
        self.report = report
    }

    /// Listens and serves clients until cancelled; `openSession` opens the session for a client
    /// (named by its address), and `listening` is told the address bound (with the port the system
    /// chose, for port 0).
    ///
    /// - Throws: ``BridgeError`` when the address cannot be bound.
    public func run(
        openSession: @escaping @Sendable (String) async throws -> BridgeSession,
        listening: @Sendable (BridgeAddress) -> Void
    ) async throws {
        let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .bind(host: address.host, port: address.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw BridgeError("cannot listen on \(address): \(error); pick another port with --listen")
        }
        listening(BridgeAddress(host: address.host, port: server.channel.localAddress?.port ?? address.port))
        let occupancy = BridgeOccupancy()
        try await server.executeThenClose { clients in
            try await withThrowingDiscardingTaskGroup { group in
                for try await client in clients {
                    group.addTask { await serve(client, occupancy: occupancy, openSession: openSession) }
                }
            }
        }
    }

    /// Serves `client`, or tells it that another client has the port.
    private func serve(
        _ client: NIOAsyncChannel<ByteBuffer, ByteBuffer>, occupancy: BridgeOccupancy,
        openSession: @Sendable (String) async throws -> BridgeSession
    ) async {
        let peer = client.channel.remoteAddress.map(Self.describe) ?? "a client"
        if let holder = occupancy.claim(for: peer) {
            report("refused \(peer): \(holder) is connected")
            try? await client.executeThenClose { _, outbound in
                try await outbound.write(ByteBuffer(string: "pioctl bridge: busy, \(holder) is connected; one client at a time\r\n"))
            }
            return
        }
        let session: BridgeSession
        do {
            session = try await openSession(peer)
        } catch {
            occupancy.release()
            report("\(peer) connected, but the port could not be opened: \(error)")
            try? await client.executeThenClose { _, outbound in
                try await outbound.write(ByteBuffer(string: "pioctl bridge: cannot open the port: \(error)\r\n"))
            }
            return
        }
        report("\(peer) connected: session \(session.monitor.opened.session) on \(session.monitor.opened.port)")
        let connection = BridgeConnection(session: session, mode: mode, signature: signature, report: report)
        let end = (try? await client.executeThenClose { inbound, outbound in
            await connection.run(inbound: inbound, outbound: outbound)
        }) ?? .clientLeft
        // The close must reach the agent even when the bridge itself is stopping (cancelled).
        let closing = end == .clientLeft
        let outcome = await Task { () -> String? in
            do {
                try await session.finish(closing: closing)
                return nil
            } catch {
                return "\(error)"
            }
        }.value
        // Free for the next client before saying so: whoever reads the report may connect at once.
        occupancy.release()
        switch end {
        case .clientLeft: report("\(peer) left; session closed\(outcome.map { " (\($0))" } ?? "")")
        case .sessionEnded(let reason): report("the session ended: \(reason); \(peer) disconnected")
        }
    }

    /// `HOST:PORT` of a client.
    private static func describe(_ address: SocketAddress) -> String {
        guard let ip = address.ipAddress, let port = address.port else { return "\(address)" }
        return BridgeAddress(host: ip, port: port).description
    }
}
