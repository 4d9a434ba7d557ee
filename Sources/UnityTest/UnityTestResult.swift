/// One `file:line:test:PASS|FAIL[:message]|IGNORE[:message]` line of Unity's output.
public struct UnityTestResult: Sendable, Hashable {
    /// The source file Unity names (it may contain colons, as a Windows path does).
    public var file: String
    /// The line of the test, or of the failing assertion.
    public var line: Int
    /// The test function's name.
    public var name: String
    /// How it ended.
    public var outcome: UnityOutcome

    /// A result.
    public init(file: String, line: Int, name: String, outcome: UnityOutcome) {
        self.file = file
        self.line = line
        self.name = name
        self.outcome = outcome
    }

    /// Reads a result line (without its line break), or nil when the line is not one.
    ///
    /// The line is split at colons from the left: the first place where a line number, a test
    /// name (a C identifier) and `PASS`, `FAIL` or `IGNORE` follow one another decides; what is
    /// before is the file, what is after the status (less one colon and one space) the message.
    public init?(line text: Substring) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 4 else { return nil }
        for index in 1..<(parts.count - 2) {
            guard let line = Int(parts[index]), line >= 0, parts[index].allSatisfy(\.isASCIIDigit),
                Self.isIdentifier(parts[index + 1])
            else { continue }
            let message = parts[(index + 3)...].joined(separator: ":").droppingOneLeadingSpace
            let outcome: UnityOutcome
            switch parts[index + 2] {
            case "PASS" where index + 3 == parts.count: outcome = .passed
            case "FAIL": outcome = .failed(message)
            case "IGNORE": outcome = .ignored(message)
            default: continue
            }
            let file = parts[..<index].joined(separator: ":")
            guard !file.isEmpty else { continue }
            self.init(file: file, line: line, name: String(parts[index + 1]), outcome: outcome)
            return
        }
        return nil
    }

    private static func isIdentifier(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, first == UInt8(ascii: "_") || first.isASCIILetter else { return false }
        return text.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0.isASCIILetter || $0.isASCIIDigit }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension UInt8 {
    fileprivate var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
    fileprivate var isASCIIDigit: Bool { (0x30...0x39).contains(self) }
}

extension String {
    fileprivate var droppingOneLeadingSpace: String {
        hasPrefix(" ") ? String(dropFirst()) : self
    }
}
