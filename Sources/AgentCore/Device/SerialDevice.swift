/// A serial port on the agent's host, as listed by `GET /v1/devices` and `pioctl devices`.
///
/// The JSON form uses snake_case keys and writes absent values as `null`, so every key is always
/// present; `kind` is always `"serial"`.
public struct SerialDevice: Sendable, Hashable {
    /// Stable identifier: from the USB serial number when there is one, else the USB path, else the
    /// kernel name (see ``SerialDevice/stableID(vendorID:productID:serialNumber:interfaceNumber:usbPath:kernelName:)``).
    public var id: String
    /// Kernel name of the tty, such as `ttyUSB0`.
    public var name: String
    /// Device node, such as `/dev/ttyUSB0`.
    public var port: String
    /// The `/dev/serial/by-id/…` link udev made for the port, if any.
    public var byID: String?
    /// The `/dev/serial/by-path/…` link udev made for the port, if any.
    public var byPath: String?
    /// Human description: the USB product (and interface) name, else `n/a`.
    public var description: String
    /// PlatformIO's hardware id, such as `USB VID:PID=10C4:EA60 SER=0001 LOCATION=1-1.3.2`, or `n/a`.
    public var hwid: String
    /// USB vendor id as four upper-case hex digits, such as `10C4`.
    public var vid: String?
    /// USB product id as four upper-case hex digits, such as `EA60`.
    public var pid: String?
    /// USB serial number string.
    public var serialNumber: String?
    /// USB manufacturer string.
    public var manufacturer: String?
    /// USB product string.
    public var product: String?
    /// The USB device's position on the bus, such as `1-1.3.2` (bus 1, ports 1.3.2).
    public var usbPath: String?
    /// The kernel driver bound to the port's device, such as `cp210x` or `cdc_acm`.
    public var driver: String?
    /// A board or bridge guessed from the VID:PID (see ``BoardCatalog``), or configured.
    public var board: String?
    /// Whether the port exists now. Only statically declared ports can be absent.
    public var present: Bool
    /// Where the agent learned about the port.
    public var source: DeviceSource
    /// When the agent first saw the port in its current run (or since it last reappeared).
    public var since: Timestamp

    /// Creates a serial device description.
    public init(
        id: String, name: String, port: String, byID: String? = nil, byPath: String? = nil,
        description: String = "n/a", hwid: String = "n/a", vid: String? = nil, pid: String? = nil,
        serialNumber: String? = nil, manufacturer: String? = nil, product: String? = nil,
        usbPath: String? = nil, driver: String? = nil, board: String? = nil,
        present: Bool = true, source: DeviceSource = .udev, since: Timestamp
    ) {
        self.id = id
        self.name = name
        self.port = port
        self.byID = byID
        self.byPath = byPath
        self.description = description
        self.hwid = hwid
        self.vid = vid
        self.pid = pid
        self.serialNumber = serialNumber
        self.manufacturer = manufacturer
        self.product = product
        self.usbPath = usbPath
        self.driver = driver
        self.board = board
        self.present = present
        self.source = source
        self.since = since
    }

    /// Whether two descriptions differ in anything but `since`, which the inventory owns.
    public func differsIgnoringSince(from other: SerialDevice) -> Bool {
        var other = other
        other.since = since
        return self != other
    }
}
