import Glibc
import Testing

/// OTA boards announced by python-zeroconf (`Tests/peers/zeroconf_boards.py`) in a namespace,
/// driven line by line: `add NAME SERVICE PORT key=value...`, `txt NAME key=value...`,
/// `goodbye NAME`, `vanish`.
public final class ZeroconfBoards: Sendable {
    private let child: ChildProcess
    private let log: OutputRecorder

    /// Starts the peer in `namespace` of `pair`, announcing from its first address, with the
    /// given record TTLs.
    public init(in pair: NetworkNamespacePair, hostTTL: Int = 120, otherTTL: Int = 4500) async throws {
        let python = try Self.python()
        child = try pair.spawn(
            in: pair.first, python,
            arguments: [
                PackageFiles.path("Tests/peers/zeroconf_boards.py"), "--ip", pair.firstAddress, "--host-ttl",
                "\(hostTTL)", "--other-ttl", "\(otherTTL)",
            ],
            input: true)
        log = try OutputRecorder(reading: child.standardOutput, label: "zeroconf boards")
        try await log.wait(for: "ready")
    }

    /// The virtualenv's Python with python-zeroconf, which `make test` installs.
    public static func python() throws -> String {
        let python = PackageFiles.path(".build/test-venv/bin/python")
        if !TestEnvironment.isExecutable(python) {
            try SystemTestPolicy.unavailable("python-zeroconf is not installed; `make test` installs it into .build/test-venv")
        }
        return python
    }

    /// Sends a command and waits until it is done.
    public func send(_ command: String) async throws {
        let done = log.text.split(separator: "ok ", omittingEmptySubsequences: false).count
        try child.send(command + "\n")
        try await log.wait { $0.split(separator: "ok ", omittingEmptySubsequences: false).count > done }
    }

    /// Stops the peer.
    public func stop() {
        child.terminate()
        log.stop()
    }

    deinit { stop() }
}
