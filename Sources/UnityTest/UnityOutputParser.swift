/// Reads a board's serial output as it arrives and picks out Unity's test results and closing
/// summary, ignoring everything else the board prints (boot messages, logs, noise).
///
/// Bytes may arrive split anywhere. Lines end with LF (a CR before it is dropped); ANSI escape
/// sequences (Unity's colour option) are removed; a line longer than ``maximumLineLength`` bytes
/// is dropped whole. The summary counts only when `OK` or `FAIL` is the next non-empty line after
/// the counts, as Unity writes it; once it has come, later bytes are ignored.
public struct UnityOutputParser: Sendable {
    /// Longer lines are not Unity's and are dropped.
    public static let maximumLineLength = 4096

    /// The results read so far, in order.
    public private(set) var results: [UnityTestResult] = []
    /// The summary, once read.
    public private(set) var summary: UnitySummary?
    /// Lines dropped as too long.
    public private(set) var overlongLines = 0

    private var line: [UInt8] = []
    private var droppingLine = false
    private var counts: (tests: Int, failures: Int, ignored: Int)?

    /// A parser that has read nothing.
    public init() {}

    /// Whether the summary has been read: the test run is over.
    public var isComplete: Bool { summary != nil }

    /// Reads `bytes`; returns the results they completed.
    public mutating func consume(_ bytes: some Sequence<UInt8>) -> [UnityTestResult] {
        guard !isComplete else { return [] }
        let before = results.count
        for byte in bytes where !isComplete {
            if byte == UInt8(ascii: "\n") {
                if !droppingLine { handle(line) }
                line.removeAll(keepingCapacity: true)
                droppingLine = false
            } else if !droppingLine {
                line.append(byte)
                if line.count > Self.maximumLineLength {
                    overlongLines += 1
                    droppingLine = true
                    line.removeAll(keepingCapacity: true)
                }
            }
        }
        return Array(results[before...])
    }

    /// Reads the last line when the output ended without a line break; returns the results it
    /// completed.
    public mutating func finish() -> [UnityTestResult] {
        guard !isComplete, !droppingLine, !line.isEmpty else { return [] }
        let before = results.count
        handle(line)
        line.removeAll()
        return Array(results[before...])
    }

    private mutating func handle(_ raw: [UInt8]) {
        let text = Self.text(of: raw)
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        if let counts {
            guard !trimmed.isEmpty else { return }
            self.counts = nil
            switch trimmed.trimmingTrailingSpaces {
            case "OK": summary = UnitySummary(tests: counts.tests, failures: counts.failures, ignored: counts.ignored, ok: true)
            case "FAIL": summary = UnitySummary(tests: counts.tests, failures: counts.failures, ignored: counts.ignored, ok: false)
            default: break
            }
            if summary != nil { return }
        }
        if let counts = UnitySummary.counts(of: trimmed.trimmingTrailingSpaces) {
            self.counts = counts
        } else if let result = UnityTestResult(line: trimmed.trimmingTrailingSpaces) {
            results.append(result)
        }
    }

    /// The line as text: without a final CR and without ANSI escape sequences, invalid UTF-8
    /// replaced.
    private static func text(of raw: [UInt8]) -> String {
        var bytes = raw
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        if bytes.contains(0x1B) { bytes = withoutEscapeSequences(bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `bytes` without CSI sequences (ESC `[` parameters, then a final byte from `@` to `~`) and
    /// other two-byte ESC sequences.
    private static func withoutEscapeSequences(_ bytes: [UInt8]) -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x1B else {
                kept.append(bytes[index])
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: "[") {
                index += 1
                while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
            }
            index += 1
        }
        return kept
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var text = self
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
