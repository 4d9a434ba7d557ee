import TOML

/// Renders parsed TOML into a canonical text that the Python side of the differential test renders
/// identically from `tomllib` results:
///
/// - strings as `s:` and the hex of their UTF-8 bytes; integers as `i:` and decimal digits;
/// - floats as `f:` and the hex of their IEEE 754 bits (`f:nan` for any NaN); booleans as `b:true`/`b:false`;
/// - date-times with microsecond precision (what `tomllib` keeps): `odt:` (with `@` and the offset in
///   minutes), `ldt:`, `ld:` and `lt:`;
/// - arrays as `[a,b]`; tables as `{hexkey=value,...}` sorted by the hex of the key.
enum CanonicalForm {
    static func render(_ table: TOMLTable) -> String {
        let rendered = table.entries.map { (hex(Array($0.key.utf8)), render($0.value)) }
        let sorted = rendered.sorted { $0.0 < $1.0 }
        return "{" + sorted.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }

    static func render(_ value: TOMLValue) -> String {
        switch value.kind {
        case .string(let string): "s:" + hex(Array(string.utf8))
        case .integer(let integer): "i:\(integer)"
        case .float(let float): float.isNaN ? "f:nan" : "f:" + hex(float.bitPattern)
        case .boolean(let boolean): "b:\(boolean)"
        case .offsetDateTime(let dateTime): "odt:\(render(dateTime))@\(dateTime.offsetMinutes ?? 0)"
        case .localDateTime(let dateTime): "ldt:\(render(dateTime))"
        case .localDate(let date): "ld:\(render(date))"
        case .localTime(let time): "lt:\(render(time))"
        case .array(let elements): "[" + elements.map { render($0) }.joined(separator: ",") + "]"
        case .table(let table): render(table)
        }
    }

    private static func render(_ dateTime: TOMLDateTime) -> String {
        "\(render(dateTime.date))T\(render(dateTime.time))"
    }

    private static func render(_ date: TOMLDate) -> String {
        "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
    }

    private static func render(_ time: TOMLTime) -> String {
        "\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2)).\(pad(time.nanosecond / 1000, 6))"
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { pad(Int($0), radix: 16, width: 2) }.joined()
    }

    private static func hex(_ bits: UInt64) -> String {
        pad(Int(truncatingIfNeeded: bits >> 32), radix: 16, width: 8)
            + pad(Int(bits & 0xFFFF_FFFF), radix: 16, width: 8)
    }

    private static func pad(_ number: Int, radix: Int, width: Int) -> String {
        let digits = String(number, radix: radix)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
