/// `udevadm trigger` for one device.
public enum Udevadm {
    /// Sends a synthetic `action` uevent for the tty `name` and waits for udevadm to finish.
    public static func trigger(_ action: String, sysname name: String) async throws {
        let result = try await ChildProcess.run(
            "/usr/bin/udevadm", ["trigger", "--action=\(action)", "--subsystem-match=tty", "--sysname-match=\(name)"])
        guard result.status == 0 else { throw TestFailure("udevadm trigger failed: \(result)") }
    }
}
