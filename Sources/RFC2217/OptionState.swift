/// The state of one side of one option, after RFC 1143's Q method.
///
/// The server only ever asks to enable options, so the method's WANTNO states and queue bits
/// are never needed.
enum OptionState: Sendable, Hashable {
    /// Disabled, with no request outstanding.
    case no
    /// Enabled.
    case yes
    /// Disabled, and the server has asked to enable it.
    case wantYes
}
