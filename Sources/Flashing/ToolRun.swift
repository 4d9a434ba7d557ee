import CLinuxShims
import Synchronization
import ThreadSupport
#if canImport(Glibc)
import Glibc
#endif

/// Runs a flasher tool: the argv as it is (no shell), standard input from /dev/null, standard
/// output and error together to `output` as they come, in a process group of its own that is
/// ended whole when the tool runs past its time (SIGTERM, then SIGKILL two seconds later) or the
/// calling task is cancelled.
public enum ToolRun {
    /// Runs `argv` (its first element a path) with `environment` for at most `timeout`.
    ///
    /// - Throws: ``FlashingError`` of kind `.missingTool` when it cannot be started.
    public static func run(
        _ argv: [String], environment: [String], timeout: Duration,
        output: @escaping @Sendable ([UInt8]) -> Void
    ) async throws(FlashingError) -> ToolOutcome {
        let (pid, reader) = try spawn(argv, environment: environment)
        let stop = StopRequest()
        let outcome: ToolOutcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                do {
                    try PosixThread.detach {
                        continuation.resume(returning: watch(pid: pid, reader: reader, timeout: timeout, stop: stop, output: output))
                    }
                } catch {
                    // Without a thread nobody reads: end the tool at once.
                    kill(-pid, SIGKILL)
                    var status: Int32 = 0
                    waitpid(pid, &status, 0)
                    close(reader)
                    continuation.resume(returning: ToolOutcome(exitStatus: nil, signal: SIGKILL, timedOut: false, duration: .zero))
                }
            }
        } onCancel: {
            stop.request()
        }
        return outcome
    }

    private static func spawn(_ argv: [String], environment: [String]) throws(FlashingError) -> (pid_t, Int32) {
        guard let program = argv.first else { throw FlashingError(.badProfile, "the flasher command is empty") }
        var pipeEnds: [Int32] = [0, 0]
        // Close-on-exec from the start, so that no other program this process starts inherits an end.
        guard pio_pipe_cloexec(&pipeEnds) == 0 else {
            throw FlashingError(.missingTool, "cannot make a pipe for \(program): \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 2)
        _ = pio_spawn_close_from(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var pid: pid_t = 0
        let status = withCStrings(argv) { arguments in
            withCStrings(environment) { variables in
                posix_spawn(&pid, program, &actions, &attributes, arguments, variables)
            }
        }
        close(pipeEnds[1])
        guard status == 0 else {
            close(pipeEnds[0])
            throw FlashingError(.missingTool, "cannot start \(program): \(String(cString: strerror(status)))")
        }
        return (pid, pipeEnds[0])
    }

    /// Reads the tool's output until it ends, ending the tool when its time is up or a stop is
    /// requested; then reaps it.
    private static func watch(
        pid: pid_t, reader: Int32, timeout: Duration, stop: StopRequest, output: @Sendable ([UInt8]) -> Void
    ) -> ToolOutcome {
        let started = ContinuousClock.now
        var deadline = started + timeout
        var timedOut = false
        var terminated = false
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            if !terminated, stop.isRequested || ContinuousClock.now >= deadline {
                timedOut = !stop.isRequested
                kill(-pid, SIGTERM)
                terminated = true
                deadline = .now + .seconds(2)
            } else if terminated, ContinuousClock.now >= deadline {
                kill(-pid, SIGKILL)
                deadline = .now + .seconds(3600)
            }
            var request = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, min(deadline - .now, .milliseconds(100)).pollTimeout)
            if ready < 0, errno != EINTR { break }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            output(Array(buffer[..<count]))
        }
        close(reader)
        // Its output has ended; whatever the tool started that still runs goes with its group.
        if terminated { kill(-pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exited = status & 0x7F == 0
        return ToolOutcome(
            exitStatus: exited ? (status >> 8) & 0xFF : nil, signal: exited ? nil : status & 0x7F, timedOut: timedOut,
            duration: .now - started)
    }

    private static func withCStrings<Result>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
    ) -> Result {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// A request to stop a tool, from a cancelled task to the thread that watches it.
final class StopRequest: Sendable {
    private let flag = Atomic(false)

    /// Asks for the stop.
    func request() {
        flag.store(true, ordering: .relaxed)
    }

    /// Whether a stop was asked for.
    var isRequested: Bool { flag.load(ordering: .relaxed) }
}
