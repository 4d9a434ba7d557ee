#if canImport(Glibc)
import Glibc
#endif

/// A point on the monotonic clock by which an operation must finish.
struct Deadline: Sendable {
    private let nanoseconds: UInt64?

    /// A deadline `duration` from now; nil means never.
    init(after duration: Duration?) {
        guard let duration else {
            nanoseconds = nil
            return
        }
        let (seconds, attoseconds) = duration.components
        nanoseconds = Self.now() + UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }

    /// Milliseconds left for `poll`: -1 for no deadline, 0 once it has passed.
    var pollTimeout: Int32 {
        guard let nanoseconds else { return -1 }
        let now = Self.now()
        guard nanoseconds > now else { return 0 }
        return Int32(clamping: (nanoseconds - now + 999_999) / 1_000_000)
    }

    private static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
