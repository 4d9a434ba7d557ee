/// How a board is reset through its modem lines.
public enum SerialResetStyle: String, Sendable, Hashable, CaseIterable {
    /// Arduino's auto-reset (avrdude's `arduino` programmer): DTR and RTS low for 250 ms, then
    /// high; the board's capacitor turns the edge into a reset pulse.
    case classic
    /// An ESP32/ESP8266 dev board's EN circuit (esptool's `hard_reset`): RTS high (EN low) for
    /// 100 ms with DTR low (GPIO0 high, so it boots the application), then RTS low.
    case esp

    /// The line changes and the pause after each, in order.
    public var steps: [(dtr: Bool?, rts: Bool?, pause: Duration)] {
        switch self {
        case .classic: [(false, false, .milliseconds(250)), (true, true, .milliseconds(50))]
        case .esp: [(false, true, .milliseconds(100)), (nil, false, .milliseconds(50))]
        }
    }
}
