extension TOMLParser {
    /// Parses an integer or float such as `-1_000`, `0xFF`, `0o17`, `0b101`, `6.02e23`, `inf` or `nan`.
    mutating func parseNumber() throws(TOMLError) -> TOMLValue.Kind {
        let start = position
        while let byte = peek(), byte.isBareKeyCharacter || byte == .period || byte == .plus {
            position += 1
        }
        let end = position
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        switch text {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan": return .float(.nan)
        case "-nan": return .float(-.nan)
        default: break
        }
        var index = start
        var isNegative = false
        if bytes[index] == .plus || bytes[index] == .minus {
            isNegative = bytes[index] == .minus
            index += 1
        }
        if index + 1 < end, bytes[index] == .zero, let radix = TOMLParser.radix(forPrefix: bytes[index + 1]) {
            guard index == start else {
                throw error("invalid number '\(text)': hexadecimal, octal and binary integers cannot have a sign",
                    at: start)
            }
            index += 2
            let digits = try scanDigits(from: &index, end: end, radix: radix, text: text, start: start)
            guard index == end else {
                throw error("invalid number '\(text)'", at: start)
            }
            return .integer(try integerValue(of: digits, radix: radix, isNegative: false, text: text, start: start))
        }
        let integerDigits = try scanDigits(from: &index, end: end, radix: 10, text: text, start: start)
        if integerDigits.count > 1 && integerDigits[0] == 0 {
            throw error("invalid number '\(text)': leading zeros are not allowed", at: start)
        }
        var isFloat = false
        if index < end && bytes[index] == .period {
            index += 1
            _ = try scanDigits(from: &index, end: end, radix: 10, text: text, start: start)
            isFloat = true
        }
        if index < end && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < end && (bytes[index] == .plus || bytes[index] == .minus) {
                index += 1
            }
            _ = try scanDigits(from: &index, end: end, radix: 10, text: text, start: start)
            isFloat = true
        }
        guard index == end else {
            throw error("invalid number '\(text)'", at: start)
        }
        guard isFloat else {
            return .integer(try integerValue(of: integerDigits, radix: 10, isNegative: isNegative, text: text,
                start: start))
        }
        let digitsOnly = String(decoding: bytes[start..<end].filter { $0 != .underscore }, as: UTF8.self)
        guard let value = Double(digitsOnly) else {
            throw error("invalid float '\(text)'", at: start)
        }
        return .float(value)
    }

    /// The radix named by the letter after a leading `0`: `x`, `o` or `b` (lowercase only).
    private static func radix(forPrefix letter: UInt8) -> Int? {
        switch letter {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    /// Reads one or more digits of `radix` from `index`, with single underscores allowed between digits,
    /// and returns their values. Stops at the first byte that is neither.
    private mutating func scanDigits(
        from index: inout Int, end: Int, radix: Int, text: String, start: Int
    ) throws(TOMLError) -> [UInt8] {
        guard index < end, let first = bytes[index].digitValue(radix: radix) else {
            throw error("invalid number '\(text)': expected a digit at position \(index - start + 1)", at: start)
        }
        var digits = [UInt8(first)]
        index += 1
        while index < end {
            if let digit = bytes[index].digitValue(radix: radix) {
                digits.append(UInt8(digit))
                index += 1
            } else if bytes[index] == .underscore {
                guard index + 1 < end, let digit = bytes[index + 1].digitValue(radix: radix) else {
                    throw error("invalid number '\(text)': each underscore must be between two digits", at: start)
                }
                digits.append(UInt8(digit))
                index += 2
            } else {
                break
            }
        }
        return digits
    }

    /// The 64-bit value of `digits` in `radix`, or an error if it does not fit.
    private mutating func integerValue(
        of digits: [UInt8], radix: Int, isNegative: Bool, text: String, start: Int
    ) throws(TOMLError) -> Int64 {
        var magnitude: UInt64 = 0
        let limit = isNegative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        for digit in digits {
            let (shifted, multiplyOverflow) = magnitude.multipliedReportingOverflow(by: UInt64(radix))
            let (sum, addOverflow) = shifted.addingReportingOverflow(UInt64(digit))
            guard !multiplyOverflow, !addOverflow, sum <= limit else {
                throw error("integer '\(text)' is out of range for a 64-bit signed integer "
                    + "(-9223372036854775808 to 9223372036854775807)", at: start)
            }
            magnitude = sum
        }
        guard isNegative else { return Int64(magnitude) }
        return magnitude == limit ? Int64.min : -Int64(magnitude)
    }
}
