/// Writes the server's COM-PORT-OPTION subnegotiations.
enum ComPortReplyEncoder {
    /// `IAC SB COM-PORT-OPTION (clientCode + 100) value IAC SE`, with IAC bytes of the value
    /// doubled.
    static func serverCommand(answering clientCode: UInt8, value: [UInt8]) -> [UInt8] {
        [TelnetByte.iac, TelnetByte.sb, TelnetOption.comPort.rawValue, clientCode + ComPortCode.serverOffset]
            + TelnetEscaping.escape(value) + [TelnetByte.iac, TelnetByte.se]
    }

    /// The acknowledgement of `command` that reports what `state` has in force; empty for the
    /// commands RFC 2217 does not acknowledge (a client's own signature, FLOWCONTROL-SUSPEND and
    /// -RESUME). Masks are reported from the arguments, modem state is not handled here.
    static func acknowledgement(
        of command: RFC2217Command, state: SerialState, signature: String,
        lineStateMask: LineState, modemStateMask: ModemState
    ) -> [UInt8] {
        switch command {
        case .signature(.query):
            serverCommand(answering: ComPortCode.signature, value: Array(signature.utf8))
        case .signature(.set), .flowControlSuspend, .flowControlResume, .requestModemState:
            []
        case .setBaudRate:
            serverCommand(answering: ComPortCode.setBaudRate, value: bigEndian(state.baudRate))
        case .setDataSize:
            serverCommand(answering: ComPortCode.setDataSize, value: [state.dataSize.rawValue])
        case .setParity:
            serverCommand(answering: ComPortCode.setParity, value: [state.parity.rawValue])
        case .setStopSize:
            serverCommand(answering: ComPortCode.setStopSize, value: [state.stopBits.rawValue])
        case .setControl(let control):
            serverCommand(answering: ComPortCode.setControl, value: [control.reportCode(for: state)])
        case .requestLineState:
            serverCommand(answering: ComPortCode.notifyLineState, value: [state.lineState.rawValue])
        case .setLineStateMask:
            serverCommand(answering: ComPortCode.setLineStateMask, value: [lineStateMask.rawValue])
        case .setModemStateMask:
            serverCommand(answering: ComPortCode.setModemStateMask, value: [modemStateMask.rawValue])
        case .purge(let target):
            serverCommand(answering: ComPortCode.purgeData, value: [target.rawValue])
        }
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
}
