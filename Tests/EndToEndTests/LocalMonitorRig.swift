import Glibc
import TestSupport

/// What the `pioctl device monitor` tests share: an agent without a broker whose one static port
/// `null-board` is a pty board, and pioctl run against its control socket.
struct LocalMonitorRig {
    let board: PseudoterminalBoard
    let agent: AgentProcess
    let pioctl: String

    static func start() async throws -> LocalMonitorRig {
        let board = try PseudoterminalBoard()
        let agent = try await AgentProcess(configuration: """
            [devices]
            include = []
            static_poll_s = 0.1
            [[devices.static]]
            port = "\(board.devicePath)"
            id = "null-board"
            """)
        return LocalMonitorRig(board: board, agent: agent, pioctl: try TestBinaries.path(of: "pioctl"))
    }

    /// Stops the agent and unplugs the board.
    func stop() {
        agent.terminate()
        board.close()
    }

    /// `pioctl device monitor` with `arguments`, its standard input a pipe, its errors recorded;
    /// its standard output is left to the test to read (the board's bytes, byte for byte).
    func monitor(_ arguments: [String]) throws -> LocalMonitorProcess {
        let process = try ChildProcess.spawn(
            pioctl, arguments: ["device", "monitor"] + arguments,
            environment: TestEnvironment.environment(["PIO_AGENT_SOCKET": agent.socketPath]), input: true)
        do {
            return LocalMonitorProcess(
                process: process, errors: try OutputRecorder(reading: process.standardError, label: "monitor stderr"))
        } catch {
            process.terminate()
            throw error
        }
    }
}

/// A running `pioctl device monitor`.
struct LocalMonitorProcess {
    let process: ChildProcess
    let errors: OutputRecorder

    /// Reads exactly `count` bytes of its standard output.
    func readOutput(count: Int, timeout: Duration = .seconds(20)) throws -> [UInt8] {
        let deadline = ContinuousClock.now + timeout
        var received: [UInt8] = []
        received.reserveCapacity(count)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while received.count < count {
            var request = pollfd(fd: process.standardOutput, events: Int16(POLLIN), revents: 0)
            let left = max(deadline - ContinuousClock.now, .zero).components
            let ready = poll(&request, 1, Int32(left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { throw TestFailure("\(received.count) of \(count) bytes on the monitor's output in \(timeout)") }
            let wanted = min(buffer.count, count - received.count)
            let got = buffer.withUnsafeMutableBytes { read(process.standardOutput, $0.baseAddress, wanted) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw TestFailure("the monitor's output ended after \(received.count) of \(count) bytes") }
            received += buffer[..<got]
        }
        return received
    }

    /// Ends it (if it still runs) and its recordings.
    func stop() {
        process.terminate()
        errors.stop()
    }
}
