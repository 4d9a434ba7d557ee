public import Testing

/// Decides what happens when a test needs something the machine lacks.
///
/// With `PIO_REQUIRE_SYSTEM_TESTS=1` (as in CI) a missing prerequisite fails the test; otherwise the test is
/// cancelled with the reason, which the test report shows as skipped. ``requireRoot(for:sourceLocation:)`` and
/// ``requireTool(_:package:sourceLocation:)`` check the usual prerequisites.
public enum SystemTestPolicy {
    /// Whether system prerequisites are mandatory for this run.
    public static var isRequired: Bool {
        ProcessEnvironment.value("PIO_REQUIRE_SYSTEM_TESTS") == "1"
    }

    /// Stops the current test because `reason` keeps it from running: fails when required, skips otherwise.
    public static func unavailable(_ reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Never {
        if Self.isRequired {
            throw TestFailure("\(reason) (PIO_REQUIRE_SYSTEM_TESTS=1 makes this a failure)")
        }
        try Test.cancel(Comment(rawValue: reason), sourceLocation: sourceLocation)
    }

    /// Skips the current test for `reason`, whatever ``isRequired`` says; for environments that are fine as they
    /// are but cannot host the test, such as a machine with a live journald.
    public static func notApplicable(_ reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Never {
        try Test.cancel(Comment(rawValue: reason), sourceLocation: sourceLocation)
    }
}
