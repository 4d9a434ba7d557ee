/// A modem-control line the host drives.
public enum SerialOutputLine: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Data Terminal Ready.
    case dtr
    /// Request To Send.
    case rts

    /// `DTR` or `RTS`.
    public var description: String {
        switch self {
        case .dtr: "DTR"
        case .rts: "RTS"
        }
    }
}
