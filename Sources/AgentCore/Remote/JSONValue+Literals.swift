extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral
{
    /// `.string`.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// `.number`.
    public init(integerLiteral value: Int) {
        self = .number(Double(value))
    }

    /// `.number`.
    public init(floatLiteral value: Double) {
        self = .number(value)
    }

    /// `.bool`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}
