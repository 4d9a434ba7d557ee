public import Glibc
import Synchronization
import Testing

/// A real mosquitto (the Debian package) for one test: TLS on a free loopback port with the
/// development certificates of ``BrokerPKI``, a password file of its own users, and the shipped
/// `deploy/mosquitto/acl` unless a test asks for a broker without it.
public final class MosquittoBroker: Sendable {
    /// The TLS port on 127.0.0.1.
    public let port: Int
    /// The broker's private directory (configuration, passwords, ACL).
    public let directory: TemporaryDirectory
    /// The certificates the broker presents.
    public let pki: BrokerPKI
    /// Every user's password.
    public let passwords: [String: String]
    private let configurationPath: String
    /// The network namespace the broker runs in, if not the test's own.
    private let namespace: String?
    private let process: Mutex<(child: ChildProcess, log: OutputRecorder)?>

    /// Starts a broker with `users` (each gets a random password) and, if `enforceACL`, the shipped
    /// ACL; in `namespace` (`ip netns exec`) when given, on that namespace's loopback.
    public init(users: [String], enforceACL: Bool = true, namespace: String? = nil) async throws {
        self.namespace = namespace
        _ = try SystemTestPolicy.requireTool("mosquitto", package: "mosquitto")
        pki = try BrokerPKI.shared()
        directory = try TemporaryDirectory(prefix: "pio-mosquitto")
        var passwords: [String: String] = [:]
        for user in users {
            let password = "pw-\(user)-\(UInt64.random(in: 0...UInt64.max))"
            passwords[user] = password
            let passwordFile = try directory.write("\(user).password", password, mode: 0o600)
            let result = try await ChildProcess.run(
                PackageFiles.path("deploy/mosquitto/add-user.sh"), [directory.file("passwd"), user, passwordFile])
            guard result.status == 0 else { throw TestFailure("add-user.sh failed: \(result)") }
        }
        self.passwords = passwords
        let acl = enforceACL ? try PackageFiles.read("deploy/mosquitto/acl") : "pattern readwrite #\n"
        let aclPath = try directory.write("acl", acl)
        configurationPath = directory.file("mosquitto.conf")
                var lastFailure: (any Error)?
        var started: (port: Int, child: ChildProcess, log: OutputRecorder)?
        for _ in 0..<5 where started == nil {
            let port = try Self.freePort()
            // Root keeps its rights (`user root`) so the broker can read the test's files.
            let configuration = """
                per_listener_settings false
                allow_anonymous false
                password_file \(directory.file("passwd"))
                acl_file \(aclPath)
                persistence false
                set_tcp_nodelay true
                max_queued_messages 100000
                log_dest stderr
                log_type error
                log_type warning
                log_type notice
                log_type information
                \(TestEnvironment.isRoot ? "user root" : "")
                listener \(port) 127.0.0.1
                cafile \(pki.caFile)
                certfile \(pki.directory)/server.crt
                keyfile \(pki.directory)/server.key
                tls_version tlsv1.2

                """
            try Files.write(configuration, to: configurationPath)
            do {
                let (child, log) = try await Self.launch(configurationPath: configurationPath, namespace: namespace)
                started = (port, child, log)
            } catch {
                lastFailure = error
            }
        }
        guard let started else { throw lastFailure ?? TestFailure("mosquitto did not start") }
        port = started.port
        process = Mutex((started.child, started.log))
    }

    /// The broker URL for agents and clients.
    public var url: String { "mqtts://127.0.0.1:\(port)" }

    /// The broker's process id while it runs.
    public var pid: pid_t? { process.withLock { $0?.child.pid } }

    /// Everything the broker logged since it last started.
    public var log: String { process.withLock { $0?.log.text ?? "" } }

    /// Freezes the broker (SIGSTOP): its sockets stay open and nothing answers.
    public func freeze() { if let pid { Glibc.kill(pid, SIGSTOP) } }

    /// Thaws a frozen broker (SIGCONT).
    public func thaw() { if let pid { Glibc.kill(pid, SIGCONT) } }

    /// Kills the broker (SIGKILL) and waits for it.
    public func kill() {
        let stopped = process.withLock { current -> (child: ChildProcess, log: OutputRecorder)? in
            defer { current = nil }
            return current
        }
        guard let stopped else { return }
        stopped.child.terminate()
        stopped.log.stop()
    }

    /// Starts the broker again on the same port after ``kill()``.
    public func restart() async throws {
        kill()
        let launched = try await Self.launch(configurationPath: configurationPath, namespace: namespace)
        process.withLock { $0 = launched }
    }

    private static func launch(configurationPath: String, namespace: String?) async throws
        -> (child: ChildProcess, log: OutputRecorder)
    {
        // `ip netns exec` execs mosquitto in place, so the child's PID is the broker's.
        let command = namespace.map { ["ip", "netns", "exec", $0, "mosquitto"] } ?? ["mosquitto"]
        let child = try ChildProcess.spawn(
            command[0], arguments: Array(command.dropFirst()) + ["-c", configurationPath],
            environment: TestEnvironment.toolEnvironment())
        close(child.standardOutput)
        let log = try OutputRecorder(reading: child.standardError, label: "mosquitto")
        do {
            try await log.wait(timeout: .seconds(10)) { $0.contains(" running") || $0.contains("Error") }
            guard log.text.contains(" running") else { throw TestFailure("mosquitto failed to start:\n\(log.text)") }
        } catch {
            child.terminate()
            log.stop()
            throw error
        }
        return (child, log)
    }

    /// A loopback TCP port nobody listens on now.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure.system("socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw TestFailure.system("bind") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw TestFailure.system("getsockname") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        kill()
        directory.remove()
    }
}
