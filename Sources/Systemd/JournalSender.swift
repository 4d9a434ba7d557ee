import CSystemd
import Glibc

/// Hands journal records to systemd-journald through `sd_journal_sendv(3)`.
///
/// ``JournalLogHandler`` uses it for every log record; call it directly to send a record with fields of your own,
/// such as `MESSAGE_ID`.
public enum JournalSender {
    /// Sends `fields` as one journal record to `/run/systemd/journal/socket`.
    ///
    /// Each field becomes one `NAME=value` iovec; libsystemd encodes values containing line breaks in the journal's
    /// binary-safe form. As documented for `sd_journal_sendv(3)`, a missing journal socket is not an error: the
    /// record is dropped silently.
    ///
    /// - Throws: ``SystemdError`` with code ``SystemdError/Code/journalSendFailed`` and the `errno` of the failure.
    public static func send(_ fields: [JournalField]) throws(SystemdError) {
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
            return vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
        if result < 0 {
            throw SystemdError(code: .journalSendFailed, returnValue: result)
        }
    }
}
