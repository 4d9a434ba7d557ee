import AgentCore
import Foundation

/// Foundation's coders with the options `AgentJSON` reproduces, to compare against.
enum FoundationJSON {
    /// Foundation's `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` (and
    /// `.prettyPrinted`).
    static func encode(_ value: some Encodable, pretty: Bool = false) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Foundation's `JSONDecoder`.
    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try JSONDecoder().decode(type, from: Data(bytes))
    }

    /// Whether Foundation would take `bytes` for UTF-16 or UTF-32 (a NUL among the first four
    /// bytes, or a UTF-16 byte order mark), which `AgentJSON` does not read.
    static func looksLikeUTF16Or32(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(4).contains(0) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
    }
}

/// Text of JSON bytes, for messages.
func text(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self)
}
