import Glibc
import TestSupport
import Testing

/// Boards announced by python-zeroconf in one namespace, browsed by `mdns-browse-probe` in the
/// other.
final class MDNSRig: Sendable {
    let namespaces: NetworkNamespacePair
    private let peer: ZeroconfBoards

    /// Starts the zeroconf peer (record TTLs as given, announcing over `families`) in the first
    /// namespace of a pair with `ipv6`.
    init(
        hostTTL: Int = 120, otherTTL: Int = 4500, ipv6: NetworkNamespacePair.IPv6Setup = .automatic,
        families: ZeroconfBoards.Families = .ipv4
    ) async throws {
        _ = try ZeroconfBoards.python()
        namespaces = try await NetworkNamespacePair(ipv6: ipv6)
        peer = try await ZeroconfBoards(in: namespaces, hostTTL: hostTTL, otherTTL: otherTTL, families: families)
    }

    /// Sends a command to the boards and waits for it to be done.
    func boards(_ command: String) async throws {
        try await peer.send(command)
    }

    /// Starts a browser in the second namespace, for `services` on `interfaces` (all when empty).
    ///
    /// With `asNobody` it runs as user nobody, as avahi runs as its own user: two sockets of one
    /// user on port 5353 form a SO_REUSEPORT group, and the kernel then hands each multicast
    /// datagram to only one of them. With `trace` it logs every packet it takes or ignores.
    func browser(
        services: [String] = ["_arduino._tcp", "_esphomelib._tcp", "_wled._tcp"], interfaces: [String] = [],
        asNobody: Bool = false, trace: Bool = false
    ) throws -> Browser {
        let probe = try TestBinaries.path(of: "mdns-browse-probe")
        let arguments = services + interfaces.flatMap { ["--interface", $0] }
        let environment: [String: String?] = trace ? ["MDNS_PROBE_TRACE": "1"] : [:]
        let child = asNobody
            ? try namespaces.spawn(
                in: namespaces.second, "setpriv",
                arguments: ["--reuid=65534", "--regid=65534", "--clear-groups", probe] + arguments,
                environment: environment)
            : try namespaces.spawn(in: namespaces.second, probe, arguments: arguments, environment: environment)
        return Browser(child: child, output: try OutputRecorder(reading: child.standardOutput, label: "mdns-browse-probe"),
                       log: try OutputRecorder(reading: child.standardError, label: "mdns-browse-probe log"))
    }

    func stop() {
        peer.stop()
        namespaces.remove()
    }

    deinit { stop() }

    /// A running `mdns-browse-probe`.
    struct Browser {
        let child: ChildProcess
        let output: OutputRecorder
        let log: OutputRecorder

        /// The last snapshot line printed.
        var lastSnapshot: String {
            output.text.split(separator: "\n").last.map(String.init) ?? ""
        }

        /// Waits until the browser logs that it browses over `family` (`IPv4`, `IPv6`).
        func waitForBrowsing(over family: String, timeout: Duration = .seconds(5)) async throws {
            try await log.wait(timeout: timeout) { text in
                text.split(separator: "\n").contains { $0.contains("mDNS: browsing") && $0.contains("family=\(family)") }
            }
        }

        /// Waits until the last snapshot satisfies `predicate`.
        func waitForSnapshot(timeout: Duration, _ predicate: @escaping @Sendable (String) -> Bool) async throws {
            try await output.wait(timeout: timeout) { text in
                guard let last = text.split(separator: "\n").last, text.hasSuffix("\n") else { return false }
                return predicate(String(last))
            }
        }

        func stop() {
            child.terminate()
            output.stop()
            log.stop()
        }
    }
}
