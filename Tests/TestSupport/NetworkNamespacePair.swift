import Glibc
import Testing

/// Two network namespaces of one test, joined by a veth pair, each with an address on a /24 of
/// its own and a multicast route, so that mDNS flows between them and nowhere else; IPv6 as
/// ``IPv6Setup`` says. Needs root; the namespaces (and with them the veth pair) are deleted by
/// ``remove()`` or at deinit.
public final class NetworkNamespacePair: Sendable {
    /// The IPv6 the two sides have.
    public enum IPv6Setup: Sendable {
        /// The kernel's own: a link-local address on each side once its duplicate address
        /// detection is over, a second or two after the link came up.
        case automatic
        /// Besides that, each side has its address of a ULA /64 at once (no duplicate address
        /// detection): ``firstIPv6Address`` and ``secondIPv6Address``.
        case addresses
        /// The first side as with ``addresses``; the second has no IPv6 address at all (no
        /// link-local either) until ``addSecondIPv6Address()``.
        case secondLater
    }

    /// The first namespace (the boards' side in mDNS tests).
    public let first: String
    /// The second namespace (the agent's side).
    public let second: String
    /// The interface name inside each namespace.
    public let firstInterface = "pio-veth-a"
    /// The interface name inside the second namespace.
    public let secondInterface = "pio-veth-b"
    /// The first namespace's address.
    public let firstAddress: String
    /// The second namespace's address.
    public let secondAddress: String
    /// The first namespace's IPv6 address (a ULA, such as `fd5a:1b2c:3d4e::1`), as mDNS prints
    /// it; nil with ``IPv6Setup/automatic``.
    public let firstIPv6Address: String?
    /// The second namespace's IPv6 address, the same /64; nil with ``IPv6Setup/automatic``.
    public let secondIPv6Address: String?

    /// Creates the pair.
    public init(ipv6: IPv6Setup = .automatic) async throws {
        try SystemTestPolicy.requireRoot(for: "network namespaces")
        _ = try SystemTestPolicy.requireTool("ip", package: "iproute2")
        let tag = "\(getpid() % 100_000)-\(UInt16.random(in: 0...UInt16.max))"
        first = "pio-\(tag)-a"
        second = "pio-\(tag)-b"
        let subnet = "10.\(Int.random(in: 200...250)).\(Int.random(in: 0...255))"
        firstAddress = "\(subnet).1"
        secondAddress = "\(subnet).2"
        // A ULA /64 of groups of four hex digits without leading zeros, as RFC 5952 text has them.
        let prefix = [UInt16(0xFD00) | .random(in: 0x10...0xFF), .random(in: 0x1000...0xFFFF), .random(in: 0x1000...0xFFFF)]
            .map { String($0, radix: 16) }.joined(separator: ":")
        firstIPv6Address = ipv6 == .automatic ? nil : "\(prefix)::1"
        secondIPv6Address = ipv6 == .automatic ? nil : "\(prefix)::2"
        var commands: [[String]] = [
            ["netns", "add", first], ["netns", "add", second],
            ["link", "add", firstInterface, "netns", first, "type", "veth", "peer", "name", secondInterface, "netns", second],
            ["-n", first, "addr", "add", "\(firstAddress)/24", "dev", firstInterface],
            ["-n", second, "addr", "add", "\(secondAddress)/24", "dev", secondInterface],
        ]
        if let firstIPv6Address {
            commands.append(["-n", first, "addr", "add", "\(firstIPv6Address)/64", "dev", firstInterface, "nodad"])
        }
        switch ipv6 {
        case .automatic: break
        case .addresses:
            commands.append(["-n", second, "addr", "add", "\(prefix)::2/64", "dev", secondInterface, "nodad"])
        case .secondLater:
            // No link-local address either: the interface gets IPv6 only with addSecondIPv6Address().
            commands.append(["-n", second, "link", "set", secondInterface, "addrgenmode", "none"])
        }
        commands += [
            ["-n", first, "link", "set", "lo", "up"], ["-n", second, "link", "set", "lo", "up"],
            ["-n", first, "link", "set", firstInterface, "up"], ["-n", second, "link", "set", secondInterface, "up"],
            ["-n", first, "route", "add", "224.0.0.0/4", "dev", firstInterface],
            ["-n", second, "route", "add", "224.0.0.0/4", "dev", secondInterface],
        ]
        for arguments in commands {
            let result = try await ChildProcess.run("ip", arguments, environment: TestEnvironment.toolEnvironment())
            guard result.status == 0 else {
                Self.delete([first, second])
                throw TestFailure("ip \(arguments.joined(separator: " ")) failed: \(result)")
            }
        }
    }

    /// Gives the second side its IPv6 address (``IPv6Setup/secondLater``), with duplicate address
    /// detection: the address is tentative for a second or two, then usable.
    public func addSecondIPv6Address() async throws {
        guard let secondIPv6Address else { throw TestFailure("the pair has no IPv6 addresses") }
        let arguments = ["-n", second, "addr", "add", "\(secondIPv6Address)/64", "dev", secondInterface]
        let result = try await ChildProcess.run("ip", arguments, environment: TestEnvironment.toolEnvironment())
        guard result.status == 0 else { throw TestFailure("ip \(arguments.joined(separator: " ")) failed: \(result)") }
    }

    /// Starts `executable` inside `namespace`.
    public func spawn(
        in namespace: String, _ executable: String, arguments: [String], environment: [String: String?] = [:],
        input: Bool = false
    ) throws -> ChildProcess {
        let path = TestEnvironment.locate(executable) ?? executable
        return try ChildProcess.spawn(
            "ip", arguments: ["netns", "exec", namespace, path] + arguments,
            environment: TestEnvironment.environment(environment), ownProcessGroup: true, input: input)
    }

    /// Deletes both namespaces.
    public func remove() { Self.delete([first, second]) }

    deinit { remove() }

    private static func delete(_ namespaces: [String]) {
        for namespace in namespaces {
            _ = try? ChildProcess.run("ip", ["netns", "delete", namespace], environment: TestEnvironment.toolEnvironment())
        }
    }
}
