public import Serial

/// The result of `device.control`: the line settings in force, and the modem lines where the
/// port has them, as one object (`{"baud": …, …, "modem": {"dtr": …, …}}`).
public struct LineStatus: Sendable, Hashable, Encodable {
    /// The settings in force.
    public var settings: SerialSettings
    /// The modem lines, or nil for a port without them (a pty).
    public var modem: SerialModemLines?

    /// A status.
    public init(settings: SerialSettings, modem: SerialModemLines?) {
        self.settings = settings
        self.modem = modem
    }

    private enum CodingKeys: String, CodingKey {
        case modem
    }

    /// The settings' keys, and `modem` when there are modem lines.
    public func encode(to encoder: any Encoder) throws {
        try settings.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(modem, forKey: .modem)
    }
}
