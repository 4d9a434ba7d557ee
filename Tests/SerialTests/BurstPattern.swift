import Glibc

/// Test bytes whose value depends on their offset, with a period of 16 MiB, so that a lost, repeated or
/// reordered chunk of a multi-MiB burst shows at the first byte out of place.
enum BurstPattern {
    /// The first 8 MiB of the pattern, made once.
    static let bytes: [UInt8] = (0..<8 * 1024 * 1024).map { offset in
        UInt8(truncatingIfNeeded: offset ^ (offset >> 8) ^ (offset >> 16))
    }

    /// The pattern from `offset`, `count` bytes (within the first 8 MiB).
    static func bytes(from offset: Int, count: Int) -> ArraySlice<UInt8> {
        bytes[offset..<offset + count]
    }

    /// The offset of the first byte in `chunk` (which starts at `offset` in the burst) that is out of
    /// place, or nil when the whole chunk is as it should be.
    static func firstMismatch(in chunk: some Collection<UInt8>, at offset: Int) -> Int? {
        guard offset + chunk.count <= bytes.count else { return max(offset, bytes.count) }
        let received = Array(chunk)
        let equal = received.withUnsafeBytes { receivedBytes in
            bytes.withUnsafeBytes { expected in
                memcmp(receivedBytes.baseAddress!, expected.baseAddress! + offset, received.count) == 0
            }
        }
        if equal || received.isEmpty { return nil }
        return offset + (received.indices.first { received[$0] != bytes[offset + $0] } ?? 0)
    }
}
