#if canImport(Glibc)
import Glibc
#endif

/// Where the control socket lives and how clients find it.
public enum ControlSocket {
    /// The default path, created by `pio-agentd.socket` or the daemon.
    public static let defaultPath = "/run/pio-agent/control.sock"
    /// The environment variable `pioctl` reads before falling back to ``defaultPath``.
    public static let environmentVariable = "PIO_AGENT_SOCKET"
    /// The name of the socket-activated file descriptor the daemon adopts (`FileDescriptorName=`).
    public static let activationName = "control"

    /// `$PIO_AGENT_SOCKET` when set and not empty, else ``defaultPath``.
    public static func pathFromEnvironment() -> String {
        if let value = getenv(environmentVariable), value.pointee != 0 {
            return String(cString: value)
        }
        return defaultPath
    }
}
