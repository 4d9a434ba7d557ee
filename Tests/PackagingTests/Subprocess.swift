import Glibc

/// Runs a program to completion with `posix_spawn` and captures what it prints.
///
/// The child gets /dev/null as stdin, its own process group (so a timeout kills the whole
/// tree) and a small fixed environment: `PATH` with the sbin directories, `LC_ALL=C` and no
/// colors or pager, so that tool output is the same for every user and machine.
enum Subprocess {
    /// A finished run.
    struct Outcome: Sendable {
        /// The command that ran, for messages.
        let commandLine: String
        /// The exit code, or 128 + the signal number when a signal ended the program.
        let exitStatus: Int32
        /// Everything written to stdout.
        let standardOutput: String
        /// Everything written to stderr.
        let standardError: String

        /// A summary for an expectation's message.
        var summary: String {
            "`\(commandLine)` exited \(exitStatus)\nstdout:\n\(standardOutput)\nstderr:\n\(standardError)"
        }
    }

    /// The program could not be started, or did not finish in time.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        let description: String
    }

    private static let searchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// The absolute path of the program `name` in `$PATH` or the usual bin and sbin directories.
    static func locate(_ name: String) -> String? {
        if name.hasPrefix("/") { return access(name, X_OK) == 0 ? name : nil }
        let userPath = getenv("PATH").map { String(cString: $0) } ?? ""
        for directory in (userPath + ":" + searchPath).split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs `executable` (a path, or a name looked up with ``locate(_:)``) with `arguments`.
    /// `environment` is added to the fixed environment. The program is killed, and `Failure`
    /// thrown, when it runs longer than `timeout`.
    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        timeout: Duration = .seconds(120)
    ) throws -> Outcome {
        guard let path = locate(executable) else {
            throw Failure(description: "\(executable): not found")
        }
        let commandLine = ([path] + arguments).joined(separator: " ")
        let stdoutFile = try CaptureFile()
        defer { stdoutFile.discard() }
        let stderrFile = try CaptureFile()
        defer { stderrFile.discard() }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutFile.descriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrFile.descriptor, 2)

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
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        )

        var fixedEnvironment = [
            "PATH": searchPath,
            "LC_ALL": "C",
            "SYSTEMD_COLORS": "0",
            "SYSTEMD_PAGER": "cat",
            "NO_COLOR": "1",
        ]
        fixedEnvironment.merge(environment) { _, added in added }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp = fixedEnvironment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }

        var pid = pid_t()
        let spawnError = argv.withUnsafeBufferPointer { argvBuffer in
            envp.withUnsafeBufferPointer { envpBuffer in
                posix_spawn(&pid, path, &actions, &attributes, argvBuffer.baseAddress!, envpBuffer.baseAddress!)
            }
        }
        guard spawnError == 0 else {
            throw Failure(description: "\(commandLine): posix_spawn: \(String(cString: strerror(spawnError)))")
        }

        let status = try waitForExit(pid, timeout: timeout, commandLine: commandLine)
        return Outcome(
            commandLine: commandLine,
            exitStatus: status,
            standardOutput: try stdoutFile.contents(),
            standardError: try stderrFile.contents()
        )
    }

    /// Waits for `pid`; kills its process group and throws once `timeout` has passed.
    private static func waitForExit(_ pid: pid_t, timeout: Duration, commandLine: String) throws -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR {
                throw Failure(description: "\(commandLine): waitpid: \(String(cString: strerror(errno)))")
            }
            if clock.now >= deadline {
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                throw Failure(description: "\(commandLine): still running after \(timeout), killed")
            }
            usleep(5_000)
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// An unlinked-on-discard temporary file the child writes one of its streams to.
    private struct CaptureFile {
        let descriptor: Int32
        let path: String

        init() throws {
            let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
            var template = Array("\(base)/pio-packaging-out-XXXXXX".utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else { throw LocalFiles.Failure("mkstemp", base) }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            self.descriptor = descriptor
            self.path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        }

        func contents() throws -> String {
            try LocalFiles.read(path)
        }

        func discard() {
            close(descriptor)
            unlink(path)
        }
    }
}
