/// A calendar date without a time or time zone, such as `1979-05-27`.
public struct TOMLDate: Sendable, Hashable, CustomStringConvertible {
    /// The year, 0 through 9999.
    public let year: Int
    /// The month, 1 through 12.
    public let month: Int
    /// The day of the month, 1 through the last day of that month.
    public let day: Int

    /// Creates a date, or returns `nil` if the components do not name a real day.
    ///
    /// February 29 is accepted only in leap years of the proleptic Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month),
              (1...TOMLDate.numberOfDays(inMonth: month, year: year)).contains(day) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The number of days in `month` (1-12) of `year`.
    static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeapYear = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return isLeapYear ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    /// The date in RFC 3339 form, `YYYY-MM-DD`.
    public var description: String {
        "\(year.zeroPadded(to: 4))-\(month.zeroPadded(to: 2))-\(day.zeroPadded(to: 2))"
    }
}
