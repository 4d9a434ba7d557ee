import Glibc

/// Temporary changes to process-wide environment variables, undone when the body returns.
///
/// The environment is shared by every thread, so callers must run inside the serialised
/// ``ProcessWideStateTests`` suite.
public enum ProcessEnvironment {
    /// Runs `body` with each variable in `changes` set to its value, or unset for `nil`, then restores the old
    /// values.
    public static func with<Result>(
        _ changes: [String: String?],
        _ body: () throws -> Result
    ) rethrows -> Result {
        var saved: [String: String?] = [:]
        for (name, value) in changes {
            saved[name] = getenv(name).map { String(cString: $0) }
            Self.assign(name, value)
        }
        defer {
            for (name, value) in saved {
                Self.assign(name, value)
            }
        }
        return try body()
    }

    /// The current value of `name`, or `nil` when it is unset.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    private static func assign(_ name: String, _ value: String?) {
        if let value {
            setenv(name, value, 1)
        } else {
            unsetenv(name)
        }
    }
}
