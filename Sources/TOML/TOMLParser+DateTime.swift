extension TOMLParser {
    /// Whether the bytes ahead begin a date: four digits and a hyphen.
    var isAtDate: Bool {
        (0..<4).allSatisfy { peek($0)?.isDigit == true } && peek(4) == .minus
    }

    /// Whether the bytes ahead begin a time of day: two digits and a colon.
    var isAtTime: Bool {
        peek()?.isDigit == true && peek(1)?.isDigit == true && peek(2) == .colon
    }

    /// Parses a local date, local date-time or offset date-time such as `1979-05-27T07:32:00-07:00`.
    ///
    /// The date and time may be separated by `T`, `t` or a space; the offset is `Z`, `z` or `±HH:MM`.
    mutating func parseDateOrDateTime() throws(TOMLError) -> TOMLValue.Kind {
        let start = position
        let year = try readFixedDigits(4, of: "year")
        try expect(.minus, in: "date")
        let month = try readFixedDigits(2, of: "month")
        try expect(.minus, in: "date")
        let day = try readFixedDigits(2, of: "day")
        guard let date = TOMLDate(year: year, month: month, day: day) else {
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            guard (1...12).contains(month) else {
                throw error("invalid date '\(text)': the month must be 01 to 12", at: start)
            }
            let days = TOMLDate.numberOfDays(inMonth: month, year: year)
            throw error("invalid date '\(text)': the day must be 01 to \(days) in that month", at: start)
        }
        switch peek() {
        case UInt8(ascii: "T"), UInt8(ascii: "t"):
            position += 1
        case .space where peek(1)?.isDigit == true:
            position += 1
        default:
            return .localDate(date)
        }
        let time = try parseTimeOfDay()
        let offsetStart = position
        let offsetMinutes: Int
        switch peek() {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            position += 1
            offsetMinutes = 0
        case .plus, .minus:
            let isNegative = peek() == .minus
            position += 1
            let hours = try readFixedDigits(2, of: "offset hour")
            try expect(.colon, in: "offset")
            let minutes = try readFixedDigits(2, of: "offset minute")
            guard hours < 24, minutes < 60 else {
                let text = String(decoding: bytes[offsetStart..<position], as: UTF8.self)
                throw error("invalid UTC offset '\(text)': hours must be 00 to 23 and minutes 00 to 59",
                    at: offsetStart)
            }
            offsetMinutes = (hours * 60 + minutes) * (isNegative ? -1 : 1)
        default:
            guard let dateTime = TOMLDateTime(date: date, time: time) else {
                throw error("invalid date-time", at: start)
            }
            return .localDateTime(dateTime)
        }
        guard let dateTime = TOMLDateTime(date: date, time: time, offsetMinutes: offsetMinutes) else {
            throw error("invalid UTC offset", at: offsetStart)
        }
        return .offsetDateTime(dateTime)
    }

    /// Parses a local time such as `07:32:00.999`.
    mutating func parseLocalTime() throws(TOMLError) -> TOMLValue.Kind {
        .localTime(try parseTimeOfDay())
    }

    /// Parses `HH:MM:SS` with an optional fraction of a second; digits past nanoseconds are truncated.
    private mutating func parseTimeOfDay() throws(TOMLError) -> TOMLTime {
        let start = position
        let hour = try readFixedDigits(2, of: "hour")
        try expect(.colon, in: "time")
        let minute = try readFixedDigits(2, of: "minute")
        try expect(.colon, in: "time")
        let second = try readFixedDigits(2, of: "second")
        var nanosecond = 0
        if peek() == .period {
            position += 1
            guard peek()?.isDigit == true else {
                throw error("invalid time: a '.' in a time must be followed by digits", at: start)
            }
            var digitCount = 0
            while let byte = peek(), byte.isDigit {
                if digitCount < 9 {
                    nanosecond = nanosecond * 10 + Int(byte - .zero)
                }
                digitCount += 1
                position += 1
            }
            for _ in min(digitCount, 9)..<9 {
                nanosecond *= 10
            }
        }
        guard let time = TOMLTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond) else {
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            throw error("invalid time '\(text)': hours must be 00 to 23, minutes 00 to 59 and seconds 00 to 60",
                at: start)
        }
        return time
    }

    /// Reads exactly `count` decimal digits as a number.
    private mutating func readFixedDigits(_ count: Int, of part: String) throws(TOMLError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let byte = peek(), byte.isDigit else {
                throw error("invalid date or time: expected \(count) digits for the \(part), found "
                    + describeCharacter(at: position), at: position)
            }
            value = value * 10 + Int(byte - .zero)
            position += 1
        }
        return value
    }

    /// Consumes `separator` or reports what was found instead.
    private mutating func expect(_ separator: UInt8, in part: String) throws(TOMLError) {
        guard peek() == separator else {
            let expected = Character(Unicode.Scalar(separator))
            throw error("invalid \(part): expected '\(expected)', found \(describeCharacter(at: position))")
        }
        position += 1
    }
}
