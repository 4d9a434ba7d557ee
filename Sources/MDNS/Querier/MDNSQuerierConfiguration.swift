/// What an ``MDNSQuerier`` browses, and where.
public struct MDNSQuerierConfiguration: Sendable, Hashable {
    /// The service types, such as `_arduino._tcp` (the `.local` domain is added).
    public var services: [String]
    /// Interface names to use; empty means every interface that is up, multicast-capable and
    /// not loopback (named loopback interfaces are used when listed).
    public var interfaces: [String]
    /// The most records cached.
    public var cacheCapacity: Int
    /// The UDP port (5353; tests in their own network namespace use it too).
    public var port: UInt16
    /// The longest interval between browse queries of one type once stable.
    public var browseCeiling: Duration

    /// Creates a configuration.
    public init(
        services: [String], interfaces: [String] = [], cacheCapacity: Int = 8192, port: UInt16 = 5353,
        browseCeiling: Duration = .seconds(3600)
    ) {
        self.services = services
        self.interfaces = interfaces
        self.cacheCapacity = cacheCapacity
        self.port = port
        self.browseCeiling = browseCeiling
    }

    /// The browsed types as names in `.local`, skipping any that are not valid names.
    var serviceNames: [DNSName] {
        services.compactMap { DNSName($0.hasSuffix(".local") ? $0 : $0 + ".local") }
    }
}
