import AgentCore
#if canImport(Glibc)
import Glibc
#endif

/// A blocking-with-deadline client connection to a Unix stream socket.
///
/// The socket is non-blocking and every wait goes through `poll` with the deadline, so no call
/// can hang past it (`pioctl reannounce` runs from udev and must never hang).
final class UnixStreamConnection: Sendable {
    private let descriptor: Int32
    private let path: String

    /// Connects to `path`, mapping the usual failures to clear errors.
    init(path: String, deadline: Deadline) throws(ControlClientError) {
        self.path = path
        guard path.utf8.count < 108 else { throw ControlClientError(.system("socket path longer than 107 bytes"), socketPath: path) }
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ControlClientError(.system("socket"), socketPath: path, errno: errno) }
        let result = UnixSocketAddress.with(path: path) { connect(descriptor, $0, $1) } ?? -1
        if result != 0 {
            let error = errno
            close(descriptor)
            switch error {
            case ENOENT, ENOTDIR: throw ControlClientError(.notRunning, socketPath: path, errno: error)
            case ECONNREFUSED: throw ControlClientError(.staleSocket, socketPath: path, errno: error)
            case EACCES, EPERM: throw ControlClientError(.permissionDenied, socketPath: path, errno: error)
            case EAGAIN: throw ControlClientError(.timedOut, socketPath: path, errno: error)
            default: throw ControlClientError(.system("connect"), socketPath: path, errno: error)
            }
        }
    }

    deinit { close(descriptor) }

    /// Sends every byte or throws.
    func send(_ bytes: [UInt8], deadline: Deadline) throws(ControlClientError) {
        var offset = 0
        while offset < bytes.count {
            try wait(for: Int16(POLLOUT), deadline: deadline)
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw ControlClientError(.system("send"), socketPath: path, errno: errno)
            }
            offset += sent
        }
    }

    /// Receives what is available (waiting until the deadline); an empty result means end of stream.
    func receive(deadline: Deadline) throws(ControlClientError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            try wait(for: Int16(POLLIN), deadline: deadline)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return Array(buffer[..<count]) }
            if errno == EAGAIN || errno == EINTR { continue }
            throw ControlClientError(.system("recv"), socketPath: path, errno: errno)
        }
    }

    /// Receives what is available into `buffer` (waiting until the deadline); returns the count,
    /// 0 at end of stream.
    func receive(into buffer: inout [UInt8], deadline: Deadline) throws(ControlClientError) -> Int {
        while true {
            try wait(for: Int16(POLLIN), deadline: deadline)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return count }
            if errno == EAGAIN || errno == EINTR { continue }
            if errno == ECONNRESET { return 0 }
            throw ControlClientError(.system("recv"), socketPath: path, errno: errno)
        }
    }

    /// Ends this side's output: the peer reads end of stream, and this side can still receive.
    func shutdownOutput() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    private func wait(for events: Int16, deadline: Deadline) throws(ControlClientError) {
        while true {
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let timeout = deadline.pollTimeout
            let ready = poll(&entry, 1, timeout)
            if ready > 0 { return }
            if ready == 0 { throw ControlClientError(.timedOut, socketPath: path) }
            if errno != EINTR { throw ControlClientError(.system("poll"), socketPath: path, errno: errno) }
        }
    }
}
