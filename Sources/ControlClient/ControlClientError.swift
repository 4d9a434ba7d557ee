#if canImport(Glibc)
import Glibc
#endif

/// Why a control API call failed, phrased as the one line `pioctl` prints.
public struct ControlClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What failed.
    public enum Code: Sendable, Hashable {
        /// No socket file: the daemon is not running (or uses another path).
        case notRunning
        /// A socket file without a listener: the daemon died and left it.
        case staleSocket
        /// The caller may not open the socket.
        case permissionDenied
        /// The daemon did not answer before the deadline.
        case timedOut
        /// The daemon answered with an error status.
        case api(status: Int, code: String, message: String)
        /// The answer was not valid HTTP or not the expected JSON.
        case malformedResponse(String)
        /// A system call failed.
        case system(String)
    }

    /// What failed.
    public let code: Code
    /// The socket path.
    public let socketPath: String
    /// The `errno` value, or 0.
    public let errno: Int32

    /// Creates an error.
    public init(_ code: Code, socketPath: String, errno: Int32 = 0) {
        self.code = code
        self.socketPath = socketPath
        self.errno = errno
    }

    /// One line saying what happened and what to do.
    public var description: String {
        switch code {
        case .notRunning:
            return "pio-agentd is not running: no control socket at \(socketPath) "
                + "(start it with `systemctl start pio-agentd`, or point --socket / $PIO_AGENT_SOCKET at it)"
        case .staleSocket:
            return "pio-agentd is not running: nothing listens on \(socketPath) (a stale socket file)"
        case .permissionDenied:
            return "permission denied on \(socketPath): join the pio-agent group (`usermod -aG pio-agent $USER`, "
                + "then log in again) or run as root"
        case .timedOut:
            return "pio-agentd did not answer on \(socketPath) in time"
        case .api(let status, let code, let message):
            return "pio-agentd refused the request (\(status) \(code)): \(message)"
        case .malformedResponse(let detail):
            return "pio-agentd sent an answer pioctl cannot read (\(detail)); are pioctl and pio-agentd the same version?"
        case .system(let call):
            let reason = errno == 0 ? "" : ": \(String(cString: strerror(errno)))"
            return "cannot talk to pio-agentd on \(socketPath): \(call) failed\(reason)"
        }
    }
}
