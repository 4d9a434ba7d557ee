/// The RFC 2217 command codes, as the client sends them; the server answers each with its code
/// plus ``serverOffset``.
enum ComPortCode {
    /// SIGNATURE: text, or a request for the other side's text when empty.
    static let signature: UInt8 = 0
    /// SET-BAUDRATE: four bytes, big-endian.
    static let setBaudRate: UInt8 = 1
    /// SET-DATASIZE: one byte.
    static let setDataSize: UInt8 = 2
    /// SET-PARITY: one byte.
    static let setParity: UInt8 = 3
    /// SET-STOPSIZE: one byte.
    static let setStopSize: UInt8 = 4
    /// SET-CONTROL: one byte.
    static let setControl: UInt8 = 5
    /// NOTIFY-LINESTATE: from the client, a request for the line state.
    static let notifyLineState: UInt8 = 6
    /// NOTIFY-MODEMSTATE: from the client, a request for the modem state.
    static let notifyModemState: UInt8 = 7
    /// FLOWCONTROL-SUSPEND: stop sending data.
    static let flowControlSuspend: UInt8 = 8
    /// FLOWCONTROL-RESUME: send data again.
    static let flowControlResume: UInt8 = 9
    /// SET-LINESTATE-MASK: one byte.
    static let setLineStateMask: UInt8 = 10
    /// SET-MODEMSTATE-MASK: one byte.
    static let setModemStateMask: UInt8 = 11
    /// PURGE-DATA: one byte.
    static let purgeData: UInt8 = 12
    /// Added to a client's code to form the server's answer.
    static let serverOffset: UInt8 = 100
}
