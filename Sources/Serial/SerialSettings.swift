/// How a serial line is framed and paced: rate, data bits, parity, stop bits and flow control.
///
/// A value is always valid: the initializer, ``replacing(baud:bytesize:parity:stopbits:rtscts:xonxoff:)`` and
/// decoding check every field and throw ``SerialSettingsError`` for a bad one. The JSON form uses the
/// RPC's field names and pyserial's spellings:
/// `{"baud": 115200, "bytesize": 8, "parity": "N", "stopbits": 1, "rtscts": false, "xonxoff": false}`;
/// a missing field takes its default.
public struct SerialSettings: Sendable, Hashable {
    /// The highest rate termios2 can carry (`c_ospeed` is 32 bits).
    public static let maximumBaud = Int(UInt32.max)
    /// The data sizes Linux supports (CS5 to CS8).
    public static let bytesizes: ClosedRange<Int> = 5...8
    /// 115200 baud, 8 data bits, no parity, 1 stop bit, no flow control.
    public static let `default` = SerialSettings(
        checkedBaud: 115_200, bytesize: 8, parity: .none, stopbits: .one, rtscts: false, xonxoff: false)

    /// Bits per second: any positive rate up to ``maximumBaud``. Standard rates use their Bnnn code,
    /// others termios2's BOTHER; the driver picks the nearest rate it can make (``SerialPort/settings``
    /// reads back the one it holds).
    public let baud: Int
    /// Data bits per character, 5 to 8.
    public let bytesize: Int
    /// The parity bit.
    public let parity: Parity
    /// Stop bits per character.
    public let stopbits: StopBits
    /// Hardware flow control (RTS/CTS).
    public let rtscts: Bool
    /// Software flow control (XON/XOFF, DC1/DC3).
    public let xonxoff: Bool

    /// Settings checked field by field.
    ///
    /// - Throws: ``SerialSettingsError`` naming the first bad field.
    public init(
        baud: Int = 115_200, bytesize: Int = 8, parity: Parity = .none, stopbits: StopBits = .one,
        rtscts: Bool = false, xonxoff: Bool = false
    ) throws(SerialSettingsError) {
        guard (1...Self.maximumBaud).contains(baud) else { throw SerialSettingsError(.baud, value: String(baud)) }
        guard Self.bytesizes.contains(bytesize) else { throw SerialSettingsError(.bytesize, value: String(bytesize)) }
        self.init(
            checkedBaud: baud, bytesize: bytesize, parity: parity, stopbits: stopbits, rtscts: rtscts,
            xonxoff: xonxoff)
    }

    /// Settings taken as they are: for values already checked, and for what the kernel reports.
    init(checkedBaud baud: Int, bytesize: Int, parity: Parity, stopbits: StopBits, rtscts: Bool, xonxoff: Bool) {
        self.baud = baud
        self.bytesize = bytesize
        self.parity = parity
        self.stopbits = stopbits
        self.rtscts = rtscts
        self.xonxoff = xonxoff
    }

    /// These settings with the given fields changed (a mid-session change of one setting).
    ///
    /// - Throws: ``SerialSettingsError`` naming the first bad field.
    public func replacing(
        baud: Int? = nil, bytesize: Int? = nil, parity: Parity? = nil, stopbits: StopBits? = nil,
        rtscts: Bool? = nil, xonxoff: Bool? = nil
    ) throws(SerialSettingsError) -> SerialSettings {
        try SerialSettings(
            baud: baud ?? self.baud, bytesize: bytesize ?? self.bytesize, parity: parity ?? self.parity,
            stopbits: stopbits ?? self.stopbits, rtscts: rtscts ?? self.rtscts, xonxoff: xonxoff ?? self.xonxoff)
    }
}

extension SerialSettings: CustomStringConvertible {
    /// The settings in the usual short form, such as `115200 8N1` or `9600 7E2 rtscts`.
    public var description: String {
        var text = "\(baud) \(bytesize)\(parity.rawValue)\(stopbits.description)"
        if rtscts { text += " rtscts" }
        if xonxoff { text += " xonxoff" }
        return text
    }
}
