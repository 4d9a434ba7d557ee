/// The answer of `GET /v1/status` and the source of `pioctl status`.
public struct AgentStatus: Sendable, Hashable, Codable {
    /// The daemon itself.
    public struct Agent: Sendable, Hashable, Codable {
        /// The agent's name (`[agent] name`, default the host name).
        public var name: String
        /// The daemon's version.
        public var version: String
        /// The daemon's process id.
        public var pid: Int32
        /// Seconds since the daemon started.
        public var uptimeSeconds: Double
        /// When the daemon started.
        public var startedAt: Timestamp
        /// Which udev event source the inventory follows.
        public var udevSource: UdevSource
        /// The configuration file in use, or nil when running on defaults.
        public var configFile: String?

        enum CodingKeys: String, CodingKey {
            case name, version, pid
            case uptimeSeconds = "uptime_s"
            case startedAt = "started_at"
            case udevSource = "udev_source"
            case configFile = "config_file"
        }

        /// Creates the agent section.
        public init(
            name: String, version: String, pid: Int32, uptimeSeconds: Double, startedAt: Timestamp,
            udevSource: UdevSource, configFile: String?
        ) {
            self.name = name
            self.version = version
            self.pid = pid
            self.uptimeSeconds = uptimeSeconds
            self.startedAt = startedAt
            self.udevSource = udevSource
            self.configFile = configFile
        }
    }

    /// The link to the broker.
    public struct Cloud: Sendable, Hashable, Codable {
        /// `disabled` (no `[cloud]` section), `connecting`, `connected` or `backoff`.
        public var state: String
        /// The broker URL, or nil when disabled.
        public var url: String?
        /// The broker user name, or nil when disabled.
        public var username: String?
        /// Since when the link has been up, or nil when it is down.
        public var connectedSince: Timestamp?
        /// Connections made after the first.
        public var reconnects: UInt64
        /// Why the link last failed, or nil.
        public var lastError: String?
        /// What the broker ACL self-check found: `unknown` (not yet checked), `enforced` or
        /// `unenforced`; nil when disabled.
        public var acl: String?

        enum CodingKeys: String, CodingKey {
            case state, url, username, reconnects, acl
            case connectedSince = "connected_since"
            case lastError = "last_error"
        }

        /// Creates the cloud section.
        public init(
            state: String, url: String? = nil, username: String? = nil, connectedSince: Timestamp? = nil,
            reconnects: UInt64 = 0, lastError: String? = nil, acl: String? = nil
        ) {
            self.state = state
            self.url = url
            self.username = username
            self.connectedSince = connectedSince
            self.reconnects = reconnects
            self.lastError = lastError
            self.acl = acl
        }

        /// Writes every key, absent values as `null`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(state, forKey: .state)
            try container.encode(url, forKey: .url)
            try container.encode(username, forKey: .username)
            try container.encode(connectedSince, forKey: .connectedSince)
            try container.encode(reconnects, forKey: .reconnects)
            try container.encode(lastError, forKey: .lastError)
            try container.encode(acl, forKey: .acl)
        }
    }

    /// Device counts.
    public struct Devices: Sendable, Hashable, Codable {
        /// Serial ports present now.
        public var serial: Int
        /// Declared static ports that are absent now.
        public var absent: Int
        /// OTA boards found by mDNS.
        public var ota: Int

        /// Creates the device counts.
        public init(serial: Int, absent: Int, ota: Int = 0) {
            self.serial = serial
            self.absent = absent
            self.ota = ota
        }
    }

    /// How the inventory has been kept up to date.
    public struct Inventory: Sendable, Hashable, Codable {
        /// udev events received since start.
        public var udevEvents: UInt64
        /// Full or per-device rescans since start (start-up, reannounce, overrun, reload).
        public var rescans: UInt64
        /// Monitor receive-buffer overruns (each followed by a rescan).
        public var overruns: UInt64
        /// When the last rescan finished.
        public var lastRescanAt: Timestamp?
        /// The inventory's change counter.
        public var sequence: UInt64

        enum CodingKeys: String, CodingKey {
            case rescans, overruns
            case udevEvents = "udev_events"
            case lastRescanAt = "last_rescan_at"
            case sequence = "seq"
        }

        /// Creates the inventory section.
        public init(udevEvents: UInt64, rescans: UInt64, overruns: UInt64, lastRescanAt: Timestamp?, sequence: UInt64) {
            self.udevEvents = udevEvents
            self.rescans = rescans
            self.overruns = overruns
            self.lastRescanAt = lastRescanAt
            self.sequence = sequence
        }
    }

    /// The control API.
    public struct Control: Sendable, Hashable, Codable {
        /// The socket path, or `fd:<n>` when socket-activated without a known path.
        public var socket: String
        /// Whether systemd passed the listening socket (socket activation).
        public var socketActivated: Bool
        /// Open client connections.
        public var connections: Int
        /// Clients following `GET /v1/events`.
        public var eventSubscribers: Int

        enum CodingKeys: String, CodingKey {
            case socket, connections
            case socketActivated = "socket_activated"
            case eventSubscribers = "event_subscribers"
        }

        /// Creates the control section.
        public init(socket: String, socketActivated: Bool, connections: Int, eventSubscribers: Int) {
            self.socket = socket
            self.socketActivated = socketActivated
            self.connections = connections
            self.eventSubscribers = eventSubscribers
        }
    }

    /// The daemon itself.
    public var agent: Agent
    /// The link to the broker.
    public var cloud: Cloud
    /// Device counts.
    public var devices: Devices
    /// How the inventory has been kept up to date.
    public var inventory: Inventory
    /// The control API.
    public var control: Control
    /// The live sessions (serial monitors); absent from agents without sessions.
    public var sessions: [SessionSummary]?
    /// The leases on devices (`device.lock`); absent from agents without leases.
    public var leases: [DeviceLease]?

    /// Creates a status document.
    public init(
        agent: Agent, cloud: Cloud, devices: Devices, inventory: Inventory, control: Control,
        sessions: [SessionSummary]? = nil, leases: [DeviceLease]? = nil
    ) {
        self.agent = agent
        self.cloud = cloud
        self.devices = devices
        self.inventory = inventory
        self.control = control
        self.sessions = sessions
        self.leases = leases
    }
}
