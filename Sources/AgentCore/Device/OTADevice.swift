/// A board flashed over the air, found by mDNS service discovery (ArduinoOTA, ESPHome, WLED…).
public struct OTADevice: Sendable, Hashable {
    /// The `kind` value of every OTA device.
    public static let kind = "ota"

    /// Stable across restarts: from the service instance name, such as `mdns:esp32-aabb._arduino._tcp`.
    public var id: String
    /// The service instance name (usually the board's host name), such as `esp32-aabbccddeeff`.
    public var name: String
    /// The service type, such as `_arduino._tcp`.
    public var service: String
    /// The SRV target host, such as `esp32-aabbccddeeff.local`.
    public var host: String
    /// The host's addresses, IPv4 first.
    public var addresses: [String]
    /// The SRV port (the espota port for ArduinoOTA; ESPHome's API port for `_esphomelib._tcp`).
    public var port: Int
    /// The TXT attributes; a key without `=` has the value "".
    public var txt: [String: String]
    /// The board, from TXT `board` (ESPHome: `board`, else `platform`), or nil.
    public var board: String?
    /// Whether uploads need a password (TXT `auth_upload=yes`).
    public var authRequired: Bool
    /// The network interface it was found on.
    public var interface: String
    /// When it appeared in this run of the agent.
    public var since: Timestamp
    /// When the agent last heard from it.
    public var lastSeen: Timestamp

    /// Creates an OTA device.
    public init(
        id: String, name: String, service: String, host: String, addresses: [String], port: Int,
        txt: [String: String], board: String?, authRequired: Bool, interface: String, since: Timestamp,
        lastSeen: Timestamp
    ) {
        self.id = id
        self.name = name
        self.service = service
        self.host = host
        self.addresses = addresses
        self.port = port
        self.txt = txt
        self.board = board
        self.authRequired = authRequired
        self.interface = interface
        self.since = since
        self.lastSeen = lastSeen
    }

    /// The identifier of an instance of a service: `mdns:<instance>.<service>`, with characters
    /// outside `[A-Za-z0-9._-]` replaced by `_`.
    public static func identifier(instance: String, service: String) -> String {
        let safe = "\(instance).\(service)".unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": Character(scalar)
            default: "_"
            }
        }
        return "mdns:" + String(safe)
    }
}

extension OTADevice: Codable {
    enum CodingKeys: String, CodingKey {
        case id, kind, name, service, host, addresses, port, txt, board, interface, since, present, source
        case authRequired = "auth_required"
        case lastSeen = "last_seen"
    }

    /// Decodes a device; `kind` must be `"ota"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        guard kind == Self.kind else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "expected kind \"ota\", got \"\(kind)\"")
        }
        self.init(
            id: try container.decode(String.self, forKey: .id), name: try container.decode(String.self, forKey: .name),
            service: try container.decode(String.self, forKey: .service),
            host: try container.decode(String.self, forKey: .host),
            addresses: try container.decode([String].self, forKey: .addresses),
            port: try container.decode(Int.self, forKey: .port),
            txt: try container.decode([String: String].self, forKey: .txt),
            board: try container.decodeIfPresent(String.self, forKey: .board),
            authRequired: try container.decode(Bool.self, forKey: .authRequired),
            interface: try container.decode(String.self, forKey: .interface),
            since: try container.decode(Timestamp.self, forKey: .since),
            lastSeen: try container.decode(Timestamp.self, forKey: .lastSeen))
    }

    /// Encodes every key, `board` as `null` when unknown; `present` is always true and `source` `mdns`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(Self.kind, forKey: .kind)
        try container.encode(name, forKey: .name)
        try container.encode(service, forKey: .service)
        try container.encode(host, forKey: .host)
        try container.encode(addresses, forKey: .addresses)
        try container.encode(port, forKey: .port)
        try container.encode(txt, forKey: .txt)
        try container.encode(board, forKey: .board)
        try container.encode(authRequired, forKey: .authRequired)
        try container.encode(interface, forKey: .interface)
        try container.encode(true, forKey: .present)
        try container.encode(DeviceSource.mdns, forKey: .source)
        try container.encode(since, forKey: .since)
        try container.encode(lastSeen, forKey: .lastSeen)
    }
}
