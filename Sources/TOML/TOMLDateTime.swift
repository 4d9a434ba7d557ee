/// A date and time of day, either at a fixed offset from UTC or local (no offset).
///
/// `1979-05-27T07:32:00-07:00` is an offset date-time; `1979-05-27T07:32:00` is a local one.
public struct TOMLDateTime: Sendable, Hashable, CustomStringConvertible {
    /// The calendar date.
    public let date: TOMLDate
    /// The time of day.
    public let time: TOMLTime
    /// Minutes east of UTC (`Z` is 0, `-07:00` is -420), or `nil` for a local date-time.
    public let offsetMinutes: Int?

    /// Creates a date-time, or returns `nil` if the offset is 24 hours or more.
    public init?(date: TOMLDate, time: TOMLTime, offsetMinutes: Int? = nil) {
        if let offsetMinutes, !(-1439...1439).contains(offsetMinutes) {
            return nil
        }
        self.date = date
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// The year, 0 through 9999.
    public var year: Int { date.year }
    /// The month, 1 through 12.
    public var month: Int { date.month }
    /// The day of the month.
    public var day: Int { date.day }
    /// The hour, 0 through 23.
    public var hour: Int { time.hour }
    /// The minute, 0 through 59.
    public var minute: Int { time.minute }
    /// The second, 0 through 60.
    public var second: Int { time.second }
    /// The fraction of the second in nanoseconds.
    public var nanosecond: Int { time.nanosecond }

    /// The date-time in RFC 3339 form; a zero offset is written `Z`.
    public var description: String {
        let local = "\(date)T\(time)"
        guard let offsetMinutes else { return local }
        if offsetMinutes == 0 {
            return local + "Z"
        }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return local + sign + (magnitude / 60).zeroPadded(to: 2) + ":" + (magnitude % 60).zeroPadded(to: 2)
    }
}
