/// Decides which NOTIFY-MODEMSTATE values a session sends, keeping the client's mask and the
/// lines last reported to compute the change flags.
struct ModemStateReporter: Sendable {
    /// The client's SET-MODEMSTATE-MASK; RFC 2217 starts it at 255.
    var mask = ModemState.all
    /// The lines as the client last learnt them; nil before the first report, when a change is
    /// reported against all lines off.
    private var reported: ModemState?

    /// The value reporting `lines` now, whatever changed: the lines with the change flags since
    /// the last report (none for the first report).
    mutating func snapshot(_ lines: ModemState) -> ModemState {
        let current = lines.intersection(.lines)
        let value = current.union(Self.changeFlags(from: reported ?? current, to: current))
        reported = current
        return value
    }

    /// The value to notify for `lines`, or nil when no line changed since the last report or the
    /// mask leaves nothing to send (RFC 2217: the new state "AND" the mask, sent when not zero).
    /// What is not sent is not reported: the next value's change flags still show it.
    mutating func change(to lines: ModemState) -> ModemState? {
        let current = lines.intersection(.lines)
        let previous = reported ?? []
        guard current != previous else { return nil }
        let value = current.union(Self.changeFlags(from: previous, to: current)).intersection(mask)
        guard !value.isEmpty else { return nil }
        reported = current
        return value
    }

    private static func changeFlags(from previous: ModemState, to current: ModemState) -> ModemState {
        let changed = previous.symmetricDifference(current)
        var flags: ModemState = []
        if changed.contains(.cts) { flags.insert(.ctsChanged) }
        if changed.contains(.dsr) { flags.insert(.dsrChanged) }
        if previous.contains(.ri) && !current.contains(.ri) { flags.insert(.ringTrailingEdge) }
        if changed.contains(.cd) { flags.insert(.cdChanged) }
        return flags
    }
}
