extension SerialSettings {
    /// The parity bit, spelled as pyserial spells it in JSON (`"N"`, `"E"`, `"O"`, `"M"`, `"S"`).
    public enum Parity: String, Sendable, Hashable, CaseIterable, Codable {
        /// No parity bit.
        case none = "N"
        /// Even parity (PARENB).
        case even = "E"
        /// Odd parity (PARENB | PARODD).
        case odd = "O"
        /// A parity bit always 1 (PARENB | CMSPAR | PARODD).
        case mark = "M"
        /// A parity bit always 0 (PARENB | CMSPAR).
        case space = "S"

        /// Decodes `"N"`, `"E"`, `"O"`, `"M"` or `"S"`.
        ///
        /// - Throws: ``SerialSettingsError`` for any other string.
        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let parity = Parity(rawValue: text) else { throw SerialSettingsError(.parity, value: "\"\(text)\"") }
            self = parity
        }
    }
}
