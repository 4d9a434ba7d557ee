/// Decides which NOTIFY-LINESTATE values a session sends, keeping the client's mask and the
/// state last seen.
struct LineStateReporter: Sendable {
    /// The client's SET-LINESTATE-MASK; RFC 2217 starts it at 0, so nothing is sent until the
    /// client asks.
    var mask: LineState = []
    private var previous: LineState = []

    /// The value to notify for `lineState`, or nil when it did not change or the mask leaves
    /// nothing to send.
    mutating func change(to lineState: LineState) -> LineState? {
        guard lineState != previous else { return nil }
        previous = lineState
        let value = lineState.intersection(mask)
        return value.isEmpty ? nil : value
    }
}
