/// The bytes of every scalar value of one encoding, written once, escaped and formatted as
/// Foundation's `JSONEncoder` writes them; the containers refer to ranges of it.
final class JSONScratch {
    /// The scalars' bytes.
    var bytes: [UInt8] = []

    /// Creates an empty scratch buffer.
    init() {
        bytes.reserveCapacity(256)
    }

    /// Writes `null`.
    func appendNull() -> JSONEncodedValue {
        appendASCII("null")
    }

    /// Writes `true` or `false`.
    func append(_ value: Bool) -> JSONEncodedValue {
        appendASCII(value ? "true" : "false")
    }

    /// Writes a string in quotes with JSON escapes.
    func append(_ value: String) -> JSONEncodedValue {
        let start = bytes.count
        JSONStringEscaping.appendQuoted(value, to: &bytes)
        return .scalar(start: start, end: bytes.count)
    }

    /// Writes an integer in decimal.
    func append(integer value: some FixedWidthInteger) -> JSONEncodedValue {
        let start = bytes.count
        JSONNumberFormatting.appendInteger(value, to: &bytes)
        return .scalar(start: start, end: bytes.count)
    }

    /// Writes a finite floating-point number; the caller has rejected NaN and infinities.
    func append(finite value: some BinaryFloatingPoint & CustomStringConvertible) -> JSONEncodedValue {
        let start = bytes.count
        JSONNumberFormatting.appendFinite(value, to: &bytes)
        return .scalar(start: start, end: bytes.count)
    }

    private func appendASCII(_ text: StaticString) -> JSONEncodedValue {
        let start = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        return .scalar(start: start, end: bytes.count)
    }
}
