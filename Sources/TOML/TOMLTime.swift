/// A time of day without a date or time zone, such as `07:32:00.5`.
public struct TOMLTime: Sendable, Hashable, CustomStringConvertible {
    /// The hour, 0 through 23.
    public let hour: Int
    /// The minute, 0 through 59.
    public let minute: Int
    /// The second, 0 through 60 (60 is a leap second, which RFC 3339 allows).
    public let second: Int
    /// The fraction of the second in nanoseconds, 0 through 999,999,999.
    ///
    /// Digits beyond nanosecond precision in a document are truncated, as the TOML specification requires.
    public let nanosecond: Int

    /// Creates a time, or returns `nil` if a component is out of range.
    public init?(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0...60).contains(second),
              (0..<1_000_000_000).contains(nanosecond) else {
            return nil
        }
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// The time as `HH:MM:SS`, followed by the fraction of a second without trailing zeros if it is not zero.
    public var description: String {
        var text = "\(hour.zeroPadded(to: 2)):\(minute.zeroPadded(to: 2)):\(second.zeroPadded(to: 2))"
        if nanosecond != 0 {
            var fraction = nanosecond.zeroPadded(to: 9)
            while fraction.hasSuffix("0") {
                fraction.removeLast()
            }
            text += "." + fraction
        }
        return text
    }
}
