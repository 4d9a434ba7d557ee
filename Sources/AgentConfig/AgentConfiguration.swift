/// The daemon's configuration, read from TOML (default `/etc/pio-agent/agent.toml`).
///
/// Every key has a default, so an empty file (or none at the default path) is a working
/// configuration. `docs/configuration.md` describes each key.
public struct AgentConfiguration: Sendable, Hashable {
    /// `[agent]`: who this agent is.
    public struct Agent: Sendable, Hashable {
        /// The agent's name, `[A-Za-z0-9._-]{1,64}`; defaults to the host name.
        public var name: String
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

        /// Creates a static port declaration.
        public init(port: String, id: String? = nil, description: String? = nil, board: String? = nil) {
            self.port = port
            self.id = id
            self.description = description
            self.board = board
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
    /// The file this configuration came from, or nil for built-in defaults.
    public var file: String?

    /// The built-in defaults, with the agent named after `hostName`.
    public init(hostName: String = HostName.current()) {
        agent = Agent(name: AgentName.derived(fromHostName: hostName))
    }
}
