import Glibc
import Testing

/// A real systemd-udevd for one test, with its own rules directory.
///
/// It runs in a private mount namespace where a tmpfs covers `/etc/udev/rules.d` and holds the
/// test's rule files; the stock rules in `/usr/lib/udev/rules.d` still apply. Events, the
/// `/run/udev` database and device nodes are the machine's own. Needs root.
public final class UdevDaemon: Sendable {
    /// The path of systemd-udevd on Debian.
    public static let executable = "/lib/systemd/systemd-udevd"

    private let child: ChildProcess
    private let directory: TemporaryDirectory
    private let notifications: OutputRecorder
    /// What udevd logged.
    public let log: OutputRecorder

    /// Starts udevd with `rules` (file name → text) in its rules directory and waits for its READY=1.
    public init(rules: [String: String]) async throws {
        try Self.checkPrerequisites()
        directory = try TemporaryDirectory(prefix: "udevd")
        for (name, text) in rules {
            try directory.write(name, text)
        }
        let notify = try UnixSocket.boundDatagram(at: directory.file("notify.sock"))
        notifications = try OutputRecorder(reading: notify.descriptor, label: "udevd notifications", datagrams: true)
        let script = """
            set -e
            mkdir -p /etc/udev/rules.d
            mount -t tmpfs -o mode=0755 pio-test-rules /etc/udev/rules.d
            cp \(directory.path)/*.rules /etc/udev/rules.d/
            exec \(Self.executable) --debug
            """
        child = try ChildProcess.spawn(
            "/usr/bin/unshare", arguments: ["--mount", "--propagation", "private", "/bin/sh", "-c", script],
            environment: TestEnvironment.environment(["NOTIFY_SOCKET": directory.file("notify.sock")]))
        close(child.standardOutput)
        log = try OutputRecorder(reading: child.standardError, label: "udevd log")
        do {
            try await notifications.wait(for: "READY=1")
        } catch {
            stop()
            throw TestFailure("systemd-udevd did not start: \(error)\nlog:\n\(log.text.suffix(2000))")
        }
    }

    /// Stops the test (skip or failure, see ``SystemTestPolicy``) when udevd cannot be started here.
    private static func checkPrerequisites() throws {
        try SystemTestPolicy.requireRoot(for: "running systemd-udevd")
        try SystemTestPolicy.requireTool(executable, package: "udev")
        guard !isRunning else {
            try SystemTestPolicy.notApplicable("a systemd-udevd already runs on this machine; these tests start their own")
        }
    }

    /// Whether a udevd answers on `/run/udev/control`.
    public static var isRunning: Bool {
        guard let control = try? UnixSocket.connected(to: "/run/udev/control", type: SOCK_SEQPACKET) else {
            return false
        }
        control.close()
        return true
    }

    /// Stops udevd (SIGTERM, then reaping it) and removes its files.
    public func stop() {
        kill(child.pid, SIGTERM)
        _ = try? child.waitForExit()
        notifications.stop()
        directory.remove()
    }
}
