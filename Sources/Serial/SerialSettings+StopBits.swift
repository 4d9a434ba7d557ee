extension SerialSettings {
    /// Stop bits per character, as a JSON number: `1`, `1.5` or `2`.
    ///
    /// Linux has one flag for more than one stop bit (CSTOPB), so ``onePointFive`` and ``two`` set the same
    /// thing: a 16550-style UART then sends 1.5 stop bits with 5 data bits and 2 with more; a USB adapter's
    /// driver decides for itself (most send 2).
    public enum StopBits: Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
        /// One stop bit.
        case one
        /// One and a half stop bits (CSTOPB, as ``two``).
        case onePointFive
        /// Two stop bits (CSTOPB).
        case two

        /// The count as a number: 1, 1.5 or 2.
        public var count: Double {
            switch self {
            case .one: 1
            case .onePointFive: 1.5
            case .two: 2
            }
        }

        /// The count as written in `8N1`: `1`, `1.5` or `2`.
        public var description: String {
            switch self {
            case .one: "1"
            case .onePointFive: "1.5"
            case .two: "2"
            }
        }

        /// Decodes `1`, `1.5` or `2`.
        ///
        /// - Throws: ``SerialSettingsError`` for any other number.
        public init(from decoder: any Decoder) throws {
            let count = try decoder.singleValueContainer().decode(Double.self)
            guard let stopBits = Self.allCases.first(where: { $0.count == count }) else {
                let text = count == count.rounded() && abs(count) < 1e15 ? String(Int(count)) : String(count)
                throw SerialSettingsError(.stopbits, value: text)
            }
            self = stopBits
        }

        /// Encodes the count as a JSON number (1, 1.5 or 2).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .one: try container.encode(1)
            case .onePointFive: try container.encode(1.5)
            case .two: try container.encode(2)
            }
        }
    }
}
