public import Glibc

/// A test-side `AF_UNIX` socket whose reads fail after a timeout instead of hanging the test run.
public struct UnixSocket: Sendable {
    /// The socket's file descriptor.
    public let descriptor: Int32
    /// The longest a single read may block; it bounds a failing test, it does not synchronise.
    public let timeout: Duration

    /// A datagram socket bound at `path`, like the ones the service manager and journald listen on.
    public static func boundDatagram(at path: String, timeout: Duration = .seconds(10)) throws -> UnixSocket {
        try Self.open(type: SOCK_DGRAM, timeout: timeout) { socket in
            try socket.withAddress(path) { bind(socket.descriptor, $0, $1) }
        }
    }

    /// A stream socket connected to the listener at `path`.
    public static func connectedStream(to path: String, timeout: Duration = .seconds(10)) throws -> UnixSocket {
        try connected(to: path, type: SOCK_STREAM, timeout: timeout)
    }

    /// A socket of `type` (`SOCK_STREAM`, or `SOCK_SEQPACKET` as udevd's control socket) connected to the listener
    /// at `path`.
    public static func connected(
        to path: String, type: __socket_type, timeout: Duration = .seconds(10)
    ) throws -> UnixSocket {
        try Self.open(type: type, timeout: timeout) { socket in
            try socket.withAddress(path) { connect(socket.descriptor, $0, $1) }
        }
    }

    /// A stream socket listening at `path` that the test never accepts on, like a hung daemon.
    public static func listening(at path: String) throws -> UnixSocket {
        try Self.open(type: SOCK_STREAM, timeout: .seconds(10)) { socket in
            try socket.withAddress(path) { bind(socket.descriptor, $0, $1) }
            guard listen(socket.descriptor, 8) == 0 else { throw TestFailure.system("listen") }
        }
    }

    /// Leaves a socket file at `path` that nobody listens on, as a crashed daemon does.
    public static func makeStaleSocketFile(at path: String) throws {
        let socket = try Self.open(type: SOCK_STREAM, timeout: .seconds(10)) { socket in
            try socket.withAddress(path) { bind(socket.descriptor, $0, $1) }
        }
        socket.close()
    }

    /// Waits for the next datagram and returns its bytes.
    public func receiveDatagram() throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else {
            throw Self.readFailure("recv", timeout: self.timeout)
        }
        return Array(buffer.prefix(count))
    }

    /// Waits for the next datagram and returns the one descriptor it carries (SCM_RIGHTS), or nil.
    public func receiveDescriptor() throws -> Int32? {
        var byte: UInt8 = 0
        var control = [UInt8](repeating: 0, count: 64)
        return try withUnsafeMutablePointer(to: &byte) { bytePointer in
            var vector = iovec(iov_base: bytePointer, iov_len: 1)
            return try control.withUnsafeMutableBytes { controlBytes in
                try withUnsafeMutablePointer(to: &vector) { vectorPointer in
                    var message = msghdr()
                    message.msg_iov = vectorPointer
                    message.msg_iovlen = 1
                    message.msg_control = controlBytes.baseAddress
                    message.msg_controllen = controlBytes.count
                    guard recvmsg(self.descriptor, &message, Int32(MSG_CMSG_CLOEXEC)) >= 0 else {
                        throw Self.readFailure("recvmsg", timeout: self.timeout)
                    }
                    guard message.msg_controllen >= MemoryLayout<cmsghdr>.size else { return nil }
                    let header = controlBytes.load(as: cmsghdr.self)
                    guard header.cmsg_level == SOL_SOCKET, header.cmsg_type == Int32(SCM_RIGHTS) else { return nil }
                    return controlBytes.load(fromByteOffset: MemoryLayout<cmsghdr>.size, as: Int32.self)
                }
            }
        }
    }

    /// Reads until the peer closes the connection and returns everything received.
    public func readToEnd() throws -> [UInt8] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(self.descriptor, $0.baseAddress, $0.count) }
            if count == 0 {
                return received
            }
            if count < 0 && errno == EINTR {
                continue
            }
            guard count > 0 else {
                throw Self.readFailure("read", timeout: self.timeout)
            }
            received.append(contentsOf: chunk.prefix(count))
        }
    }

    /// Sends every byte of `bytes`.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(self.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { throw TestFailure.system("send") }
            offset += sent
        }
    }

    /// Sends the UTF-8 bytes of `text`.
    public func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Reads whatever arrives next (empty at end of stream).
    public func readSome() throws -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(self.descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw Self.readFailure("read", timeout: self.timeout) }
            return Array(chunk.prefix(count))
        }
    }

    /// Closes the descriptor.
    public func close() {
        _ = Glibc.close(self.descriptor)
    }

    /// A new socket of `type` with a read timeout, handed to `configure` (bind, connect, listen); closed again
    /// when `configure` throws.
    private static func open(
        type: __socket_type, timeout: Duration, configure: (UnixSocket) throws -> Void
    ) throws -> UnixSocket {
        let descriptor = socket(AF_UNIX, Int32(type.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw TestFailure.system("socket")
        }
        let socket = UnixSocket(descriptor: descriptor, timeout: timeout)
        do {
            let seconds = timeout.components.seconds
            var limit = timeval(tv_sec: Int(seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
            guard setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size)) == 0
            else {
                throw TestFailure.system("setsockopt(SO_RCVTIMEO)")
            }
            try configure(socket)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Calls `operation` with a `sockaddr_un` for `path` (an abstract name when it starts with `@`);
    /// throws when it returns a negative value.
    private func withAddress(
        _ path: String,
        _ operation: (UnsafePointer<sockaddr>, socklen_t) -> Int32
    ) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else {
            throw TestFailure("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        // An abstract name is exactly its bytes long; a path may carry its NUL.
        let length = abstract
            ? MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count : MemoryLayout<sockaddr_un>.size
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                operation($0, socklen_t(length))
            }
        }
        guard result == 0 else {
            throw TestFailure.system("bind/connect \(path)")
        }
    }

    private static func readFailure(_ step: String, timeout: Duration) -> TestFailure {
        errno == EAGAIN || errno == EWOULDBLOCK
            ? TestFailure("\(step) timed out after \(timeout)") : TestFailure.system(step)
    }
}
