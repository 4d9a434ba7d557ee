import TestSupport

extension StringProtocol {
    /// The logical lines of a configuration file (a systemd unit, udev rules), each with the 1-based number of its
    /// first physical line: blanks around each line trimmed, lines ending in a backslash joined to the next one
    /// (the backslash replaced by a space), and blank lines and comments between logical lines dropped.
    /// - Parameter commentPrefixes: what a comment line starts with, such as `#`.
    func logicalLines(commentPrefixes: [String]) -> [(line: Int, text: String)] {
        var lines: [(line: Int, text: String)] = []
        var pending = ""
        var pendingLine = 0
        for (index, rawLine) in split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingBlanks()
            if pending.isEmpty && (line.isEmpty || commentPrefixes.contains(where: line.hasPrefix)) { continue }
            if pending.isEmpty { pendingLine = index + 1 }
            if line.hasSuffix("\\") {
                line.removeLast()
                pending += line + " "
                continue
            }
            lines.append((pendingLine, pending + line))
            pending = ""
        }
        return lines
    }
}
