/// Numbers written as Foundation's `JSONEncoder` writes them: integers in decimal, and finite
/// floating-point values as the standard library's shortest round-trip `description` without a
/// trailing `.0` (`115200`, `1.5`, `1e+20`, `1e-07`, `-0`).
enum JSONNumberFormatting {
    /// Appends an integer's decimal digits.
    static func appendInteger<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        guard Integer.bitWidth <= 64 else {
            bytes.append(contentsOf: value.description.utf8)
            return
        }
        var magnitude: UInt64
        if Integer.isSigned {
            let signed = Int64(truncatingIfNeeded: value)
            if signed < 0 {
                bytes.append(UInt8(ascii: "-"))
            }
            magnitude = signed.magnitude
        } else {
            magnitude = UInt64(truncatingIfNeeded: value)
        }
        let start = bytes.count
        repeat {
            let (quotient, digit) = magnitude.quotientAndRemainder(dividingBy: 10)
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: digit))
            magnitude = quotient
        } while magnitude != 0
        bytes[start...].reverse()
    }

    /// Appends a finite floating-point value.
    static func appendFinite(_ value: some BinaryFloatingPoint & CustomStringConvertible, to bytes: inout [UInt8]) {
        let text = value.description.utf8
        if text.count >= 2, text.last == UInt8(ascii: "0"),
            text[text.index(text.endIndex, offsetBy: -2)] == UInt8(ascii: ".")
        {
            bytes.append(contentsOf: text.dropLast(2))
        } else {
            bytes.append(contentsOf: text)
        }
    }
}
