/// A SET-CONTROL command, decoded from its one-byte code.
///
/// RFC 2217 codes: 0 request flow control, 1 none, 2 XON/XOFF, 3 hardware; 4 request BREAK,
/// 5 BREAK on, 6 off; 7 request DTR, 8 on, 9 off; 10 request RTS, 11 on, 12 off; 13 request
/// inbound flow control, 14 none, 15 XON/XOFF, 16 hardware; 17 DCD flow control; 18 DTR inbound
/// flow control; 19 DSR flow control.
public enum ControlCommand: Sendable, Hashable {
    /// Outbound (or both-ways) flow control.
    case flowControl(SettingRequest<FlowControl>)
    /// Inbound flow control.
    case inboundFlowControl(SettingRequest<InboundFlowControl>)
    /// The BREAK condition on the transmit line: `true` holds the line in break.
    case breakSignal(SettingRequest<Bool>)
    /// The DTR output line: `true` is on.
    case dtr(SettingRequest<Bool>)
    /// The RTS output line: `true` is on.
    case rts(SettingRequest<Bool>)

    /// The command for a SET-CONTROL code, or nil for a code RFC 2217 does not define.
    init?(code: UInt8) {
        switch code {
        case 0: self = .flowControl(.query)
        case 4: self = .breakSignal(.query)
        case 5, 6: self = .breakSignal(.set(code == 5))
        case 7: self = .dtr(.query)
        case 8, 9: self = .dtr(.set(code == 8))
        case 10: self = .rts(.query)
        case 11, 12: self = .rts(.set(code == 11))
        case 13: self = .inboundFlowControl(.query)
        default:
            if let flow = FlowControl(rawValue: code) {
                self = .flowControl(.set(flow))
            } else if let inbound = InboundFlowControl(rawValue: code) {
                self = .inboundFlowControl(.set(inbound))
            } else {
                return nil
            }
        }
    }

    /// The SET-CONTROL code that reports what `state` has in force for this command's setting.
    func reportCode(for state: SerialState) -> UInt8 {
        switch self {
        case .flowControl: state.flowControl.rawValue
        case .inboundFlowControl: state.inboundFlowControl.rawValue
        case .breakSignal: state.breakSignal ? 5 : 6
        case .dtr: state.dtr ? 8 : 9
        case .rts: state.rts ? 11 : 12
        }
    }
}
