import CSystemd
import Glibc

/// Hands journal records to systemd-journald over its native protocol, as `sd_journal_sendv(3)` does.
///
/// ``JournalLogHandler`` uses it for every log record; call it directly to send a record with fields of your own,
/// such as `MESSAGE_ID`.
public enum JournalSender {
    /// Sends `fields` as one journal record to `/run/systemd/journal/socket`.
    ///
    /// Each field is sent as `NAME=value`, or in the journal's binary-safe form when its value contains line
    /// breaks. As with `sd_journal_sendv(3)`, a missing journal socket is not an error: the record is dropped
    /// silently.
    ///
    /// - Throws: ``SystemdError`` with code ``SystemdError/Code/journalSendFailed`` and the `errno` of the failure.
    public static func send(_ fields: [JournalField]) throws(SystemdError) {
        try send(fields, to: nil)
    }

    /// Sends `fields` as one journal record to the journal socket at `socketPath` (nil: journald's own).
    ///
    /// A record too large for one datagram goes as a sealed memory file, as journald accepts.
    public static func send(_ fields: [JournalField], to socketPath: String?) throws(SystemdError) {
        // All entries live in one buffer so every iovec can point into it for the duration of the call.
        var buffer: [UInt8] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(fields.count)
        for field in fields {
            let start = buffer.count
            buffer.append(contentsOf: field.name.utf8)
            buffer.append(UInt8(ascii: "="))
            buffer.append(contentsOf: field.value.utf8)
            ranges.append(start..<buffer.count)
        }
        let result = buffer.withUnsafeMutableBytes { bytes in
            let vectors = ranges.map { range in
                iovec(iov_base: bytes.baseAddress.map { $0 + range.lowerBound }, iov_len: range.count)
            }
            return vectors.withUnsafeBufferPointer { vectors in
                if let socketPath { return pio_sd_journal_sendv_to(socketPath, vectors.baseAddress, Int32(vectors.count)) }
                return pio_sd_journal_sendv(vectors.baseAddress, Int32(vectors.count))
            }
        }
        if result < 0 {
            throw SystemdError(code: .journalSendFailed, returnValue: result)
        }
    }
}
