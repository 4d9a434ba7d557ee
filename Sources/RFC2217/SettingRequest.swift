/// What a client asks of one setting: its current value, or a new one.
///
/// On the wire a query is the value 0 (or, for SET-CONTROL, the dedicated "request" codes);
/// either way the server answers with the value in force.
public enum SettingRequest<Value: Sendable & Hashable>: Sendable, Hashable {
    /// Report the value in force without changing it.
    case query
    /// Change to this value, then report the value in force.
    case set(Value)
}
