public import AgentCore
public import Flashing

/// The daemon's configuration, read from TOML (default `/etc/pio-agent/agent.toml`).
///
/// Every key has a default, so an empty file (or none at the default path) is a working
/// configuration. `docs/configuration.md` describes each key.
public struct AgentConfiguration: Sendable, Hashable {
    /// `[agent]`: who this agent is.
    public struct Agent: Sendable, Hashable {
        /// The agent's name, `[A-Za-z0-9._-]{1,64}`; defaults to the host name.
        public var name: String
        /// The broker user who owns the agent (may use it remotely), or nil.
        public var owner: String?
        /// Other broker users who may use the agent remotely; `*` means every user.
        public var share: [String] = []
    }

    /// `[cloud]`: the link to the MQTT broker. Without it the agent runs local-only.
    public struct Cloud: Sendable, Hashable {
        /// The broker.
        public var url: BrokerURL
        /// PEM CA certificates to trust, or nil for the system's trust store.
        public var caFile: String?
        /// The broker user name, or nil for the agent's name.
        public var username: String?
        /// A file holding the password or token; nil falls back to `$PIO_AGENT_TOKEN`.
        public var passwordFile: String?
        /// A client certificate for mutual TLS.
        public var certFile: String?
        /// The key of `certFile`.
        public var keyFile: String?
        /// Seconds between keepalive pings (5 to 3600).
        public var keepaliveSeconds: Int = 30
        /// The topic prefix of the MQTT contract.
        public var prefix: String = RemoteTopics.defaultPrefix
        /// An ALPN protocol to offer (AWS IoT Core on port 443: `x-amzn-mqtt-ca`).
        public var alpn: String?
        /// Allows plain `mqtt://` to a host that is not loopback.
        public var allowInsecure = false
        /// Serves remote requests even when the broker does not enforce the contract's ACL.
        public var trustUnenforcedACL = false
        /// Seconds a remote serial session outlives a user who went silent (1 to 86400).
        public var sessionGraceSeconds = 60

        /// Creates a cloud section for `url` with every other key at its default.
        public init(url: BrokerURL) { self.url = url }
    }

    /// `[control]`: the local control API.
    public struct Control: Sendable, Hashable {
        /// The socket path, used when systemd does not pass a socket.
        public var socket: String = "/run/pio-agent/control.sock"
        /// The group given the socket, or nil to keep the daemon's own.
        public var group: String? = "pio-agent"
        /// The socket's permission bits; never open to others.
        public var mode: UInt32 = 0o660
    }

    /// A port udev does not see, declared in `[[devices.static]]`.
    public struct StaticPort: Sendable, Hashable {
        /// The device path, such as `/dev/pts/3` or a link made by socat or ser2net.
        public var port: String
        /// A stable identifier; defaults to `static-` and the port's name.
        public var id: String?
        /// A description for people.
        public var description: String?
        /// The board behind the port, for flasher matching.
        public var board: String?
        /// Where the port's modem lines are (`modem_lines`).
        public var modemLines: ModemLines

        /// Where a static port's modem lines (DTR, RTS and the inputs) are.
        public enum ModemLines: String, Sendable, Hashable, CaseIterable {
            /// The device's own, through the kernel's ioctls (the default).
            case device
            /// Held by the agent and wired back as a loopback plug would (DTR to DSR and CD, RTS to
            /// CTS), for ports without modem lines such as a board simulator's pty.
            case loopback
        }

        /// Creates a static port declaration.
        public init(
            port: String, id: String? = nil, description: String? = nil, board: String? = nil,
            modemLines: ModemLines = .device
        ) {
            self.port = port
            self.id = id
            self.description = description
            self.board = board
            self.modemLines = modemLines
        }
    }

    /// `[devices]`: which serial ports are listed.
    public struct Devices: Sendable, Hashable {
        /// Kernel-name globs of listed ttys.
        public var include: [String] = ["ttyUSB*", "ttyACM*", "ttyAMA*", "ttyXRUSB*", "rfcomm*", "ttyS*"]
        /// Kernel-name globs removed from the list.
        public var exclude: [String] = []
        /// Ports declared by hand.
        public var staticPorts: [StaticPort] = []
        /// The udev monitor's receive buffer in KiB.
        public var udevReceiveBufferKiB: Int = 4096
        /// How often static ports are checked for presence, in seconds.
        public var staticPollSeconds: Double = 1
    }

    /// `[mdns]`: OTA boards found by mDNS on the local networks.
    public struct MDNS: Sendable, Hashable {
        /// Whether the agent browses at all.
        public var enabled = true
        /// The DNS-SD service types browsed.
        public var services = ["_arduino._tcp", "_esphomelib._tcp", "_wled._tcp"]
        /// Interface names; empty means every up, multicast-capable, non-loopback interface.
        public var interfaces: [String] = []
    }

    /// `[firmware]`: images received for flashing.
    public struct Firmware: Sendable, Hashable {
        /// The largest image taken, in MiB; a larger one is refused before a byte moves.
        public var maxMiB = 64
        /// Transfers under way at once, at most.
        public var maxTransfers = 4
        /// The private directory the images are staged in (under the unit's StateDirectory).
        public var stagingDirectory = "/var/lib/pio-agent/firmware"
    }

    /// `[log]`: logging.
    public struct Log: Sendable, Hashable {
        /// The lowest level logged.
        public var level: LogLevel = .info
    }

    /// `[agent]`.
    public var agent: Agent
    /// `[control]`.
    public var control = Control()
    /// `[devices]`.
    public var devices = Devices()
    /// `[log]`.
    public var log = Log()
    /// `[cloud]`, or nil for local-only mode.
    public var cloud: Cloud?
    /// `[mdns]`.
    public var mdns = MDNS()
    /// `[firmware]`.
    public var firmware = Firmware()
    /// `[[flasher]]`: flasher profiles, tried before the built-in ones.
    public var flashers: [FlasherProfile] = []
    /// The file this configuration came from, or nil for built-in defaults.
    public var file: String?

    /// The built-in defaults, with the agent named after `hostName`.
    public init(hostName: String = HostName.current()) {
        agent = Agent(name: AgentName.derived(fromHostName: hostName))
    }
}
