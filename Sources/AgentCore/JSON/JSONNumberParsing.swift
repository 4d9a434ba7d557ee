/// Conversions of JSON number text (already checked against the grammar) to Swift numbers,
/// with the same results as Foundation's `JSONDecoder`.
enum JSONNumberParsing {
    /// The digits of an integer with an optional minus sign, or nil if they do not fit.
    static func integerDigits<Integer: FixedWidthInteger>(_ text: UnsafeBufferPointer<UInt8>) -> Integer? {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative {
            index = 1
        }
        var value: Integer = 0
        while index < text.count {
            let digit = Integer(truncatingIfNeeded: text[index] &- UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }

    /// The value of a number whose `Double` is integral and at least 2^53, as Foundation's
    /// `Decimal` route gives it: all digits as a 64-bit mantissa, the exponent applied, and a
    /// fraction cut off.
    static func truncatedDecimal<Integer: FixedWidthInteger>(_ text: UnsafeBufferPointer<UInt8>) -> Integer? {
        let parts = split(text)
        guard var mantissa = parts.mantissa else { return nil }
        if parts.exponent < 0 {
            for _ in 0 ..< -parts.exponent {
                mantissa /= 10
            }
        } else {
            for _ in 0..<parts.exponent {
                let (next, overflow) = mantissa.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                mantissa = next
            }
        }
        guard let magnitude = Integer(exactly: mantissa) else { return nil }
        if parts.negative {
            guard Integer.isSigned else { return nil }
            return magnitude * -1
        }
        return magnitude
    }

    /// A number as a `Double`: nil if it overflows to infinity or underflows to zero.
    static func double(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        let parts = split(text)
        if let exact = fastDouble(parts) {
            return exact
        }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            return nil
        }
        guard value != 0 || parts.isZero else { return nil }
        return value
    }

    /// A number as the nearest `Double`, infinite or zero when out of range, as `strtod` gives
    /// it (Foundation's integer conversions start from it).
    static func nearestDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double {
        if let exact = fastDouble(split(text)) {
            return exact
        }
        return Double(String(decoding: text, as: UTF8.self)) ?? .nan
    }

    /// A number as a `Float`: nil if it overflows to infinity or underflows to zero.
    static func float(_ text: UnsafeBufferPointer<UInt8>) -> Float? {
        guard let value = Float(String(decoding: text, as: UTF8.self)), value.isFinite else {
            return nil
        }
        guard value != 0 || split(text).isZero else { return nil }
        return value
    }

    /// A number's sign, its digits (integer and fraction together) as a 64-bit mantissa if they
    /// fit, and the power of ten to scale them by.
    private struct Parts {
        var negative = false
        var mantissa: UInt64? = 0
        var exponent = 0
        /// Whether every digit is zero.
        var isZero = true
    }

    private static func split(_ text: UnsafeBufferPointer<UInt8>) -> Parts {
        var parts = Parts()
        var index = 0
        if text.first == UInt8(ascii: "-") {
            parts.negative = true
            index = 1
        }
        var fractionDigits = 0
        var inFraction = false
        var mantissa: UInt64 = 0
        var overflow = false
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                break
            } else {
                let digit = byte &- UInt8(ascii: "0")
                if digit != 0 { parts.isZero = false }
                let (shifted, overflow1) = mantissa.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = shifted.addingReportingOverflow(UInt64(digit))
                overflow = overflow || overflow1 || overflow2
                mantissa = next
                if inFraction { fractionDigits += 1 }
            }
            index += 1
        }
        parts.mantissa = overflow ? nil : mantissa
        var exponent = 0
        if index < text.count {
            index += 1
            var negativeExponent = false
            if text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                negativeExponent = text[index] == UInt8(ascii: "-")
                index += 1
            }
            while index < text.count {
                exponent = min(exponent * 10 + Int(text[index] &- UInt8(ascii: "0")), 1_000_000_000)
                index += 1
            }
            if negativeExponent { exponent = -exponent }
        }
        parts.exponent = exponent - fractionDigits
        return parts
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The correctly rounded value when the digits fit a `Double` exactly and the power of ten
    /// is exact too (Clinger's fast path), else nil.
    private static func fastDouble(_ parts: Parts) -> Double? {
        guard let mantissa = parts.mantissa, mantissa <= 1 << 53, abs(parts.exponent) <= 22 else { return nil }
        var value = Double(mantissa)
        if parts.exponent < 0 {
            value /= powersOfTen[-parts.exponent]
        } else {
            value *= powersOfTen[parts.exponent]
        }
        return parts.negative ? -value : value
    }
}
