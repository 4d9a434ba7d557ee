import Glibc
import Testing

/// OTA boards announced by python-zeroconf (`Tests/peers/zeroconf_boards.py`) in a namespace,
/// driven line by line: `add NAME SERVICE PORT key=value...`, `txt NAME key=value...`,
/// `goodbye NAME`, `vanish`.
public final class ZeroconfBoards: Sendable {
    /// Over which IP versions the boards are announced, and which addresses they have.
    public enum Families: Sendable {
        /// IPv4: A records of the pair's first address, over IPv4.
        case ipv4
        /// IPv6 alone: AAAA records of the first IPv6 address, over IPv6.
        case ipv6
        /// Both: A and AAAA records, over IPv4 and over IPv6.
        case both
    }

    private let child: ChildProcess
    private let log: OutputRecorder

    /// Starts the peer in the first namespace of `pair`, announcing from its first address (or
    /// first IPv6 address, or both, as `families` says), with the given record TTLs.
    public init(
        in pair: NetworkNamespacePair, hostTTL: Int = 120, otherTTL: Int = 4500, families: Families = .ipv4
    ) async throws {
        let python = try Self.python()
        var addresses = ["--ip", pair.firstAddress]
        if families != .ipv4 {
            guard let ipv6 = pair.firstIPv6Address else {
                throw TestFailure("announcing over IPv6 needs a pair with IPv6 addresses")
            }
            addresses = families == .ipv6 ? ["--ipv6", ipv6, "--ipv6-only"] : addresses + ["--ipv6", ipv6]
        }
        child = try pair.spawn(
            in: pair.first, python,
            arguments: [PackageFiles.path("Tests/peers/zeroconf_boards.py")] + addresses + [
                "--host-ttl", "\(hostTTL)", "--other-ttl", "\(otherTTL)",
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
