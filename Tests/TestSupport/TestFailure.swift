public import Glibc

/// A failure in test set-up, naming the step and the `errno` it reported.
public struct TestFailure: Error, CustomStringConvertible {
    /// What failed, and why.
    public let description: String

    /// A failure described by `message` alone.
    public init(_ message: String) {
        self.description = message
    }

    /// A failure of the system call `step`, with the current `errno` rendered as text.
    public static func system(_ step: String, errno code: Int32 = Glibc.errno) -> TestFailure {
        let reason = strerror(code).map { String(cString: $0) } ?? "unknown error"
        return TestFailure("\(step) failed: \(reason) [errno \(code)]")
    }
}
