import TestSupport

/// What the `pioctl remote device monitor` and `bridge` tests share: agent `farm1` with a pty
/// board as its static port `null-board`, on a broker of its own, and the environment in which
/// pioctl runs as `bob` (a CI job's settings, a temporary home).
struct MonitorCommandRig {
    let broker: MosquittoBroker
    let board: PseudoterminalBoard
    let agent: AgentProcess
    let home: TemporaryDirectory
    let environment: [String]
    let pioctl: String

    /// Starts the rig; `modemLines` is the static port's `modem_lines`.
    static func start(modemLines: String = "device") async throws -> MonitorCommandRig {
        let broker = try await MosquittoBroker(users: ["farm1", "alice", "bob"])
        let board = try PseudoterminalBoard()
        let agent = try await RemoteMonitorTests.agent(broker, board: board, modemLines: modemLines)
        let home: TemporaryDirectory
        do {
            home = try TemporaryDirectory(prefix: "pioctl-home")
        } catch {
            agent.terminate()
            throw error
        }
        var variables: [String: String?] = ["HOME": home.path, "XDG_CONFIG_HOME": nil]
        variables.merge(RemoteCommandTests.ciEnvironment(broker, user: "bob")) { $1 }
        return MonitorCommandRig(
            broker: broker, board: board, agent: agent, home: home, environment: TestEnvironment.environment(variables),
            pioctl: try TestBinaries.path(of: "pioctl"))
    }

    /// Stops the agent and removes the home.
    func stop() {
        agent.terminate()
        home.remove()
    }

    /// `pioctl remote device monitor` with `arguments`, run in the home directory, its standard
    /// input a pipe and its output and errors recorded.
    func monitor(_ arguments: [String]) throws -> RunningMonitor {
        try pioctl(["remote", "device", "monitor"] + arguments)
    }

    /// `pioctl remote device bridge` with `arguments`, as ``monitor(_:)`` runs the monitor.
    func bridge(_ arguments: [String]) throws -> RunningMonitor {
        try pioctl(["remote", "device", "bridge"] + arguments)
    }

    /// `pioctl` with `arguments` as ``monitor(_:)`` runs it, to completion.
    func run(_ arguments: [String]) async throws -> CommandResult {
        let command = "cd '\(home.path)' && exec '\(pioctl)' " + arguments.joined(separator: " ")
        return try await ChildProcess.run("/bin/sh", ["-c", command], environment: environment)
    }

    private func pioctl(_ arguments: [String]) throws -> RunningMonitor {
        let command = "cd '\(home.path)' && exec '\(pioctl)' " + arguments.joined(separator: " ")
        let process = try ChildProcess.spawn("/bin/sh", arguments: ["-c", command], environment: environment, input: true)
        do {
            return RunningMonitor(
                process: process, output: try OutputRecorder(reading: process.standardOutput, label: "monitor stdout"),
                errors: try OutputRecorder(reading: process.standardError, label: "monitor stderr"))
        } catch {
            process.terminate()
            throw error
        }
    }
}

/// A running `pioctl remote device monitor` (or `bridge`) and what it has printed.
struct RunningMonitor {
    let process: ChildProcess
    let output: OutputRecorder
    let errors: OutputRecorder

    /// Ends it (if it still runs) and its recordings.
    func stop() {
        process.terminate()
        output.stop()
        errors.stop()
    }
}
