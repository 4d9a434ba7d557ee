/// A snapshot of one tty device, copied out of libudev on the monitor thread.
///
/// It holds plain values only, so it crosses freely from the udev thread to the rest of the
/// daemon; nothing in it refers back to libudev.
public struct UdevDevice: Sendable, Hashable {
    /// The USB device and interface a port hangs off.
    public struct USBParent: Sendable, Hashable {
        /// The USB device's sysfs name, its position on the bus, such as `1-1.3.2`.
        public var path: String
        /// The interface's sysfs name, such as `1-1.3.2:1.0`, when known.
        public var interfacePath: String?
        /// `idVendor`, lower-case hex as sysfs writes it.
        public var vendorID: String?
        /// `idProduct`, lower-case hex.
        public var productID: String?
        /// The `serial` string descriptor.
        public var serialNumber: String?
        /// The `manufacturer` string descriptor.
        public var manufacturer: String?
        /// The `product` string descriptor.
        public var product: String?
        /// The interface's `interface` string descriptor.
        public var interfaceName: String?
        /// `bInterfaceNumber` of the port's interface, two hex digits.
        public var interfaceNumber: String?
        /// `bNumInterfaces` of the USB device's active configuration.
        public var interfaceCount: Int?

        /// Creates USB parent details.
        public init(
            path: String, interfacePath: String? = nil, vendorID: String? = nil, productID: String? = nil,
            serialNumber: String? = nil, manufacturer: String? = nil, product: String? = nil,
            interfaceName: String? = nil, interfaceNumber: String? = nil, interfaceCount: Int? = nil
        ) {
            self.path = path
            self.interfacePath = interfacePath
            self.vendorID = vendorID
            self.productID = productID
            self.serialNumber = serialNumber
            self.manufacturer = manufacturer
            self.product = product
            self.interfaceName = interfaceName
            self.interfaceNumber = interfaceNumber
            self.interfaceCount = interfaceCount
        }
    }

    /// The event's action; nil for a device read by enumeration.
    public var action: UdevAction?
    /// The kernel name, such as `ttyUSB0`.
    public var sysname: String
    /// The sysfs path.
    public var syspath: String
    /// The device node, such as `/dev/ttyUSB0`.
    public var devnode: String?
    /// udev properties (`ID_VENDOR_ID`, `ID_SERIAL_SHORT`, `DEVLINKS`…); only kernel ones without udevd.
    public var properties: [String: String]
    /// The `/dev` links udev made for the device.
    public var devlinks: [String]
    /// The first driver bound on the way up from the tty, such as `cp210x`, `cdc_acm` or `serial`.
    public var driver: String?
    /// The serial core's `type` attribute (a `PORT_*` number; 0 means no UART behind the port).
    public var serialPortType: Int?
    /// The USB device the port belongs to, if it is a USB port.
    public var usb: USBParent?

    /// Creates a device snapshot.
    public init(
        action: UdevAction? = nil, sysname: String, syspath: String, devnode: String? = nil,
        properties: [String: String] = [:], devlinks: [String] = [], driver: String? = nil,
        serialPortType: Int? = nil, usb: USBParent? = nil
    ) {
        self.action = action
        self.sysname = sysname
        self.syspath = syspath
        self.devnode = devnode
        self.properties = properties
        self.devlinks = devlinks
        self.driver = driver
        self.serialPortType = serialPortType
        self.usb = usb
    }
}
