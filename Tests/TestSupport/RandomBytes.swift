import Glibc

/// Large test payloads made and compared without holding the cooperative pool: a debug build
/// takes seconds to draw megabytes byte by byte, and with two pool threads that starves every
/// other test in the process.
public enum RandomBytes {
    /// `count` reproducible random bytes from `seed`, drawn 8 at a time on a thread of their own.
    public static func make(count: Int, seed: UInt64) async throws -> [UInt8] {
        try await blocking {
            var random = SplitMix64(seed: seed)
            return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                var index = 0
                while index < count {
                    var word = random.next()
                    for _ in 0..<min(8, count - index) {
                        buffer[index] = UInt8(truncatingIfNeeded: word)
                        word >>= 8
                        index += 1
                    }
                }
                initialized = count
            }
        }
    }

    /// Whether two byte sequences are equal, compared with `memcmp`.
    public static func equal(_ left: some Collection<UInt8>, _ right: some Collection<UInt8>) -> Bool {
        let (left, right) = (Array(left), Array(right))
        guard left.count == right.count else { return false }
        guard !left.isEmpty else { return true }
        return left.withUnsafeBytes { a in
            right.withUnsafeBytes { b in memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }
}
