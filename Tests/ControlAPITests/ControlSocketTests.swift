import ControlAPI
import Glibc
import Logging
import NIOPosix
import Prometheus
import TestSupport
import Testing

/// What the server does with the socket path: stale files, live daemons, permissions, cleanup.
@Suite struct ControlSocketTests {
    static func bind(_ path: String, group: String? = nil) async throws -> ControlServer<InMemoryBackend> {
        let statistics = ControlServerStatistics()
        return try await ControlServer.bind(
            configuration: ControlServerConfiguration(listener: .path(path, mode: 0o660, group: group)),
            backend: InMemoryBackend(statistics: statistics), eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            statistics: statistics, registry: PrometheusCollectorRegistry(), logger: Logger(label: "test"))
    }

    @Test func aStaleSocketFileIsReplaced() async throws {
        let directory = try TemporaryDirectory(prefix: "control-socket")
        defer { directory.remove() }
        let path = directory.file("control.sock")
        try UnixSocket.makeStaleSocketFile(at: path)
        let server = try await Self.bind(path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let response = try await RawHTTP.exchange("GET /v1/status HTTP/1.1\r\nConnection: close\r\n\r\n", socketPath: path)
            #expect(response.status == 200)
            group.cancelAll()
        }
    }

    @Test func aLiveDaemonOnThePathIsNotDisturbed() async throws {
        let directory = try TemporaryDirectory(prefix: "control-socket")
        defer { directory.remove() }
        let path = directory.file("control.sock")
        let first = try await Self.bind(path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await first.run() }
            await #expect {
                _ = try await Self.bind(path)
            } throws: { error in
                (error as? ControlSocketError)?.code == .inUse && "\(error)".contains("another daemon answers")
            }
            let response = try await RawHTTP.exchange("GET /v1/status HTTP/1.1\r\nConnection: close\r\n\r\n", socketPath: path)
            #expect(response.status == 200)
            group.cancelAll()
        }
    }

    @Test func somethingElseAtThePathIsRefused() async throws {
        let directory = try TemporaryDirectory(prefix: "control-socket")
        defer { directory.remove() }
        let path = directory.file("control.sock")
        try Files.write("", to: path, mode: 0o600)
        await #expect {
            _ = try await Self.bind(path)
        } throws: { error in
            (error as? ControlSocketError)?.code == .notASocket
        }
        var status = stat()
        #expect(lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG)
    }

    @Test func theSocketGetsItsModeAndIsRemovedWhenTheServerStops() async throws {
        let directory = try TemporaryDirectory(prefix: "control-socket")
        defer { directory.remove() }
        let path = directory.file("sub/dir/control.sock")
        let server = try await Self.bind(path)
        var status = stat()
        #expect(lstat(path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o660)
        let task = Task { try await server.run() }
        task.cancel()
        _ = try? await task.value
        #expect(lstat(path, &status) != 0 && errno == ENOENT)
    }

    @Test func theSocketGetsTheConfiguredGroup() async throws {
        try SystemTestPolicy.requireRoot(for: "giving the socket another group")
        guard let group = getgrnam("dialout") else {
            try SystemTestPolicy.unavailable("group dialout does not exist")
        }
        let directory = try TemporaryDirectory(prefix: "control-socket")
        defer { directory.remove() }
        let path = directory.file("control.sock")
        let server = try await Self.bind(path, group: "dialout")
        let task = Task { try await server.run() }
        defer { task.cancel() }
        var status = stat()
        #expect(lstat(path, &status) == 0)
        #expect(status.st_gid == group.pointee.gr_gid)
    }
}
