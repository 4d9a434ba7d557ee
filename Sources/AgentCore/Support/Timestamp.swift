#if canImport(Glibc)
import Glibc
#endif

/// A wall-clock instant with millisecond precision, written in JSON as an RFC 3339 UTC string
/// such as `2026-11-25T09:02:45.123Z`.
///
/// The agent uses it for `since`, `started_at` and event times; it needs no Foundation.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Milliseconds since the Unix epoch (1970-01-01T00:00:00Z).
    public var millisecondsSinceEpoch: Int64

    /// Creates a timestamp from milliseconds since the Unix epoch.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The current wall-clock time.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(millisecondsSinceEpoch: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }

    /// Orders timestamps by time.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}
