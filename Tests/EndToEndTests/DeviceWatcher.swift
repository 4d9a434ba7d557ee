import TestSupport

/// `pioctl devices --watch --json` on an agent: the event stream as the command line prints it
/// (a snapshot, then one line per change), recorded as it arrives.
final class DeviceWatcher: Sendable {
    private let child: ChildProcess
    private let recorder: OutputRecorder

    /// Starts the watcher; with `waitForSnapshot`, returns once its first line has arrived, so
    /// that no later change is missed.
    init(agent: AgentProcess, waitForSnapshot: Bool = true) async throws {
        child = try ChildProcess.spawn(
            try TestBinaries.path(of: "pioctl"), arguments: ["devices", "--watch", "--json"],
            environment: TestEnvironment.environment(["PIO_AGENT_SOCKET": agent.socketPath]))
        do {
            recorder = try OutputRecorder(reading: child.standardOutput, label: "pioctl devices --watch")
        } catch {
            child.terminate()
            throw error
        }
        if waitForSnapshot {
            do {
                try await recorder.wait(for: "\"event\":\"snapshot\"")
            } catch {
                stop()
                throw error
            }
        }
    }

    /// Everything printed so far.
    var text: String { recorder.text }

    /// Waits until the output holds `fragment`.
    func wait(for fragment: String, timeout: Duration = .seconds(10)) async throws {
        try await recorder.wait(for: fragment, timeout: timeout)
    }

    /// Stops the command and the recording.
    func stop() {
        child.terminate()
        recorder.stop()
    }
}

extension AgentProcess {
    /// An agent browsing mDNS in the second namespace of `pair`, once it says it browses.
    static func browsingMDNS(in pair: NetworkNamespacePair) async throws -> AgentProcess {
        let agent = try await AgentProcess(
            configuration: "[devices]\ninclude = []\n[mdns]\nenabled = true\n", namespace: pair.second)
        do {
            try await agent.log.wait(for: "mDNS: browsing")
        } catch {
            agent.terminate()
            throw error
        }
        return agent
    }
}
