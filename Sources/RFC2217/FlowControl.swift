/// Outbound (or both-ways) flow control, as SET-CONTROL codes.
public enum FlowControl: UInt8, Sendable, Hashable, CaseIterable {
    /// No flow control.
    case none = 1
    /// Software flow control with XON and XOFF characters.
    case xonXoff = 2
    /// Hardware flow control with RTS and CTS.
    case hardware = 3
    /// Flow control on the DCD line.
    case dcd = 17
    /// Flow control on the DSR line.
    case dsr = 19
}
