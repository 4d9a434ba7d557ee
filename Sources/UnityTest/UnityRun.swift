/// One test firmware's run on one board: what Unity reported, and why the run failed when it
/// failed before Unity could say (a flash that failed, no summary before the timeout).
public struct UnityRun: Sendable, Hashable {
    /// What the run is called in reports, such as `farm1:/dev/ttyUSB0 test_blink`.
    public var name: String
    /// The results Unity printed, in order.
    public var results: [UnityTestResult]
    /// Unity's summary, or nil when none came.
    public var summary: UnitySummary?
    /// Why the run failed outside the tests, or nil.
    public var error: String?
    /// How long the run took.
    public var duration: Duration

    /// A run.
    public init(
        name: String, results: [UnityTestResult] = [], summary: UnitySummary? = nil, error: String? = nil,
        duration: Duration = .zero
    ) {
        self.name = name
        self.results = results
        self.summary = summary
        self.error = error
        self.duration = duration
    }

    /// Whether every test passed: Unity's summary said `OK` with no failure, no result failed,
    /// and nothing failed around the tests.
    public var passed: Bool {
        guard error == nil, let summary, summary.ok, summary.failures == 0 else { return false }
        return !results.contains { if case .failed = $0.outcome { true } else { false } }
    }

    /// The number of results that failed.
    public var failedCount: Int {
        results.count { if case .failed = $0.outcome { true } else { false } }
    }

    /// The number of results that were ignored.
    public var ignoredCount: Int {
        results.count { if case .ignored = $0.outcome { true } else { false } }
    }
}
