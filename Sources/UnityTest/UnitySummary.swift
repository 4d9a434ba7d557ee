/// Unity's closing lines: `N Tests M Failures K Ignored`, then `OK` or `FAIL`.
public struct UnitySummary: Sendable, Hashable {
    /// The number of tests run.
    public var tests: Int
    /// The number that failed.
    public var failures: Int
    /// The number ignored.
    public var ignored: Int
    /// Whether Unity said `OK` (else `FAIL`).
    public var ok: Bool

    /// A summary.
    public init(tests: Int, failures: Int, ignored: Int, ok: Bool) {
        self.tests = tests
        self.failures = failures
        self.ignored = ignored
        self.ok = ok
    }

    /// The counts of a `N Tests M Failures K Ignored` line, or nil when the line is not one
    /// (Unity writes `Test`, `Failure` for counts of 1 in some versions; both are read).
    static func counts(of line: Substring) -> (tests: Int, failures: Int, ignored: Int)? {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 6,
            let tests = Int(words[0]), ["Tests", "Test"].contains(words[1]),
            let failures = Int(words[2]), ["Failures", "Failure"].contains(words[3]),
            let ignored = Int(words[4]), words[5] == "Ignored",
            tests >= 0, failures >= 0, ignored >= 0
        else { return nil }
        return (tests, failures, ignored)
    }
}
