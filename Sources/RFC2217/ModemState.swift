/// The modem state byte of NOTIFY-MODEMSTATE and SET-MODEMSTATE-MASK: four input lines in the
/// high nibble and their change flags in the low nibble.
public struct ModemState: OptionSet, Sendable, Hashable {
    /// The byte as sent.
    public let rawValue: UInt8

    /// A state from its byte.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Clear To Send changed since the last notification.
    public static let ctsChanged = ModemState(rawValue: 0x01)
    /// Data Set Ready changed since the last notification.
    public static let dsrChanged = ModemState(rawValue: 0x02)
    /// Ring Indicator went from on to off since the last notification.
    public static let ringTrailingEdge = ModemState(rawValue: 0x04)
    /// Carrier Detect changed since the last notification.
    public static let cdChanged = ModemState(rawValue: 0x08)
    /// Clear To Send is on.
    public static let cts = ModemState(rawValue: 0x10)
    /// Data Set Ready is on.
    public static let dsr = ModemState(rawValue: 0x20)
    /// Ring Indicator is on.
    public static let ri = ModemState(rawValue: 0x40)
    /// Carrier Detect (Receive Line Signal Detect) is on.
    public static let cd = ModemState(rawValue: 0x80)

    /// The four line bits, without the change flags.
    public static let lines: ModemState = [.cts, .dsr, .ri, .cd]
    /// Every bit: the initial mask of a session.
    public static let all = ModemState(rawValue: 0xFF)
}
