import AgentCore
import ControlClient
import Glibc
import TestSupport
import Testing

/// Hotplug through real uevents: `udevadm trigger` on ttyS0 (the one serial port these machines
/// have), with a real systemd-udevd started for the test or with none. Uevents are machine-wide,
/// so these tests run one at a time and put ttyS0 back as they found it.
@Suite(.serialized) struct UdevHotplugTests {
    static let configuration = "[devices]\ninclude = [\"ttyS0\"]\n"

    /// Fails (or skips, outside CI) unless the machine can run these tests.
    static func requireHotplugMachine() throws {
        try SystemTestPolicy.requireRoot(for: "sending uevents with udevadm trigger")
        guard Files.exists("/sys/class/tty/ttyS0") else {
            try SystemTestPolicy.unavailable("this machine has no ttyS0 to trigger")
        }
    }

    /// Removes and re-adds ttyS0 and checks the daemon follows both on `/v1/events` and in `pioctl devices`.
    static func checkRemoveAndAdd(_ agent: AgentProcess) async throws {
        let events = try await EventStream(socketPath: agent.socketPath)
        #expect(events.text.contains("\"name\":\"ttyS0\""), "ttyS0 should be listed at start")
        do {
            try await Udevadm.trigger("remove", sysname: "ttyS0")
            try await events.waitForEvent("device.removed", device: "ttyS0")
            let afterRemove = try await PioctlTests.pioctl(["devices", "--json"], socket: agent.socketPath)
            #expect(!afterRemove.standardOutput.contains("\"ttyS0\""))
        } catch {
            try? await Udevadm.trigger("add", sysname: "ttyS0")
            throw error
        }
        try await Udevadm.trigger("add", sysname: "ttyS0")
        try await events.waitForEvent("device.added", device: "ttyS0")
        let afterAdd = try await PioctlTests.pioctl(["devices"], socket: agent.socketPath)
        #expect(afterAdd.standardOutput.contains("/dev/ttyS0"))
    }

    @Test func withUdevdTheDaemonFollowsUdevEventsAndTheRuleReannounces() async throws {
        try Self.requireHotplugMachine()
        let agent = try await AgentProcess(configuration: Self.configuration)
        let rule = try PackageFiles.installed(PackageFiles.udevRules, bindir: try TestBinaries.buildDirectory())
        let udevd = try await UdevDaemon(rules: [
            // udev passes a device's properties to RUN programs as their environment.
            "00-pio-test-socket.rules": "SUBSYSTEM==\"tty\", ENV{PIO_AGENT_SOCKET}=\"\(agent.socketPath)\"\n",
            "99-pio-agent.rules": rule,
        ])
        defer { udevd.stop() }
        // The daemon started before udevd; a rescan makes it switch to udev's events.
        let client = agent.client()
        _ = try await blocking { try client.post("/v1/reannounce", as: ReannounceResult.self) }
        let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        #expect(status.agent.udevSource == .udev)

        try await Self.checkRemoveAndAdd(agent)
        // The rule ran `pioctl reannounce --device ttyS0` for the uevents: the daemon logged the request.
        try await agent.log.wait(for: "path=/v1/reannounce?device=ttyS0")
    }

    @Test func withoutUdevdTheDaemonFollowsKernelUevents() async throws {
        try Self.requireHotplugMachine()
        guard !UdevDaemon.isRunning else {
            try SystemTestPolicy.notApplicable("a systemd-udevd runs on this machine; kernel-source mode needs none")
        }
        let agent = try await AgentProcess(configuration: Self.configuration)
        let client = agent.client()
        let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        #expect(status.agent.udevSource == .kernel)
        try await Self.checkRemoveAndAdd(agent)
    }

    @Test func aReceiveBufferOverrunMakesTheDaemonRescan() async throws {
        try Self.requireHotplugMachine()
        let agent = try await AgentProcess(configuration: Self.configuration + "udev_receive_buffer_kib = 4\n")
        // While the daemon is stopped, its 4 KiB netlink buffer overflows with uevents.
        agent.send(SIGSTOP)
        do {
            for _ in 0..<64 { try await Udevadm.trigger("change", sysname: "ttyS0") }
        } catch {
            agent.send(SIGCONT)
            throw error
        }
        agent.send(SIGCONT)
        try await agent.log.wait(for: "udev events were lost")
        try await agent.log.wait(for: "reason=overrun")
        let client = agent.client()
        let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        #expect(status.inventory.overruns >= 1)
        #expect(status.devices.serial == 1)
    }
}
