import CLinuxShims

/// An interface the querier may use, with what decides where it browses: IPv4 when the interface
/// has an IPv4 address, IPv6 when it has a usable IPv6 address.
struct MDNSInterface: Sendable, Hashable {
    var index: Int32
    var name: String
    /// The interface's IPv4 address, in network order; nil when it has none.
    var address: UInt32?
    /// That address's netmask, in network order.
    var netmask: UInt32
    /// Its IPv6 addresses the kernel can send from (not tentative, that is past duplicate address
    /// detection), sorted; empty when the interface has no IPv6 (none yet, or IPv6 disabled on it).
    var ipv6: [IPv6Prefix]

    /// Whether the interface has IPv6, so that ff02::fb can be joined and queried on it.
    var hasIPv6: Bool { !ipv6.isEmpty }

    /// Whether `source` (network order) is on this interface's IPv4 subnet.
    func isOnLink(_ source: UInt32) -> Bool {
        guard let address else { return false }
        return source & netmask == address & netmask
    }

    /// Whether the IPv6 `source` (16 bytes) is on this link: link-local, or in one of its prefixes.
    func isOnLink(ipv6 source: [UInt8]) -> Bool {
        IPv6Prefix.isLinkLocal(source) || ipv6.contains { $0.contains(source) }
    }

    /// The interfaces to use now: those named, or every up, multicast, non-loopback one; one
    /// IPv4 address per interface, and every usable IPv6 one.
    static func current(named names: [String]) -> [MDNSInterface] {
        func eligible(_ name: String, up: Int32, multicast: Int32, loopback: Int32) -> Bool {
            names.isEmpty ? up != 0 && multicast != 0 && loopback == 0 : names.contains(name) && up != 0
        }
        var chosen: [Int32: MDNSInterface] = [:]
        var raw = [pio_ipv4_interface](repeating: pio_ipv4_interface(), count: 256)
        let count = Int(pio_ipv4_interfaces(&raw, Int32(raw.count)))
        for entry in raw.prefix(max(count, 0)) {
            let name = withUnsafeBytes(of: entry.name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard eligible(name, up: entry.is_up, multicast: entry.is_multicast, loopback: entry.is_loopback),
                chosen[entry.index] == nil
            else { continue }
            chosen[entry.index] = MDNSInterface(
                index: entry.index, name: name, address: entry.address, netmask: entry.netmask, ipv6: [])
        }
        var raw6 = [pio_ipv6_interface](repeating: pio_ipv6_interface(), count: 256)
        let count6 = Int(pio_ipv6_interfaces(&raw6, Int32(raw6.count)))
        for entry in raw6.prefix(max(count6, 0)) where entry.is_usable != 0 {
            let name = withUnsafeBytes(of: entry.name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard eligible(name, up: entry.is_up, multicast: entry.is_multicast, loopback: entry.is_loopback) else {
                continue
            }
            let prefix = IPv6Prefix(bytes: withUnsafeBytes(of: entry.address) { Array($0) }, length: Int(entry.prefix_length))
            chosen[entry.index, default: MDNSInterface(index: entry.index, name: name, address: nil, netmask: 0, ipv6: [])]
                .ipv6.append(prefix)
        }
        for index in chosen.keys { chosen[index]?.ipv6.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) } }
        return chosen.values.sorted { $0.index < $1.index }
    }
}
