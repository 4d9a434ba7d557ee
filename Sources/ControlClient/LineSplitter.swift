/// Splits a byte stream into `\n`-terminated lines, keeping a partial last line for later.
struct LineSplitter {
    /// The longest line kept before it is dropped as malformed (an event is far smaller).
    static let maxLineBytes = 16 * 1024 * 1024

    private var partial: [UInt8] = []

    /// Appends `bytes` and returns the lines they complete, without their `\n`.
    mutating func append(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(partial + bytes[start..<newline])
            partial.removeAll(keepingCapacity: true)
            start = newline + 1
        }
        partial += bytes[start...]
        if partial.count > Self.maxLineBytes { partial.removeAll() }
        return lines
    }
}
