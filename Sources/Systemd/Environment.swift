import Glibc

/// Read access to the process environment without Foundation.
enum Environment {
    /// The value of the environment variable `name`, or `nil` when it is unset.
    static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else {
            return nil
        }
        return String(cString: raw)
    }
}
