import Synchronization

/// A control connection switched from HTTP to a raw byte stream (`101 Switching Protocols`), such
/// as a local serial monitor's: what one side writes the other reads, with no framing.
///
/// Reads and writes block the calling thread (without a deadline: a monitor lasts); one thread may
/// read while another writes.
public final class ControlStreamConnection: Sendable {
    /// The headers of the `101` answer, names lower-cased.
    public let headers: [String: String]
    private let connection: UnixStreamConnection
    /// Stream bytes that arrived with the `101` answer, handed out by the first read.
    private let early: Mutex<[UInt8]>

    init(connection: UnixStreamConnection, headers: [String: String], early: [UInt8]) {
        self.connection = connection
        self.headers = headers
        self.early = Mutex(early)
    }

    /// Reads what arrives into `buffer`; returns the count, 0 when the other side has closed.
    public func read(into buffer: inout [UInt8]) throws(ControlClientError) -> Int {
        let pending = early.withLock { early -> [UInt8] in
            let count = min(early.count, buffer.count)
            defer { early.removeFirst(count) }
            return Array(early[..<count])
        }
        if !pending.isEmpty {
            buffer.replaceSubrange(0..<pending.count, with: pending)
            return pending.count
        }
        return try connection.receive(into: &buffer, deadline: Deadline(after: nil))
    }

    /// Writes all of `bytes`, waiting while the other side is behind.
    public func write(_ bytes: [UInt8]) throws(ControlClientError) {
        try connection.send(bytes, deadline: Deadline(after: nil))
    }

    /// Tells the other side this side has nothing more to send; reading goes on.
    public func finishWriting() {
        connection.shutdownOutput()
    }
}
