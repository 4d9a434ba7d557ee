import Glibc
import Testing

/// Two network namespaces of one test, joined by a veth pair, each with an address on a /24 of
/// its own and a multicast route, so that mDNS flows between them and nowhere else. Needs root;
/// the namespaces (and with them the veth pair) are deleted by ``remove()`` or at deinit.
public final class NetworkNamespacePair: Sendable {
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

    /// Creates the pair.
    public init() async throws {
        try SystemTestPolicy.requireRoot(for: "network namespaces")
        _ = try SystemTestPolicy.requireTool("ip", package: "iproute2")
        let tag = "\(getpid() % 100_000)-\(UInt16.random(in: 0...UInt16.max))"
        first = "pio-\(tag)-a"
        second = "pio-\(tag)-b"
        let subnet = "10.\(Int.random(in: 200...250)).\(Int.random(in: 0...255))"
        firstAddress = "\(subnet).1"
        secondAddress = "\(subnet).2"
        let commands: [[String]] = [
            ["netns", "add", first], ["netns", "add", second],
            ["link", "add", firstInterface, "netns", first, "type", "veth", "peer", "name", secondInterface, "netns", second],
            ["-n", first, "addr", "add", "\(firstAddress)/24", "dev", firstInterface],
            ["-n", second, "addr", "add", "\(secondAddress)/24", "dev", secondInterface],
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
