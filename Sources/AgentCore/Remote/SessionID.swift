/// The identifier of a session (a monitor, a firmware transfer): 16 lowercase hex digits, the
/// last level of its stream topics. The agent draws it at random when the session opens.
public struct SessionID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 16 hex digits.
    public let rawValue: String

    /// An identifier from its text; nil unless it is 16 lowercase hex digits.
    public init?(_ text: String) {
        guard text.utf8.count == 16, text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        rawValue = text
    }

    /// A fresh random identifier.
    public static func random() -> SessionID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A random identifier from `generator` (tests pass a seeded one).
    public static func random(using generator: inout some RandomNumberGenerator) -> SessionID {
        let value = UInt64.random(in: 0...UInt64.max, using: &generator)
        let hex = String(value, radix: 16)
        return SessionID(String(repeating: "0", count: 16 - hex.count) + hex)!
    }

    /// The 16 hex digits.
    public var description: String { rawValue }

    /// Decodes the identifier from its string form, refusing anything else.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let identifier = SessionID(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a session id is 16 lowercase hex digits, not \(text)"))
        }
        self = identifier
    }

    /// Encodes the identifier as its string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
