public import Glibc

/// A spawned program whose standard output and standard error are captured.
public struct ChildProcess: Sendable {
    /// The child's process id.
    public let pid: pid_t
    /// Read end of the child's standard output.
    public let standardOutput: Int32
    /// Read end of the child's standard error.
    public let standardError: Int32

    /// Starts `path` with `arguments` (without `argv[0]`) and exactly the variables in `environment`.
    public static func spawn(_ path: String, arguments: [String], environment: [String]) throws -> ChildProcess {
        let output = try Self.makeChannel()
        let error = try Self.makeChannel()
        defer {
            // The child has its own copies of the write ends (dup2 clears close-on-exec on them); closing ours
            // lets reads see end-of-file.
            close(output.write)
            close(error.write)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output.write, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, error.write, STDERR_FILENO)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for string in argv + envp {
                free(string)
            }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard result == 0 else {
            close(output.read)
            close(error.read)
            throw TestFailure.system("posix_spawn \(path)", errno: result)
        }
        return ChildProcess(pid: pid, standardOutput: output.read, standardError: error.read)
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
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while !isComplete(String(decoding: received, as: UTF8.self)) {
            let remaining = deadline - ContinuousClock.now
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let (seconds, attoseconds) = remaining.components
            let milliseconds = max(0, seconds * 1_000 + attoseconds / 1_000_000_000_000_000)
            let ready = poll(&request, 1, Int32(milliseconds))
            if ready < 0 && errno == EINTR {
                continue
            }
            guard ready > 0 else {
                let text = String(decoding: received, as: UTF8.self)
                throw TestFailure("no complete output from pid \(self.pid) within \(timeout); got: \(text)")
            }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR {
                continue
            }
            guard count > 0 else {
                break
            }
            received.append(contentsOf: chunk.prefix(count))
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Waits for the child to exit and returns its exit status, or `nil` when a signal ended it.
    public func waitForExit() throws -> Int32? {
        var status: Int32 = 0
        while waitpid(self.pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw TestFailure.system("waitpid \(self.pid)")
            }
        }
        // WIFEXITED / WEXITSTATUS are macros that Swift does not import.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : nil
    }

    /// Kills the child if it is still running and reaps it; used on failure paths so no process is left behind.
    public func terminate() {
        var status: Int32 = 0
        if waitpid(self.pid, &status, WNOHANG) == 0 {
            kill(self.pid, SIGKILL)
            waitpid(self.pid, &status, 0)
        }
    }

    /// Closes the read ends of the captured output.
    public func closeOutput() {
        close(self.standardOutput)
        close(self.standardError)
    }

    /// A connected socket pair standing in for a pipe; unlike pipe(2)+fcntl(2) it is close-on-exec atomically,
    /// so a process spawned concurrently by another test cannot inherit the write end and hold it open.
    private static func makeChannel() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw TestFailure.system("socketpair")
        }
        return (ends[0], ends[1])
    }
}
