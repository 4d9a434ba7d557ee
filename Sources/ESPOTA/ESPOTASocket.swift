#if canImport(Glibc)
import Glibc
#endif
import ThreadSupport

/// A socket descriptor of an upload with the waits it needs: every wait is cut into slices of at
/// most 100 ms, so that a cancelled upload stops soon.
struct ESPOTASocket: ~Copyable {
    let descriptor: Int32
    let isCancelled: @Sendable () -> Bool

    init(descriptor: Int32, isCancelled: @escaping @Sendable () -> Bool) {
        self.descriptor = descriptor
        self.isCancelled = isCancelled
    }

    deinit { close(descriptor) }

    /// Waits until `events` are ready; false at the deadline.
    func wait(for events: Int32, until deadline: ContinuousClock.Instant) throws(ESPOTAError) -> Bool {
        while true {
            if isCancelled() { throw ESPOTAError(.local, "the upload was cancelled") }
            let left = deadline - .now
            guard left > .zero else { return false }
            var request = pollfd(fd: descriptor, events: Int16(events), revents: 0)
            let ready = poll(&request, 1, min(left, .milliseconds(100)).pollTimeout)
            if ready < 0 {
                guard errno == EINTR else { throw Self.failure("poll") }
                continue
            }
            if ready > 0 { return true }
        }
    }

    /// Reads what is there (at most `limit` bytes) once something is, or nil at the deadline; an
    /// empty result is the end of the stream.
    func receive(limit: Int = 4096, until deadline: ContinuousClock.Instant) throws(ESPOTAError) -> [UInt8]? {
        guard try wait(for: POLLIN, until: deadline) else { return nil }
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return Array(buffer[..<count]) }
            if errno == EINTR { continue }
            if errno == ECONNRESET || errno == ECONNREFUSED { return [] }
            throw Self.failure("recv")
        }
    }

    /// Sends all of `bytes` before the deadline; false when it passed first.
    func send(_ bytes: some Collection<UInt8>, until deadline: ContinuousClock.Instant) throws(ESPOTAError) -> Bool {
        let bytes = Array(bytes)
        var offset = 0
        while offset < bytes.count {
            guard try wait(for: POLLOUT, until: deadline) else { return false }
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                if errno == ECONNRESET || errno == EPIPE || errno == ECONNREFUSED {
                    throw ESPOTAError(.transferFailed, "the device reset the connection")
                }
                throw Self.failure("send")
            }
            offset += count
        }
        return true
    }

    /// An error for a failed system call, with its errno.
    static func failure(_ call: String) -> ESPOTAError {
        ESPOTAError(.local, "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))")
    }
}
