import CLinuxShims

/// An IPv4 interface the querier may use.
struct MDNSInterface: Sendable, Hashable {
    var index: Int32
    var name: String
    /// The interface's address and netmask, in network order.
    var address: UInt32
    var netmask: UInt32

    /// Whether `source` (network order) is on this interface's subnet.
    func isOnLink(_ source: UInt32) -> Bool { source & netmask == address & netmask }

    /// The interfaces to use now: those named, or every up, multicast, non-loopback one; one
    /// address per interface.
    static func current(named names: [String]) -> [MDNSInterface] {
        var raw = [pio_ipv4_interface](repeating: pio_ipv4_interface(), count: 256)
        let count = Int(pio_ipv4_interfaces(&raw, Int32(raw.count)))
        guard count > 0 else { return [] }
        var chosen: [Int32: MDNSInterface] = [:]
        for entry in raw.prefix(count) {
            let name = withUnsafeBytes(of: entry.name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let eligible = names.isEmpty ? entry.is_up != 0 && entry.is_multicast != 0 && entry.is_loopback == 0
                : names.contains(name) && entry.is_up != 0
            guard eligible, chosen[entry.index] == nil else { continue }
            chosen[entry.index] = MDNSInterface(index: entry.index, name: name, address: entry.address, netmask: entry.netmask)
        }
        return chosen.values.sorted { $0.index < $1.index }
    }
}
