import TOML
import Testing

@Suite struct DateTimeTests {
    @Test func offsetDateTimes() throws {
        let value = try parseValue("1979-05-27T07:32:00Z")
        guard case .offsetDateTime(let dateTime) = value.kind else {
            Issue.record("expected an offset date-time, got \(value.typeName)")
            return
        }
        #expect(dateTime.year == 1979 && dateTime.month == 5 && dateTime.day == 27)
        #expect(dateTime.hour == 7 && dateTime.minute == 32 && dateTime.second == 0 && dateTime.offsetMinutes == 0)
        #expect(value.typeName == "datetime")

        let negative = try #require(try parseValue("1979-05-27T00:32:00.999999-07:00").dateTimeValue)
        #expect(negative.offsetMinutes == -420 && negative.nanosecond == 999_999_000)
        #expect(negative.description == "1979-05-27T00:32:00.999999-07:00")
        #expect(try parseValue("1979-05-27 07:32:00+05:30").dateTimeValue?.offsetMinutes == 330)
        #expect(try parseValue("1979-05-27t07:32:00z").dateTimeValue?.offsetMinutes == 0)
    }

    @Test func localDateTimesDatesAndTimes() throws {
        let local = try parseValue("1979-05-27T07:32:00")
        guard case .localDateTime(let dateTime) = local.kind else {
            Issue.record("expected a local date-time, got \(local.typeName)")
            return
        }
        #expect(dateTime.offsetMinutes == nil && dateTime.description == "1979-05-27T07:32:00")

        let date = try parseValue("1979-05-27")
        #expect(date.dateValue == TOMLDate(year: 1979, month: 5, day: 27) && date.typeName == "date")

        let time = try parseValue("00:32:00.5")
        #expect(time.timeValue == TOMLTime(hour: 0, minute: 32, second: 0, nanosecond: 500_000_000))
        #expect(time.typeName == "time" && time.timeValue?.description == "00:32:00.5")
    }

    @Test func fractionalSecondsBeyondNanosecondsAreTruncated() throws {
        #expect(try parseValue("07:32:00.1234567899").timeValue?.nanosecond == 123_456_789)
        #expect(try parseValue("07:32:00.000000001").timeValue?.nanosecond == 1)
    }

    @Test func aDateFollowedBySpaceAndCommentStaysADate() throws {
        #expect(try parseValue("1979-05-27 # birthday").dateValue == TOMLDate(year: 1979, month: 5, day: 27))
        let table = try parse("a = [1979-05-27 , 1979-05-28]")
        #expect(table["a"]?.arrayValue?.count == 2)
    }

    @Test func leapYearsAndLeapSecondsAreValidated() throws {
        #expect(try parseValue("2000-02-29").dateValue != nil)
        #expect(try parseValue("2024-02-29").dateValue != nil)
        #expect(try parseValue("23:59:60").timeValue?.second == 60)
        expectError("key = 1900-02-29", line: 1, containing: "the day must be 01 to 28")
        expectError("key = 2023-02-29", line: 1, containing: "the day must be 01 to 28")
        expectError("key = 2023-04-31", line: 1, containing: "the day must be 01 to 30")
        #expect(TOMLDate(year: 2023, month: 2, day: 29) == nil)
        #expect(TOMLTime(hour: 23, minute: 59, second: 61) == nil)
    }

    @Test(arguments: [
        ("2023-13-01", "month must be 01 to 12"), ("2023-00-10", "month must be 01 to 12"),
        ("2023-01-00", "day must be 01 to 31"), ("2023-1-01", "expected 2 digits for the month"),
        ("2023-01-01T25:00:00", "hours must be 00 to 23"), ("2023-01-01T10:60:00", "minutes 00 to 59"),
        ("10:00:61", "seconds 00 to 60"), ("10:00", "expected ':'"), ("10:00:00.", "must be followed by digits"),
        ("1979-05-27T07:32:00+24:00", "invalid UTC offset"), ("1979-05-27T07:32:00+01:60", "invalid UTC offset"),
        ("1979-05-27T07:32:00+0100", "expected ':'"), ("1979-05-27T", "expected 2 digits for the hour"),
        ("1979-05-27 07:32", "expected ':'"), ("1979-05-27T7:32:00", "expected 2 digits for the hour"),
        ("1979-05-27X07:32:00", "unexpected 'X'"), ("07:32:00Z", "unexpected 'Z'"),
    ])
    func invalidDateTimes(text: String, fragment: String) {
        expectError("a = 1\nkey = \(text)", line: 2, containing: fragment)
    }

    @Test func componentValidation() throws {
        let date = try #require(TOMLDate(year: 1, month: 1, day: 1))
        let time = try #require(TOMLTime(hour: 0, minute: 0, second: 0))
        #expect(TOMLDateTime(date: date, time: time, offsetMinutes: 1440) == nil)
        #expect(TOMLDateTime(date: date, time: time, offsetMinutes: -1439)?.description == "0001-01-01T00:00:00-23:59")
        #expect(TOMLDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(TOMLTime(hour: 0, minute: 0, second: 0, nanosecond: 1_000_000_000) == nil)
    }
}
