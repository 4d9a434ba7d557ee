/// A service instance found by browsing, assembled from its PTR, SRV, TXT and address records.
public struct MDNSService: Sendable, Hashable {
    /// The full instance name, such as `esp32-aabbccddeeff._arduino._tcp.local`.
    public var instance: DNSName
    /// The instance's own label, such as `esp32-aabbccddeeff` (may hold spaces or dots).
    public var instanceName: String
    /// The service type without the domain, such as `_arduino._tcp`.
    public var serviceType: String
    /// The SRV target host, such as `esp32-aabbccddeeff.local`.
    public var host: String
    /// The SRV port.
    public var port: UInt16
    /// The host's IPv4 addresses, then its IPv6 ones, as text, sorted.
    public var addresses: [String]
    /// The TXT attributes.
    public var txt: TXTRecord
    /// The interface the records arrived on.
    public var interface: Int32
    /// That interface's name, such as `eth0` (set by the querier).
    public var interfaceName: String
    /// When its newest record arrived, in the cache's time (since the querier started).
    public var lastSeen: Duration

    /// Creates a service.
    public init(
        instance: DNSName, instanceName: String, serviceType: String, host: String, port: UInt16, addresses: [String],
        txt: TXTRecord, interface: Int32, interfaceName: String = "", lastSeen: Duration = .zero
    ) {
        self.instance = instance
        self.instanceName = instanceName
        self.serviceType = serviceType
        self.host = host
        self.port = port
        self.addresses = addresses
        self.txt = txt
        self.interface = interface
        self.interfaceName = interfaceName
        self.lastSeen = lastSeen
    }
}
