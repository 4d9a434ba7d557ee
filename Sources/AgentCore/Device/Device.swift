/// Any device in the agent's inventory. Every kind carries an `id`, a `kind` and a `since`.
///
/// The cases are boxed: a device is a few hundred bytes, and the inventory, its events and its
/// snapshots then hold a pointer each instead of a copy (500 boards are well within the budget).
public indirect enum Device: Sendable, Hashable {
    /// A serial port (USB serial bridge, native USB CDC, UART, or a declared static port).
    case serial(SerialDevice)
    /// A board flashed over the air, found by mDNS.
    case ota(OTADevice)

    /// The device's stable identifier, unique within one agent.
    public var id: String {
        switch self {
        case .serial(let device): device.id
        case .ota(let device): device.id
        }
    }

    /// The `kind` field of the device's JSON form.
    public var kind: String {
        switch self {
        case .serial: SerialDevice.kind
        case .ota: OTADevice.kind
        }
    }

    /// The board, as the inventory guesses it, a static port declares it or an mDNS record says.
    public var board: String? {
        switch self {
        case .serial(let device): device.board
        case .ota(let device): device.board
        }
    }

    /// When the device appeared.
    public var since: Timestamp {
        get {
            switch self {
            case .serial(let device): device.since
            case .ota(let device): device.since
            }
        }
        set {
            switch self {
            case .serial(var device):
                device.since = newValue
                self = .serial(device)
            case .ota(var device):
                device.since = newValue
                self = .ota(device)
            }
        }
    }

    /// Where the agent learned about the device.
    public var source: DeviceSource {
        switch self {
        case .serial(let device): device.source
        case .ota: .mdns
        }
    }

    /// The name people and `pioctl` use for the device, such as the kernel name `ttyUSB0`.
    public var name: String {
        switch self {
        case .serial(let device): device.name
        case .ota(let device): device.name
        }
    }

    /// Whether the device is there now.
    public var isPresent: Bool {
        switch self {
        case .serial(let device): device.present
        case .ota: true
        }
    }

    /// The same device under another identifier.
    public func withID(_ id: String) -> Device {
        switch self {
        case .serial(var device):
            device.id = id
            return .serial(device)
        case .ota(var device):
            device.id = id
            return .ota(device)
        }
    }

    /// Whether the device answers to `name`: its id, kernel name, port path or one of its links;
    /// for an OTA board its id, instance name, host or an address.
    public func matches(_ name: String) -> Bool {
        switch self {
        case .serial(let device):
            [device.id, device.name, device.port, device.byID, device.byPath].contains(name)
        case .ota(let device):
            [device.id, device.name, device.host].contains(name) || device.addresses.contains(name)
        }
    }
}

extension Device: Codable {
    private enum KindKey: String, CodingKey { case kind }

    /// Decodes a device by its `kind`.
    public init(from decoder: any Decoder) throws {
        let kind = try decoder.container(keyedBy: KindKey.self).decode(String.self, forKey: .kind)
        switch kind {
        case SerialDevice.kind: self = .serial(try SerialDevice(from: decoder))
        case OTADevice.kind: self = .ota(try OTADevice(from: decoder))
        default:
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown device kind \"\(kind)\""))
        }
    }

    /// Encodes the device as the flat object of its kind.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .serial(let device): try device.encode(to: encoder)
        case .ota(let device): try device.encode(to: encoder)
        }
    }
}
