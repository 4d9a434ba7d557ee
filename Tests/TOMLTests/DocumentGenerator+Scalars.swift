import TestSupport

extension DocumentGenerator {
    /// Pieces that make strings and quoted keys tricky: quotes, backslashes, control characters,
    /// non-ASCII text, astral and boundary scalars.
    private static let stringPieces = [
        "a", "Z", "hello", " ", "\t", "\"", "\\", "'", "é", "e\u{301}", "日本", "😀", "\u{7F}", "\u{0}", "\u{1F}",
        "\u{8}", "\u{C}", "\u{85}", "\u{FEFF}", "\u{10FFFF}", "\n", "\r\n", "\r", "#", "=", "\"\"", "''", "\"\"\"",
        "'''", "\u{2028}", "\\n", "{", "]",
    ]

    private static let bareKeyNames = [
        "a", "b", "key", "port", "name", "x-y", "snake_case", "123", "0", "-", "_", "true", "false", "inf", "nan",
        "1979-05-27", "Key", "KEY",
    ]

    private static let quotedKeyNames = [
        "", " ", "with space", "é", "e\u{301}", "日本語", "😀", "a.b", "\"q\"", "back\\slash", "tab\there",
        "new\nline", "\u{7F}", "'single'", "#hash", "=", "[x]", "\u{0}",
    ]

    /// A key name; some need quoting.
    mutating func makeKeyName() -> String {
        switch random.int(in: 0...9) {
        case 0...4: random.pick(Self.bareKeyNames)
        case 5...6: String((0..<random.int(in: 1...6)).map { _ in random.pick(Array("abcXYZ019_-")) })
        default: random.pick(Self.quotedKeyNames)
        }
    }

