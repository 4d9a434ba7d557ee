extension TOMLValue {
    /// The string, if this value is a string.
    public var stringValue: String? {
        if case .string(let value) = kind { value } else { nil }
    }

    /// The integer, if this value is an integer.
    public var integerValue: Int64? {
        if case .integer(let value) = kind { value } else { nil }
    }

    /// The number, if this value is a float. Integers are not converted.
    public var floatValue: Double? {
        if case .float(let value) = kind { value } else { nil }
    }

    /// The Boolean, if this value is `true` or `false`.
    public var booleanValue: Bool? {
        if case .boolean(let value) = kind { value } else { nil }
    }

    /// The date-time, if this value is an offset or local date-time.
    public var dateTimeValue: TOMLDateTime? {
        switch kind {
        case .offsetDateTime(let value), .localDateTime(let value): value
        default: nil
        }
    }

    /// The date, if this value is a local date.
    public var dateValue: TOMLDate? {
        if case .localDate(let value) = kind { value } else { nil }
    }

    /// The time, if this value is a local time.
    public var timeValue: TOMLTime? {
        if case .localTime(let value) = kind { value } else { nil }
    }

    /// The elements, if this value is an array (including an array of tables).
    public var arrayValue: [TOMLValue]? {
        if case .array(let value) = kind { value } else { nil }
    }

    /// The table, if this value is a table.
    public var tableValue: TOMLTable? {
        if case .table(let value) = kind { value } else { nil }
    }
}
