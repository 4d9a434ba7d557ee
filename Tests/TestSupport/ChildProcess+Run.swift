import Glibc

extension ChildProcess {
    /// Runs `executable` with `arguments` to completion and returns its exit status and everything it printed.
    ///
    /// The program runs in a process group of its own. It has finished once it has exited and its output has
    /// reached end of file (nothing it started still holds it); if that takes longer than `timeout`, the whole
    /// process group is killed and the call throws. Nothing polls: the call sleeps in `poll` until output
    /// arrives or the program exits.
    ///
    /// - Parameters:
    ///   - executable: a path, or a bare name looked up with ``TestEnvironment/locate(_:)``.
    ///   - environment: the complete environment as `NAME=value` strings; this process's own by default. Use
    ///     ``TestEnvironment/environment(_:)`` to change a few variables, or ``TestEnvironment/toolEnvironment(_:)``
    ///     for output that reads the same on every machine.
    ///   - timeout: the bound on a failing or hung program; it is not a synchronisation.
    public static func run(
        _ executable: String, _ arguments: [String] = [], environment: [String] = TestEnvironment.environment(),
        timeout: Duration = .seconds(30)
    ) throws -> CommandResult {
        let child = try spawn(executable, arguments: arguments, environment: environment, ownProcessGroup: true)
        let commandLine = ([executable] + arguments).joined(separator: " ")
        defer { child.closeOutput() }
        let exitNotice: Int32
        do {
            exitNotice = try child.watchExit()
        } catch {
            child.terminate()
            throw error
        }
        defer { close(exitNotice) }

        let deadline = ContinuousClock.now + timeout
        var output: [UInt8] = []
        var error: [UInt8] = []
        var outputOpen = true
        var errorOpen = true
        var exited = false
        while outputOpen || errorOpen || !exited {
            var watched: [pollfd] = []
            if outputOpen { watched.append(pollfd(fd: child.standardOutput, events: Int16(POLLIN), revents: 0)) }
            if errorOpen { watched.append(pollfd(fd: child.standardError, events: Int16(POLLIN), revents: 0)) }
            if !exited { watched.append(pollfd(fd: exitNotice, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&watched, nfds_t(watched.count), pollTimeout(until: deadline))
            if ready < 0 && errno == EINTR {
                continue
            }
            guard ready >= 0 else {
                child.terminate()
                throw TestFailure.system("poll for \(commandLine)")
            }
            guard ready > 0 else {
                // The program is a zombie at most (only this function reaps it), so its process group id is
                // still its own and cannot name an unrelated group.
                kill(-child.pid, SIGKILL)
                _ = try? child.reap()
                let printed = String(decoding: output + error, as: UTF8.self)
                throw TestFailure(
                    "`\(commandLine)` did not finish within \(timeout); its process group was killed. Output so far:\n"
                        + printed)
            }
            for entry in watched where entry.revents != 0 {
                if entry.fd == exitNotice {
                    exited = true
                } else if entry.fd == child.standardOutput {
                    outputOpen = try readAvailable(entry.fd, into: &output)
                } else {
                    errorOpen = try readAvailable(entry.fd, into: &error)
                }
            }
        }
        let status = try child.reap()
        return CommandResult(
            commandLine: commandLine,
            status: exitStatus(fromWaitStatus: status),
            signal: signal(fromWaitStatus: status),
            standardOutput: String(decoding: output, as: UTF8.self),
            standardError: String(decoding: error, as: UTF8.self)
        )
    }

    /// Runs `executable` to completion on a thread of its own, so that an async test keeps the cooperative pool
    /// free; see ``run(_:_:environment:timeout:)``.
    public static func run(
        _ executable: String, _ arguments: [String] = [], environment: [String] = TestEnvironment.environment(),
        timeout: Duration = .seconds(30)
    ) async throws -> CommandResult {
        try await blocking { try run(executable, arguments, environment: environment, timeout: timeout) }
    }

    /// Returns a descriptor that reaches end of file once the child has exited. The child is left unreaped (a
    /// zombie) until ``reap()``, so its process id is not reused while the caller may still signal it.
    private func watchExit() throws -> Int32 {
        let channel = try Self.makeChannel()
        let pid = self.pid
        do {
            try startThread {
                var information = siginfo_t()
                while waitid(P_PID, id_t(pid), &information, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
                close(channel.write)
            }
        } catch {
            close(channel.read)
            close(channel.write)
            throw error
        }
        return channel.read
    }
}
