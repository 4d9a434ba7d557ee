import Glibc

/// Readings of `CLOCK_MONOTONIC`, the clock systemd uses for `MONOTONIC_USEC`.
enum MonotonicTime {
    /// The current `CLOCK_MONOTONIC` time in microseconds.
    static func nowMicroseconds() -> UInt64 {
        var now = timespec()
        // CLOCK_MONOTONIC cannot fail with a valid timespec pointer.
        _ = clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
