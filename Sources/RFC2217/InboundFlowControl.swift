/// Inbound flow control, as SET-CONTROL codes.
public enum InboundFlowControl: UInt8, Sendable, Hashable, CaseIterable {
    /// No inbound flow control.
    case none = 14
    /// Inbound software flow control with XON and XOFF characters.
    case xonXoff = 15
    /// Inbound hardware flow control.
    case hardware = 16
    /// Inbound flow control on the DTR line.
    case dtr = 18
}