    /// `name` written as a key: bare when possible (usually), otherwise literal or basic-quoted.
    mutating func renderKey(_ name: String) -> String {
        let isBare = !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-".unicodeScalars
                .contains(scalar))
        }
        if isBare && random.chance(0.85) {
            return name
        }
        if canBeLiteral(name, multiline: false) && random.chance(0.3) {
            return "'" + name + "'"
        }
        return basicStringText(name)
    }

    /// A scalar value written as TOML.
    mutating func makeScalar() -> String {
        switch random.int(in: 0...9) {
        case 0...2: stringText()
        case 3...4: integerText()
        case 5...6: floatText()
        case 7: random.pick(["true", "false"])
        default: dateTimeText()
        }
    }

    // MARK: - Strings

    private mutating func stringText() -> String {
        let content = (0..<random.int(in: 0...6)).map { _ in random.pick(Self.stringPieces) }.joined()
        switch random.int(in: 0...3) {
        case 0 where canBeLiteral(content, multiline: false):
            return "'" + content + "'"
        case 1 where canBeLiteral(content, multiline: true):
            let opening = random.chance(0.5) ? "'''" + newline : "'''"
            let closing = random.pick(["'''", "'''", "''''", "'''''"])
            return opening + content.replacingNewlines(with: newline) + closing
        case 2:
            return multilineBasicStringText(content)
        default:
            return basicStringText(content)
        }
    }

    private func canBeLiteral(_ content: String, multiline: Bool) -> Bool {
        content.unicodeScalars.allSatisfy { scalar in
            scalar == "\t" || (multiline && scalar == "\n") || !(scalar.value < 0x20 || scalar.value == 0x7F)
        } && !content.contains(multiline ? "'''" : "'") && !(multiline && content.hasSuffix("'"))
    }

    /// `content` as a `"..."` string, escaping what must be escaped and, at random, some other characters.
    mutating func basicStringText(_ content: String) -> String {
        "\"" + content.unicodeScalars.map { escaped($0, multiline: false) }.joined() + "\""
    }

    private mutating func multilineBasicStringText(_ content: String) -> String {
        var text = random.chance(0.5) ? "\"\"\"" + newline : "\"\"\""
        for scalar in content.unicodeScalars {
            if random.chance(0.05) {
                text += "\\" + random.pick(["", " ", "\t "]) + newline + random.pick(["", "  ", newline + " "])
            }
            text += escaped(scalar, multiline: true)
        }
        return text + random.pick(["\"\"\"", "\"\"\"", "\"\"\"\"", "\"\"\"\"\""])
    }

    private mutating func escaped(_ scalar: Unicode.Scalar, multiline: Bool) -> String {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n" where multiline: return newline
        case "\u{8}": return "\\b"
        case "\t": return random.chance(0.5) ? "\t" : "\\t"
        case "\n": return "\\n"
        case "\u{C}": return "\\f"
        case "\r": return "\\r"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F || random.chance(0.1):
            return random.chance(0.5)
                ? "\\u" + hexDigits(scalar.value, width: 4)
                : "\\U" + hexDigits(scalar.value, width: 8)
        default:
            return String(scalar)
        }
    }

    private mutating func hexDigits(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: random.chance(0.5))
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // MARK: - Numbers

    private mutating func integerText() -> String {
        let value: Int64 = switch random.int(in: 0...5) {
        case 0: Int64(random.int(in: -100...100))
        case 1: random.pick([Int64.max, Int64.min, 0, 1, -1, Int64.max - 1, Int64.min + 1, 1 << 53])
        default: Int64(truncatingIfNeeded: random.next()) >> random.int(in: 0...62)
        }
        if value >= 0 && random.chance(0.3) {
            let (prefix, radix) = random.pick([("0x", 16), ("0o", 8), ("0b", 2)])
            let zeros = String(repeating: "0", count: random.int(in: 0...2))
            let digits = zeros + String(value, radix: radix, uppercase: random.chance(0.5))
            return prefix + withUnderscores(digits)
        }
        let sign = value < 0 ? "-" : random.pick(["", "", "+"])
        return sign + withUnderscores(String(value.magnitude))
    }

    private mutating func floatText() -> String {
        switch random.int(in: 0...5) {
        case 0:
            return random.pick(["inf", "+inf", "-inf", "nan", "+nan", "-nan"])
        case 1:
            return random.pick([
                "0.1", "-0.0", "+0.0", "0e0", "1e308", "1.7976931348623157e308", "1e-320", "4.9e-324",
                "2.2250738585072011e-308", "1e400", "-1e400", "9007199254740993.0", "0.30000000000000004",
                "1_000.000_1", "6.626e-34", "1E6", "1e+06", "1e-0_6", "3.141592653589793238462643383279",
            ])
        default:
            let sign = random.pick(["", "", "-", "+"])
            let integer = random.chance(0.3) ? "0" : digitRun(leadingNonZero: true)
            var text = sign + withUnderscores(integer)
            let form = random.int(in: 0...2)
            if form != 1 {
                text += "." + withUnderscores(digitRun(leadingNonZero: false))
            }
            if form != 0 {
                text += random.pick(["e", "E"]) + random.pick(["", "+", "-"])
                text += withUnderscores(String(random.int(in: 0...350)).leftPadded(random.int(in: 0...3)))
            }
            return text
        }
    }

    private mutating func digitRun(leadingNonZero: Bool) -> String {
        let first = leadingNonZero ? random.int(in: 1...9) : random.int(in: 0...9)
        return String(first) + (0..<random.int(in: 0...19)).map { _ in String(random.int(in: 0...9)) }.joined()
    }

    /// `digits` with underscores inserted between some digits, in about one number in four.
    private mutating func withUnderscores(_ digits: String) -> String {
        guard random.chance(0.25) else { return digits }
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && random.chance(0.3) {
                text += "_"
            }
            text.append(digit)
        }
        return text
    }

    // MARK: - Dates and times

    private mutating func dateTimeText() -> String {
        let year = random.pick([random.int(in: 1...9999), 2000, 2024, 1900, 1970, 1])
        let month = random.int(in: 1...12)
        let lastDay = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31,
            30, 31, 30, 31][month - 1]
        // One date in fifty is invalid (the day after the month's last), which both parsers must reject.
        let day = random.chance(0.02) ? lastDay + 1 : random.int(in: 1...lastDay)
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        let (hour, minute, second) = (random.int(in: 0...23), random.int(in: 0...59), random.int(in: 0...59))
        var time = "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        if random.chance(0.4) {
            time += "." + (0..<random.int(in: 1...12)).map { _ in String(random.int(in: 0...9)) }.joined()
        }
        let separator = random.pick(["T", "t", " "])
        switch random.int(in: 0...3) {
        case 0:
            return date
        case 1:
            return time
        case 2:
            return date + separator + time
        default:
            let offset = random.pick(["Z", "z", "+00:00", "-00:00"])
            let (offsetHour, offsetMinute) = (random.int(in: 0...23), random.int(in: 0...59))
            let numeric = random.pick(["+", "-"]) + pad(offsetHour, 2) + ":" + pad(offsetMinute, 2)
            return date + separator + time + (random.chance(0.5) ? offset : numeric)
        }
    }

    private func pad(_ number: Int, _ width: Int) -> String {
        String(number).leftPadded(width - String(number).count)
    }
}

extension String {
    /// The string with `count` leading zeros.
    fileprivate func leftPadded(_ count: Int) -> String {
        String(repeating: "0", count: max(0, count)) + self
    }

    /// The string with every `\n` and `\r\n` replaced by `newline`.
    fileprivate func replacingNewlines(with newline: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: newline)
    }
}
