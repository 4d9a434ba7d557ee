/// Why a document is not JSON, and where: the parser's error, which ``AgentJSON`` reports as
/// `DecodingError.dataCorrupted`.
struct JSONSyntaxError: Error, CustomStringConvertible {
    /// What is wrong, such as `unescaped control character 0x0A in a string`.
    let reason: String
    /// The byte offset of the problem in the document.
    let offset: Int
    /// The line of the problem, from 1.
    let line: Int
    /// The column of the problem in bytes, from 1.
    let column: Int

    /// Locates `offset` in `bytes`.
    init(_ reason: String, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        self.reason = reason
        self.offset = offset
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        self.line = line
        self.column = offset - lineStart + 1
    }

    /// The reason and the place, e.g. `unexpected end of data at line 1, column 7 (byte 6)`.
    var description: String {
        "\(reason) at line \(line), column \(column) (byte \(offset))"
    }
}
