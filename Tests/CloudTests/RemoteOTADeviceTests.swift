import AgentCore
import TestSupport
import Testing

/// OTA boards reach remote users as serial ports do: through the retained inventory, and in
/// `pioctl remote device list` with its `--mdns` and `--serial` filters.
///
/// The agent, the broker and pioctl run in one network namespace and python-zeroconf announces
/// boards from the other, so multicast and the broker's loopback both stay inside the test.
@Suite("OTA boards in the remote inventory", .timeLimit(.minutes(1)))
struct RemoteOTADeviceTests {
    @Test("an announced board is in a shared user's remote device list, and the filters pick it or the serial port")
    func remoteListing() async throws {
        let pair = try await NetworkNamespacePair()
        defer { pair.remove() }
        let boards = try await ZeroconfBoards(in: pair)
        defer { boards.stop() }
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"], namespace: pair.second)
        let configuration = CloudAgent.configuration(broker) + "\n[mdns]\nenabled = true\n[log]\nlevel = \"debug\"\n"
        let agent = try await AgentProcess(configuration: configuration, namespace: pair.second)
        defer { agent.terminate() }
        try await agent.log.wait(for: "mDNS: browsing")
        try await agent.log.wait(for: "the broker enforces the ACL")
        try await boards.send("add esp32-aabbccddeeff _arduino._tcp 3232 board=esp32 auth_upload=yes")
        // The static port and the board: the inventory with both has reached the broker.
        try await agent.log.wait(for: "devices=2", timeout: .seconds(5))

        let all = try await Self.remoteDeviceList(["--json"], broker: broker, namespace: pair.second)
        struct Entry: Decodable {
            let agent: String
            let devices: [Device]
        }
        let entries = try AgentJSON.decode([Entry].self, from: Array(all.utf8))
        let devices = try #require(entries.first { $0.agent == "farm1" }?.devices)
        #expect(devices.map(\.kind).sorted() == ["ota", "serial"])
        guard case .ota(let board)? = devices.first(where: { $0.kind == "ota" }) else {
            throw TestFailure("no ota device in \(all)")
        }
        #expect(board.id == "mdns:esp32-aabbccddeeff._arduino._tcp")
        #expect(board.addresses == [pair.firstAddress])
        #expect(board.port == 3232)
        #expect(board.board == "esp32")
        #expect(board.authRequired)
        #expect(board.interface == pair.secondInterface)

        let onlyOTA = try await Self.remoteDeviceList(["--mdns"], broker: broker, namespace: pair.second)
        #expect(onlyOTA.contains("esp32-aabbccddeeff"))
        #expect(!onlyOTA.contains("null-board"))
        let onlySerial = try await Self.remoteDeviceList(["--serial"], broker: broker, namespace: pair.second)
        #expect(onlySerial.contains("null-board"))
        #expect(!onlySerial.contains("esp32-aabbccddeeff"))
    }

    /// `pioctl remote device list` as user bob, run inside `namespace`; its standard output.
    static func remoteDeviceList(_ arguments: [String], broker: MosquittoBroker, namespace: String) async throws -> String {
        let home = try TemporaryDirectory(prefix: "pioctl-home")
        defer { home.remove() }
        let environment: [String: String?] = [
            "HOME": home.path, "XDG_CONFIG_HOME": nil, "PIOCTL_BROKER": broker.url, "PIOCTL_USERNAME": "bob",
            "PIO_AUTH_TOKEN": broker.passwords["bob"], "PIOCTL_CA_FILE": broker.pki.caFile,
        ]
        let result = try await ChildProcess.run(
            "ip", ["netns", "exec", namespace, try TestBinaries.path(of: "pioctl"), "remote", "device", "list"] + arguments,
            environment: TestEnvironment.environment(environment))
        guard result.status == 0 else { throw TestFailure("pioctl remote device list \(arguments) failed: \(result)") }
        return result.standardOutput
    }
}
