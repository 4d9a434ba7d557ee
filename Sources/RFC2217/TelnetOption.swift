/// The Telnet options this server enables; every other option is refused.
public enum TelnetOption: UInt8, Sendable, Hashable, CaseIterable {
    /// RFC 856 TRANSMIT-BINARY: an 8-bit clean data path.
    case binary = 0
    /// RFC 858 SUPPRESS-GO-AHEAD: full-duplex operation.
    case suppressGoAhead = 3
    /// RFC 2217 COM-PORT-OPTION: serial port control.
    case comPort = 44
}
