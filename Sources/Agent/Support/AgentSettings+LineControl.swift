import AgentConfig
import Serial

extension AgentSettings {
    /// The modem-line ioctls for the port at `path`: a loopback for a static port declared with
    /// `modem_lines = "loopback"` in the configuration in force, the kernel's otherwise.
    func lineControl(for path: String) -> any SerialLineControl {
        let declared = configuration.devices.staticPorts.first { $0.port == path }
        return declared?.modemLines == .loopback ? LoopbackLineControl() : IoctlLineControl()
    }
}
