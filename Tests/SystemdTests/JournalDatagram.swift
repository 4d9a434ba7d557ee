import TestSupport
import Systemd

/// A parser for the journal's native datagram protocol, as journald would read it.
///
/// Each field is either `NAME=value\n`, or `NAME\n`, a 64-bit little-endian length, the value bytes and `\n`
/// for values that contain line breaks.
enum JournalDatagram {
    /// The fields of `bytes`, in order.
    static func parse(_ bytes: [UInt8]) throws -> [JournalField] {
        var fields: [JournalField] = []
        var index = 0
        while index < bytes.count {
            let separators: [UInt8] = [UInt8(ascii: "="), UInt8(ascii: "\n")]
            guard let end = bytes[index...].firstIndex(where: separators.contains) else {
                throw TestFailure("unterminated field at byte \(index)")
            }
            let name = String(decoding: bytes[index..<end], as: UTF8.self)
            if bytes[end] == UInt8(ascii: "=") {
                let lineEnd = bytes[end...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                let value = String(decoding: bytes[(end + 1)..<lineEnd], as: UTF8.self)
                fields.append(JournalField(name: name, value: value))
                index = lineEnd + 1
            } else {
                let valueStart = end + 1 + 8
                guard valueStart <= bytes.count else {
                    throw TestFailure("truncated length of field \(name)")
                }
                let length = bytes[(end + 1)..<valueStart].reversed().reduce(0) { $0 << 8 | Int($1) }
                guard valueStart + length < bytes.count, bytes[valueStart + length] == UInt8(ascii: "\n") else {
                    throw TestFailure("malformed binary field \(name)")
                }
                let value = String(decoding: bytes[valueStart..<(valueStart + length)], as: UTF8.self)
                fields.append(JournalField(name: name, value: value))
                index = valueStart + length + 1
            }
        }
        return fields
    }
}
