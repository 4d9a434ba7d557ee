/// A serial setting out of range, named by its RPC field.
public struct SerialSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field with the bad value.
    public enum Field: String, Sendable, Hashable {
        /// ``SerialSettings/baud``.
        case baud
        /// ``SerialSettings/bytesize``.
        case bytesize
        /// ``SerialSettings/parity``.
        case parity
        /// ``SerialSettings/stopbits``.
        case stopbits
    }

    /// The field with the bad value.
    public let field: Field
    /// The value as given.
    public let value: String

    /// Creates an error.
    public init(_ field: Field, value: String) {
        self.field = field
        self.value = value
    }

    /// What is wrong and what is allowed.
    public var description: String {
        let allowed =
            switch field {
            case .baud: "a positive rate up to \(SerialSettings.maximumBaud)"
            case .bytesize: "one of 5, 6, 7, 8"
            case .parity: "one of \"N\", \"E\", \"O\", \"M\", \"S\""
            case .stopbits: "one of 1, 1.5, 2"
            }
        return "invalid serial settings: \(field.rawValue) \(value) is not \(allowed)"
    }
}
