public import Logging
public import NIOCore
import NIOHTTP1
import NIOPosix
public import Prometheus
public import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// The control API server: HTTP/1.1 with JSON on a Unix socket.
///
/// Bind it with ``bind(configuration:backend:eventLoopGroup:statistics:registry:logger:)`` during
/// start-up, so the socket answers before the daemon reports READY, then run it as a
/// ``Service``. Each connection is served by its own task; a slow or stuck client holds only its
/// own connection. On graceful shutdown the server stops accepting, ends event streams and
/// removes the socket file it created.
public struct ControlServer<Backend: ControlAPIBackend>: Service {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    let configuration: ControlServerConfiguration
    let router: ControlRouter<Backend>
    let statistics: ControlServerStatistics
    let metrics: ControlAPIMetrics
    let logger: Logger
    private let serverChannel: NIOAsyncChannel<Connection, Never>
    /// The inode of the socket file this server created, so shutdown removes only its own file.
    private let createdSocketInode: ino_t?

    /// Binds (or adopts) the listening socket and returns a server ready to run.
    ///
    /// - Throws: ``ControlSocketError`` when the path is taken by a live daemon or is not a
    ///   socket, or a NIO error when binding fails.
    public static func bind(
        configuration: ControlServerConfiguration, backend: Backend, eventLoopGroup: any EventLoopGroup,
        statistics: ControlServerStatistics, registry: PrometheusCollectorRegistry, logger: Logger
    ) async throws -> ControlServer {
        let bootstrap = ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 128)
        let guardSettings = (configuration.idleTimeout, configuration.requestTimeout, configuration.maxBodyBytes)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Connection> = { channel in
            channel.eventLoop.makeCompletedFuture {
                // The HTTP server handlers without pipelining help or error pages (ConnectionGuard
                // answers errors), and a decoder that hands on what follows an upgrade request.
                let handlers = channel.pipeline.syncOperations
                try handlers.addHandler(HTTPResponseEncoder())
                try handlers.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes)))
                try handlers.addHandler(NIOHTTPResponseHeadersValidator())
                try channel.pipeline.syncOperations.addHandler(
                    ConnectionGuard(idleTimeout: guardSettings.0, requestTimeout: guardSettings.1, maxBodyBytes: guardSettings.2))
                return try Connection(wrappingChannelSynchronously: channel)
            }
        }
        let serverChannel: NIOAsyncChannel<Connection, Never>
        var createdInode: ino_t?
        switch configuration.listener {
        case .path(let path, let mode, let group):
            try UnixSocketPath.prepare(path)
            serverChannel = try await bootstrap.bind(unixDomainSocketPath: path, childChannelInitializer: initializer)
            createdInode = UnixSocketPath.inode(of: path)
            if let warning = try UnixSocketPath.applyPermissions(path, mode: mode, group: group) {
                logger.warning("\(warning)", metadata: ["socket": "\(path)"])
            }
        case .activated(let descriptor, _):
            serverChannel = try await bootstrap.bind(descriptor, childChannelInitializer: initializer)
        }
        logger.info(
            "control API listening",
            metadata: ["socket": "\(configuration.listener.displayPath)", "activated": "\(createdInode == nil)"])
        return ControlServer(
            configuration: configuration, router: ControlRouter(backend: backend), statistics: statistics,
            metrics: ControlAPIMetrics(registry: registry), logger: logger, serverChannel: serverChannel,
            createdSocketInode: createdInode)
    }

    /// Serves connections until graceful shutdown or cancellation.
    ///
    /// Graceful shutdown ends every connection at once, event streams included: the clients are
    /// local and reconnect to the next daemon.
    public func run() async throws {
        defer { removeSocketFile() }
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    try await serverChannel.executeThenClose { connections in
                        for try await connection in connections {
                            group.addTask { await serve(connection) }
                        }
                    }
                }
            }
        } catch is CancellationError where Task.isShuttingDownGracefully {
            logger.debug("control API stopped")
        }
    }

    private func removeSocketFile() {
        guard case .path(let path, _, _) = configuration.listener, let inode = createdSocketInode else { return }
        UnixSocketPath.remove(path, ifInode: inode)
    }
}
