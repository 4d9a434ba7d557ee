public import ControlClient
public import Glibc

/// A real `pio-agentd` started for one test: its own directory, configuration, control socket and
/// service-manager socket (`NOTIFY_SOCKET`), so readiness is the daemon's own `READY=1`, not a sleep.
public final class AgentProcess: Sendable {
    /// The test's private directory (configuration, socket, notify socket).
    public let directory: TemporaryDirectory
    /// The configuration file written for the daemon.
    public let configPath: String
    /// The daemon's control socket.
    public let socketPath: String
    /// The daemon's process id.
    public let pid: pid_t
    /// Everything the daemon logged on standard error.
    public let log: OutputRecorder
    /// Every datagram the daemon sent to the service manager, one per line.
    public let notifications: OutputRecorder
    private let child: ChildProcess

    /// Writes `configuration` (TOML) to the test directory and starts the daemon on it.
    ///
    /// The configuration gets a `[control]` section pointing at the test's socket unless it has
    /// one, and `[mdns] enabled = false` unless it has an `[mdns]` section. `{dir}` in the text
    /// is replaced with the test directory.
    /// - Parameters:
    ///   - waitForReady: wait for `READY=1` (false when the test expects the daemon to fail).
    ///   - namespace: a network namespace to run it in (`ip netns exec`, which execs the daemon in
    ///     place, so `pid` is the daemon's).
    public init(
        configuration: String = "[devices]\ninclude = []\n", arguments: [String] = [],
        environment: [String: String?] = [:], waitForReady: Bool = true, namespace: String? = nil
    ) async throws {
        let directory = try TemporaryDirectory(prefix: "pio-agentd")
        self.directory = directory
        configPath = directory.file("agent.toml")
        socketPath = directory.file("control.sock")
        var text = configuration.replacing("{dir}", with: directory.path)
        if !text.contains("[control]") {
            text += "\n[control]\nsocket = \"\(socketPath)\"\ngroup = \"\"\n"
        }
        // mDNS traffic stays inside namespaces a test makes: off unless the test configures it.
        if !text.contains("[mdns]") {
            text += "\n[mdns]\nenabled = false\n"
        }
        try Files.write(text, to: configPath)
        let notifySocket = try UnixSocket.boundDatagram(at: directory.file("notify.sock"))
        notifications = try OutputRecorder(reading: notifySocket.descriptor, label: "pio-agentd notifications", datagrams: true)
        var variables = environment
        variables["NOTIFY_SOCKET"] = directory.file("notify.sock")
        variables["PIO_AGENT_SOCKET"] = socketPath
        variables["JOURNAL_STREAM"] = .some(nil)
        variables["LISTEN_FDS"] = .some(nil)
        variables["LISTEN_PID"] = .some(nil)
        let daemon = try TestBinaries.path(of: "pio-agentd")
        if let namespace {
            child = try ChildProcess.spawn(
                "ip", arguments: ["netns", "exec", namespace, daemon, "--config", configPath] + arguments,
                environment: TestEnvironment.environment(variables))
        } else {
            child = try ChildProcess.spawn(
                daemon, arguments: ["--config", configPath] + arguments, environment: TestEnvironment.environment(variables))
        }
        pid = child.pid
        log = try OutputRecorder(reading: child.standardError, label: "pio-agentd log")
        close(child.standardOutput)
        if waitForReady {
            do {
                try await notifications.wait(for: "READY=1")
            } catch {
                terminate()
                throw TestFailure("pio-agentd did not become ready: \(error)\nlog:\n\(log.text)")
            }
        }
    }

    /// A control client for the daemon's socket.
    public func client(timeout: Duration = .seconds(5)) -> ControlClient {
        ControlClient(socketPath: socketPath, timeout: timeout)
    }

    /// Sends `signal` to the daemon.
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits for the daemon to exit and returns its exit status (nil when a signal killed it).
    public func waitForExit() async throws -> Int32? {
        let child = child
        return try await blocking { try child.waitForExit() }
    }

    /// Stops the daemon with SIGTERM and returns its exit status.
    public func stop() async throws -> Int32? {
        send(SIGTERM)
        return try await waitForExit()
    }

    /// Kills the daemon if it still runs and removes the test directory.
    public func terminate() {
        child.terminate()
        notifications.stop()
        directory.remove()
    }

    deinit { terminate() }
}
