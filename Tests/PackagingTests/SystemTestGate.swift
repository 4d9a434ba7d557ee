import Glibc
import Testing

/// Decides what happens to a test whose system requirement (root, a tool) is not met here:
/// it is skipped with the reason recorded, or, when `PIO_REQUIRE_SYSTEM_TESTS=1` (CI), it fails.
enum SystemTestGate {
    /// Thrown (and so recorded as the test's failure) when a required system test cannot run.
    struct Unavailable: Error, CustomStringConvertible {
        /// Why the test could not run.
        let description: String
    }

    /// Whether system tests must run (CI sets `PIO_REQUIRE_SYSTEM_TESTS=1`).
    static var isRequired: Bool {
        getenv("PIO_REQUIRE_SYSTEM_TESTS").map { String(cString: $0) } == "1"
    }

    /// Skips the running test with `reason`, or fails it when system tests are required.
    static func unavailable(_ reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Never {
        if isRequired {
            throw Unavailable(description: "PIO_REQUIRE_SYSTEM_TESTS=1, but this test cannot run: \(reason)")
        }
        try Test.cancel(
            "skipped: \(reason) (PIO_REQUIRE_SYSTEM_TESTS=1 makes this a failure)",
            sourceLocation: sourceLocation
        )
    }

    /// The path of `tool`, or ``unavailable(_:sourceLocation:)``.
    static func requireTool(_ tool: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        guard let path = Subprocess.locate(tool) else {
            try unavailable("\(tool) is not installed", sourceLocation: sourceLocation)
        }
        return path
    }

    /// Returns when running as root, else ``unavailable(_:sourceLocation:)``.
    static func requireRoot(_ purpose: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if geteuid() != 0 {
            try unavailable("\(purpose) needs root", sourceLocation: sourceLocation)
        }
    }
}
