import ControlAPI
import Logging
import NIOCore
import NIOPosix
import Prometheus
import TestSupport

/// Runs a real ``ControlServer`` on a socket in a temporary directory for the duration of `body`.
func withControlServer<Result: Sendable>(
    maxConnections: Int = 256, idleTimeout: Duration = .seconds(60), requestTimeout: Duration = .seconds(30),
    _ body: (_ socketPath: String, _ backend: InMemoryBackend) async throws -> Result
) async throws -> Result {
    let directory = try TemporaryDirectory(prefix: "control-api")
    defer { directory.remove() }
    let socketPath = directory.file("control.sock")
    let statistics = ControlServerStatistics()
    let backend = InMemoryBackend(statistics: statistics)
    let configuration = ControlServerConfiguration(
        listener: .path(socketPath, mode: 0o660, group: nil), maxConnections: maxConnections,
        idleTimeout: .nanoseconds(Int64(idleTimeout.components.seconds) * 1_000_000_000
            + Int64(idleTimeout.components.attoseconds / 1_000_000_000)),
        requestTimeout: .nanoseconds(Int64(requestTimeout.components.seconds) * 1_000_000_000
            + Int64(requestTimeout.components.attoseconds / 1_000_000_000)),
        eventBufferLimit: 8)
    let server = try await ControlServer.bind(
        configuration: configuration, backend: backend, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
        statistics: statistics, registry: PrometheusCollectorRegistry(), logger: Logger(label: "test"))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        defer { group.cancelAll() }
        return try await body(socketPath, backend)
    }
}
