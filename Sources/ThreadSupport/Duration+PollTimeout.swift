extension Duration {
    /// This duration as a `poll(2)` timeout: whole milliseconds rounded up (so a wait never ends
    /// just before its deadline), 0 for a past deadline, at most `Int32.max`.
    public var pollTimeout: Int32 {
        guard self > .zero else { return 0 }
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}
