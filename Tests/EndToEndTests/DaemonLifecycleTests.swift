import AgentCore
import ControlClient
import Glibc
import TestSupport
import Testing

/// The built daemon started on a temporary configuration, driven through its control socket and
/// its service-manager socket.
@Suite struct DaemonLifecycleTests {
    @Test func itBecomesReadyAndReportsItsStatus() async throws {
        let agent = try await AgentProcess(configuration: "[agent]\nname = \"e2e-agent\"\n[devices]\ninclude = []\n")
        let client = agent.client()
        let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        #expect(status.agent.name == "e2e-agent")
        #expect(status.agent.version == AgentVersion.current)
        #expect(status.agent.pid == agent.pid)
        #expect(status.agent.configFile == agent.configPath)
        #expect(status.cloud.state == "disabled")
        #expect(status.devices.serial == 0)
        #expect(status.control.socket == agent.socketPath)
        #expect(!status.control.socketActivated)
        #expect(status.inventory.rescans >= 1)
        let notifications = agent.notifications.text
        #expect(notifications.contains("READY=1"))
        #expect(notifications.contains("STATUS=0 serial ports; udev source"))
        var socketStatus = stat()
        #expect(lstat(agent.socketPath, &socketStatus) == 0)
        #expect(socketStatus.st_mode & 0o777 == 0o660)
    }

    @Test func sigtermStopsItGracefully() async throws {
        let agent = try await AgentProcess()
        #expect(try await agent.stop() == 0)
        #expect(agent.notifications.text.contains("STOPPING=1"))
        #expect(!Files.exists(agent.socketPath))
    }

    @Test func sighupReloadsTheConfiguration() async throws {
        let pty = try Pseudoterminal()
        let agent = try await AgentProcess(configuration: "[devices]\ninclude = []\n")
        let events = try await EventStream(socketPath: agent.socketPath)
        try Files.write(
            """
            [control]
            socket = "\(agent.socketPath)"
            group = ""
            [agent]
            name = "renamed"
            [devices]
            include = []
            [[devices.static]]
            port = "\(pty.devicePath)"
            id = "bench-pty"
            """, to: agent.configPath)
        agent.send(SIGHUP)
        try await events.wait(for: "bench-pty")
        try await agent.notifications.wait { $0.contains("RELOADING=1") && $0.contains("MONOTONIC_USEC=") }
        try await agent.notifications.wait(for: "configuration reloaded")
        let client = agent.client()
        let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        #expect(status.agent.name == "renamed")
        #expect(status.devices.serial == 1)
    }

    @Test func aBadReloadKeepsTheRunningConfiguration() async throws {
        let agent = try await AgentProcess(configuration: "[agent]\nname = \"keeper\"\n[devices]\ninclude = []\n")
        try Files.write("[agent]\nname = \"bad name\"\n", to: agent.configPath)
        agent.send(SIGHUP)
        try await agent.log.wait(for: "configuration not reloaded")
        #expect(agent.log.text.contains("agent.toml:2: agent.name"))
        let client = agent.client()
        let status = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        #expect(status.agent.name == "keeper")
    }

    @Test func itPingsTheWatchdogAtHalfTheInterval() async throws {
        let agent = try await AgentProcess(environment: ["WATCHDOG_USEC": "200000", "WATCHDOG_PID": nil])
        try await agent.notifications.wait { $0.components(separatedBy: "WATCHDOG=1").count > 3 }
    }

    @Test func metricsAreServedInPrometheusFormat() async throws {
        let agent = try await AgentProcess()
        let client = agent.client()
        _ = try await blocking { try client.get("/v1/status", as: AgentStatus.self) }
        let response = try await blocking { try client.request("GET", "/metrics") }
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == 200)
        #expect(response.contentType?.hasPrefix("text/plain") == true)
        for fragment in [
            "pio_agent_devices{kind=\"serial\",present=\"true\"} 0", "# TYPE pio_agent_uptime_seconds gauge",
            "pio_agent_api_requests_total{route=\"/v1/status\",status=\"200\"} 1", "pio_agent_rescans_total{reason=\"startup\"} 1",
            "pio_agent_udev_events_total", "pio_agent_info{name=",
        ] {
            #expect(text.contains(fragment), "\(fragment) missing from:\n\(text)")
        }
    }
}

extension String {
    /// The pieces of this text between occurrences of `separator`.
    func components(separatedBy separator: String) -> [Substring] {
        split(separator: separator, omittingEmptySubsequences: false)
    }
}
