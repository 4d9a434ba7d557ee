#if canImport(Glibc)
import Glibc
#endif

/// A serial port operation that failed, with the port, the OS error behind it and, for a busy port,
/// who holds it.
public struct SerialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The port could not be opened (no such device, no permission…).
        case open
        /// The path is not a terminal device.
        case notATerminal
        /// Another open file holds the port (its lock, or TIOCEXCL); see ``SerialError/holders``.
        case busy
        /// The line settings could not be applied or read back.
        case settings
        /// The modem lines could not be read or set.
        case modemLines
        /// A break could not be started or ended.
        case breakCondition
        /// The port's queues could not be discarded.
        case purge
        /// The port's byte stream could not be set up on the event loop.
        case stream
        /// A stream is already running on this port; one at a time.
        case streamActive
        /// Reading from the port failed.
        case read
        /// Writing to the port failed.
        case write
        /// The device went away (unplugged, or its driver hung it up): the port is useless from now on.
        case deviceRemoved
        /// The port was closed by its owner.
        case closed
    }

    /// What went wrong.
    public let kind: Kind
    /// The port's path as it was opened.
    public let path: String
    /// The `errno` value, or 0.
    public let errno: Int32
    /// For ``Kind/busy``: the processes found holding the port open, when they could be found.
    public let holders: [SerialPortHolder]
    /// More about the cause where there is no `errno` to tell it (such as the event loop's own error),
    /// or empty.
    public let detail: String

    /// Creates an error.
    public init(_ kind: Kind, path: String, errno: Int32 = 0, holders: [SerialPortHolder] = [], detail: String = "") {
        self.kind = kind
        self.path = path
        self.errno = errno
        self.holders = holders
        self.detail = detail
    }

    /// An error for a failed call on an open port: a hang-up's errors (EIO, ENXIO, ENODEV) become
    /// ``Kind/deviceRemoved``.
    static func failed(_ kind: Kind, path: String, errno: Int32) -> SerialError {
        switch errno {
        case EIO, ENXIO, ENODEV: SerialError(.deviceRemoved, path: path, errno: errno)
        default: SerialError(kind, path: path, errno: errno)
        }
    }

    /// What happened and what to do.
    public var description: String {
        let reason =
            errno != 0 ? ": \(String(cString: strerror(errno)))" : detail.isEmpty ? "" : ": \(detail)"
        switch kind {
        case .open:
            let hint =
                switch errno {
                case ENOENT: "; check the path, or whether the board is plugged in"
                case EACCES, EPERM: "; the agent needs read and write access (the dialout group, or a udev rule)"
                default: ""
                }
            return "cannot open \(path)\(reason)\(hint)"
        case .notATerminal:
            return "\(path) is not a serial port (not a terminal device)"
        case .busy:
            guard !holders.isEmpty else {
                return "port busy: \(path) is in use by another program or session; close it there first"
            }
            let names = holders.map(\.description).joined(separator: ", ")
            return "port busy: \(path) is held by \(names); close it there first"
        case .settings:
            return "cannot apply or read the line settings of \(path)\(reason)"
        case .modemLines:
            let hint = errno == ENOTTY ? " (the device has no modem lines, as a pty has none)" : ""
            return "cannot read or set the modem lines of \(path)\(reason)\(hint)"
        case .breakCondition:
            return "cannot send a break on \(path)\(reason)"
        case .purge:
            return "cannot discard the queued data of \(path)\(reason)"
        case .stream:
            return "cannot start the byte stream of \(path)\(reason)"
        case .streamActive:
            return "\(path) already has a byte stream running; end it first"
        case .read:
            return "reading from \(path) failed\(reason)"
        case .write:
            return "writing to \(path) failed\(reason)"
        case .deviceRemoved:
            return "device removed: \(path) went away\(reason); open it again when the board is back"
        case .closed:
            return "\(path) has been closed"
        }
    }
}
