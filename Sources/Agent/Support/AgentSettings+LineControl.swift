import AgentConfig
import Serial
import Synchronization

extension AgentSettings {
    /// The modem-line ioctls for the port at `path`: the port's loopback (one per path, kept from
    /// one open to the next) for a static port declared with `modem_lines = "loopback"` in the
    /// configuration in force, the kernel's otherwise.
    func lineControl(for path: String) -> any SerialLineControl {
        let declared = configuration.devices.staticPorts.first { $0.port == path }
        guard declared?.modemLines == .loopback else { return IoctlLineControl() }
        return loopbackLines.withLock { lines in
            if let existing = lines[path] { return existing }
            let created = LoopbackLineControl()
            lines[path] = created
            return created
        }
    }
}
