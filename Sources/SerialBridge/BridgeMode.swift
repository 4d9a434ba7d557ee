/// What the bridge speaks to its TCP client.
public enum BridgeMode: Sendable, Hashable {
    /// RFC 2217 (Telnet COM-PORT-OPTION): the client sets the line and the modem lines, and is
    /// told of modem-line changes (pyserial's `rfc2217://`, esptool, `pio device monitor`).
    case rfc2217
    /// Plain TCP: the port's bytes as they are, both ways (pyserial's `socket://`, netcat).
    case raw

    /// The URL scheme a client uses for this mode.
    public var scheme: String {
        switch self {
        case .rfc2217: "rfc2217"
        case .raw: "socket"
        }
    }
}
