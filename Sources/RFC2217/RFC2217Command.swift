/// A COM-PORT-OPTION command from the client, decoded and typed.
///
/// The session applies each command to the serial port and then sends
/// ``RFC2217Server/acknowledge(_:applied:)`` back, which reports the value in force (RFC 2217:
/// "the value set at the access server after the processing of the command").
public enum RFC2217Command: Sendable, Hashable {
    /// SIGNATURE: `.query` asks for the server's signature text; `.set` carries the client's.
    case signature(SettingRequest<String>)
    /// SET-BAUDRATE, in bits per second; 0 on the wire is `.query`.
    case setBaudRate(SettingRequest<UInt32>)
    /// SET-DATASIZE; 0 on the wire, or a size RFC 2217 does not define, is `.query`.
    case setDataSize(SettingRequest<DataSize>)
    /// SET-PARITY; 0 on the wire, or a code RFC 2217 does not define, is `.query`.
    case setParity(SettingRequest<Parity>)
    /// SET-STOPSIZE; 0 on the wire, or a code RFC 2217 does not define, is `.query`.
    case setStopSize(SettingRequest<StopBits>)
    /// SET-CONTROL: flow control, BREAK, DTR or RTS.
    case setControl(ControlCommand)
    /// NOTIFY-LINESTATE sent by the client: a request for the current line state.
    case requestLineState
    /// NOTIFY-MODEMSTATE sent by the client: a request for the current modem state (pyserial's
    /// `poll_modem` option).
    case requestModemState
    /// FLOWCONTROL-SUSPEND: the client asks the server to stop sending serial data.
    case flowControlSuspend
    /// FLOWCONTROL-RESUME: the client asks the server to send serial data again.
    case flowControlResume
    /// SET-LINESTATE-MASK: which line state bits trigger NOTIFY-LINESTATE; already in force
    /// when the command is delivered.
    case setLineStateMask(LineState)
    /// SET-MODEMSTATE-MASK: which modem state bits trigger NOTIFY-MODEMSTATE; already in force
    /// when the command is delivered.
    case setModemStateMask(ModemState)
    /// PURGE-DATA: empty the port's receive buffer, transmit buffer, or both.
    case purge(PurgeTarget)
}
