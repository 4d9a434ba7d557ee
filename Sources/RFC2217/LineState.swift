/// The line state byte of NOTIFY-LINESTATE and SET-LINESTATE-MASK, as a UART reports it.
public struct LineState: OptionSet, Sendable, Hashable {
    /// The byte as sent.
    public let rawValue: UInt8

    /// A state from its byte.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Received data is ready.
    public static let dataReady = LineState(rawValue: 0x01)
    /// A received character was lost.
    public static let overrunError = LineState(rawValue: 0x02)
    /// A received character had the wrong parity.
    public static let parityError = LineState(rawValue: 0x04)
    /// A received character had no valid stop bit.
    public static let framingError = LineState(rawValue: 0x08)
    /// A break was received.
    public static let breakDetect = LineState(rawValue: 0x10)
    /// The transmit holding register is empty.
    public static let transferHoldingRegisterEmpty = LineState(rawValue: 0x20)
    /// The transmit shift register is empty.
    public static let transferShiftRegisterEmpty = LineState(rawValue: 0x40)
    /// A time-out error occurred.
    public static let timeoutError = LineState(rawValue: 0x80)
}
