/// Something the session must act on, in the order the client's bytes called for it.
public enum RFC2217Event: Sendable, Hashable {
    /// Serial data from the client, unescaped, to write to the port. Consecutive data is one
    /// event within one ``RFC2217Server/receive(_:)`` call.
    case data([UInt8])
    /// Protocol bytes to send to the client as they are (option negotiation answers and
    /// notifications the server owes on its own).
    case reply([UInt8])
    /// A command to apply to the port and then acknowledge with
    /// ``RFC2217Server/acknowledge(_:applied:)``.
    case command(RFC2217Command)
}
