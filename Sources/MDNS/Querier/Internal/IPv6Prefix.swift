/// An IPv6 address of an interface with its prefix length: the link's subnet, for telling on-link
/// sources from others (RFC 6762 §11).
struct IPv6Prefix: Sendable, Hashable {
    /// ff02::fb, the mDNS group.
    static let mdnsGroup: [UInt8] = [0xFF, 0x02] + [UInt8](repeating: 0, count: 13) + [0xFB]

    /// The address's 16 bytes, in network order.
    var bytes: [UInt8]
    /// The prefix length in bits (64 on most links).
    var length: Int

    /// Whether `address` (16 bytes) is in this subnet.
    func contains(_ address: [UInt8]) -> Bool {
        guard address.count == 16, bytes.count == 16 else { return false }
        var bits = min(max(length, 0), 128)
        for index in 0..<16 where bits > 0 {
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - min(bits, 8)))
            guard (address[index] ^ bytes[index]) & mask == 0 else { return false }
            bits -= 8
        }
        return true
    }

    /// Whether `address` (16 bytes) is link-local (fe80::/10): on the link it came in on, always.
    static func isLinkLocal(_ address: [UInt8]) -> Bool {
        address.count == 16 && address[0] == 0xFE && address[1] & 0xC0 == 0x80
    }
}
