/// Converts byte offsets into lines and columns.
///
/// The parser asks for locations in increasing order, so the tracker continues from its previous
/// answer instead of rescanning; a request for an earlier offset starts over from the beginning.
struct LocationTracker {
    private var offset = 0
    private var line = 1
    private var column = 1

    /// The line and column of the byte at `target` in `bytes`.
    mutating func location(of target: Int, in bytes: [UInt8]) -> TOMLSourceLocation {
        if target < offset {
            offset = 0
            line = 1
            column = 1
        }
        let end = min(target, bytes.count)
        while offset < end {
            let byte = bytes[offset]
            if byte == .lineFeed {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Count each scalar once, at its leading byte; continuation bytes are 10xxxxxx.
                column += 1
            }
            offset += 1
        }
        return TOMLSourceLocation(line: line, column: column)
    }
}
