public import Glibc
import CLinuxShims

/// A spawned program whose standard output and standard error are captured.
///
/// The child starts with `/dev/null` as standard input, an empty signal mask and the default action for
/// `SIGPIPE`, whatever this test process blocks or ignores, as a service manager or a shell would start it.
/// ``spawn(_:arguments:environment:ownProcessGroup:)`` starts a program that runs beside the test (a daemon);
/// ``run(_:_:environment:timeout:)`` runs one to completion.
public struct ChildProcess: Sendable {
    /// The child's process id.
    public let pid: Glibc.pid_t
    /// Read end of the child's standard output.
    public let standardOutput: Int32
    /// Read end of the child's standard error.
    public let standardError: Int32
    /// Whether the child leads a process group of its own, which ``terminate()`` then kills as a whole.
    public let leadsProcessGroup: Bool
    /// Write end of the child's standard input when it was started with `input: true`, else nil.
    public let standardInput: Int32?

    /// Starts `executable` with `arguments` (without `argv[0]`) and exactly the variables in `environment`.
    ///
    /// - Parameters:
    ///   - executable: a path, or a bare name looked up with ``TestEnvironment/locate(_:)``.
    ///   - environment: the complete environment as `NAME=value` strings, such as
    ///     ``TestEnvironment/environment(_:)`` or ``TestEnvironment/toolEnvironment(_:)`` make.
    ///   - ownProcessGroup: start the child in a new process group, so that ``terminate()`` also reaches the
    ///     programs it starts. A child in the test's own group still receives the terminal's Ctrl-C.
    public static func spawn(
        _ executable: String, arguments: [String], environment: [String], ownProcessGroup: Bool = false,
        input: Bool = false
    ) throws -> ChildProcess {
        let path = try Self.resolve(executable)
        let output = try Self.makeChannel()
        let error = try Self.makeChannel()
        let stdin = input ? try Self.makeChannel() : nil
        defer {
            if let stdin { close(stdin.read) }
            // The child has its own copies of the write ends (dup2 clears close-on-exec on them); closing ours
            // lets reads see end-of-file.
            close(output.write)
            close(error.write)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin.read, STDIN_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output.write, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, error.write, STDERR_FILENO)
        // Descriptors other code left inheritable (SwiftNIO's accepted sockets, libmosquitto's
        // sockets) must not leak into a long-lived child, or peers never see them close.
        pio_spawn_close_from(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGPIPE)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for string in argv + envp {
                free(string)
            }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else {
            close(output.read)
            close(error.read)
            if let stdin { close(stdin.write) }
            throw TestFailure.system("posix_spawn \(path)", errno: result)
        }
        return ChildProcess(
            pid: pid, standardOutput: output.read, standardError: error.read, leadsProcessGroup: ownProcessGroup,
            standardInput: stdin?.write)
    }

    /// Reads `descriptor` until `isComplete` accepts the text so far or the writer closes, waiting at most
    /// `timeout` in all.
    public func read(
        _ descriptor: Int32,
        timeout: Duration = .seconds(10),
        until isComplete: (String) -> Bool = { _ in false }
    ) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var received: [UInt8] = []
        while !isComplete(String(decoding: received, as: UTF8.self)) {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, Self.pollTimeout(until: deadline))
            if ready < 0 && errno == EINTR {
                continue
            }
            guard ready > 0 else {
                let text = String(decoding: received, as: UTF8.self)
                throw TestFailure("no complete output from pid \(self.pid) within \(timeout); got: \(text)")
            }
            guard try Self.readAvailable(descriptor, into: &received) else {
                break
            }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Waits for the child to exit and returns its exit status, or `nil` when a signal ended it.
    public func waitForExit() throws -> Int32? {
        Self.exitStatus(fromWaitStatus: try self.reap())
    }

    /// Kills the child (its whole process group when it leads one) if it is still running and reaps it; used on
    /// failure paths so no process is left behind.
    public func terminate() {
        var status: Int32 = 0
        if waitpid(self.pid, &status, WNOHANG) == 0 {
            kill(self.leadsProcessGroup ? -self.pid : self.pid, SIGKILL)
            waitpid(self.pid, &status, 0)
        }
    }

    /// Closes the read ends of the captured output (and the write end of standard input).
    public func closeOutput() {
        close(self.standardOutput)
        close(self.standardError)
        if let standardInput { close(standardInput) }
    }

    /// Closes the child's standard input (started with `input: true`): it reads end of input.
    public func closeInput() {
        if let standardInput { close(standardInput) }
    }

    /// Writes `text` to the child's standard input (started with `input: true`).
    public func send(_ text: String) throws {
        guard let standardInput else { throw TestFailure("pid \(pid) was started without standard input") }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(standardInput, $0.baseAddress! + offset, $0.count - offset) }
            guard written > 0 else { throw TestFailure.system("write to pid \(pid)") }
            offset += written
        }
    }

    /// Waits for the child to exit and returns the raw `waitpid` status.
    func reap() throws -> Int32 {
        var status: Int32 = 0
        while waitpid(self.pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw TestFailure.system("waitpid \(self.pid)")
            }
        }
        return status
    }

    /// The exit status in a raw `waitpid` status, or nil when a signal ended the process.
    ///
    /// `WIFEXITED`, `WEXITSTATUS` and `WTERMSIG` are macros that Swift does not import.
    static func exitStatus(fromWaitStatus status: Int32) -> Int32? {
        status & 0x7f == 0 ? (status >> 8) & 0xff : nil
    }

    /// The signal that ended the process in a raw `waitpid` status, or nil when it exited.
    static func signal(fromWaitStatus status: Int32) -> Int32? {
        status & 0x7f == 0 ? nil : status & 0x7f
    }

    /// Reads what `descriptor` has ready (poll said so) and appends it to `received`; false at end of stream.
    static func readAvailable(_ descriptor: Int32, into received: inout [UInt8]) throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR {
                continue
            }
            guard count >= 0 else {
                throw TestFailure.system("read from descriptor \(descriptor)")
            }
            received.append(contentsOf: chunk.prefix(count))
            return count > 0
        }
    }

    /// The milliseconds `poll` may wait so as to return by `deadline` (0 once it has passed).
    static func pollTimeout(until deadline: ContinuousClock.Instant) -> Int32 {
        let (seconds, attoseconds) = (deadline - ContinuousClock.now).components
        return Int32(clamping: max(0, seconds * 1_000 + attoseconds / 1_000_000_000_000_000))
    }

    /// A connected socket pair standing in for a pipe; unlike pipe(2)+fcntl(2) it is close-on-exec atomically,
    /// so a process spawned concurrently by another test cannot inherit the write end and hold it open.
    static func makeChannel() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw TestFailure.system("socketpair")
        }
        return (ends[0], ends[1])
    }

    /// The path to start for `executable`: itself when it names a path, else where ``TestEnvironment/locate(_:)``
    /// finds it.
    private static func resolve(_ executable: String) throws -> String {
        if executable.contains("/") {
            return executable
        }
        guard let path = TestEnvironment.locate(executable) else {
            throw TestFailure("\(executable): not found in $PATH or \(TestEnvironment.toolSearchPath)")
        }
        return path
    }
}
