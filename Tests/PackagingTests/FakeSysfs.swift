import TestSupport

/// A made-up sysfs tree of USB devices, for `udevadm test` in ``UdevSandbox``.
///
/// This host has no USB boards, so the rules' vendor/product matching is exercised on a tree
/// written into a temporary directory and bind-mounted over /sys in a private mount namespace.
/// udev reads it like the real thing once `SYSTEMD_DEVICE_VERIFY_SYSFS=0` lets it accept a
/// directory that is not a sysfs mount: `uevent` files, `subsystem` links, attributes, and a
/// binary `descriptors` file from which its usb_id builtin derives `ID_USB_INTERFACES`.
struct FakeSysfs {
    /// A serial port the device exposes.
    struct SerialPort: Sendable {
        /// The kernel name, `ttyUSB0` (a usb-serial bridge) or `ttyACM0` (CDC-ACM).
        let kernelName: String
        /// Its char device major (188 for ttyUSB, 166 for ttyACM).
        let major: UInt32
        /// Its char device minor.
        let minor: UInt32
    }

    /// One USB device on bus 1.
    struct USBDevice: Sendable {
        /// The port path, also the device's directory name, e.g. `1-2`.
        let port: String
        /// The device number on bus 1 (its node is /dev/bus/usb/001/NNN, minor = number - 1).
        let deviceNumber: Int
        /// `idVendor`.
        let vendorID: UInt16
        /// `idProduct`.
        let productID: UInt16
        /// Class, subclass and protocol of each interface.
        let interfaces: [(UInt8, UInt8, UInt8)]
        /// The serial port on its first interface, if any.
        let serialPort: SerialPort?

        /// The device's syspath as udev sees it.
        var syspath: String { "/sys/devices/pci0000:00/0000:00:14.0/usb1/\(port)" }

        /// The serial port's syspath as udev sees it.
        var serialSyspath: String? {
            guard let serialPort else { return nil }
            let interface = "\(syspath)/\(port):1.0"
            return serialPort.kernelName.hasPrefix("ttyUSB")
                ? "\(interface)/\(serialPort.kernelName)/tty/\(serialPort.kernelName)"
                : "\(interface)/tty/\(serialPort.kernelName)"
        }

        /// The raw USB device node.
        var usbNode: UdevSandbox.DeviceNode {
            let number = String(deviceNumber)
            let padded = String(repeating: "0", count: max(0, 3 - number.count)) + number
            return UdevSandbox.DeviceNode(
                path: "/dev/bus/usb/001/\(padded)", major: 189, minor: UInt32(deviceNumber - 1))
        }

        /// The serial port's device node.
        var serialNode: UdevSandbox.DeviceNode? {
            serialPort.map { UdevSandbox.DeviceNode(path: "/dev/\($0.kernelName)", major: $0.major, minor: $0.minor) }
        }
    }

    /// Writes `devices` below `directory` (which becomes /sys); returns `directory`.
    @discardableResult
    static func write(_ devices: [USBDevice], into directory: String) throws -> String {
        for classDirectory in ["bus/usb", "bus/usb-serial", "class/tty"] {
            try Files.makeDirectories("\(directory)/\(classDirectory)")
        }
        for device in devices {
            try write(device, into: directory)
        }
        return directory
    }

    private static func write(_ device: USBDevice, into root: String) throws {
        let base = root + device.syspath.dropFirst("/sys".count)
        let node = device.usbNode
        try Files.makeDirectories(base)
        try Files.symlink("\(base)/subsystem", to: "/sys/bus/usb")
        let product = "\(String(device.vendorID, radix: 16))/\(String(device.productID, radix: 16))/100"
        try Files.write(
            """
            MAJOR=189
            MINOR=\(node.minor)
            DEVNAME=\(node.path.dropFirst("/dev/".count))
            DEVTYPE=usb_device
            PRODUCT=\(product)
            TYPE=0/0/0
            BUSNUM=001
            DEVNUM=\(node.path.suffix(3))

            """,
            to: "\(base)/uevent"
        )
        try Files.write(UdevRulesFile.AccessGrant.sysfsHex(device.vendorID) + "\n", to: "\(base)/idVendor")
        try Files.write(UdevRulesFile.AccessGrant.sysfsHex(device.productID) + "\n", to: "\(base)/idProduct")
        try Files.write("189:\(node.minor)\n", to: "\(base)/dev")
        try Files.write(descriptors(device), to: "\(base)/descriptors")

        for (number, interface) in device.interfaces.enumerated() {
            let path = "\(base)/\(device.port):1.\(number)"
            try Files.makeDirectories(path)
            try Files.symlink("\(path)/subsystem", to: "/sys/bus/usb")
            let (interfaceClass, subclass, proto) = interface
            try Files.write(
                "DEVTYPE=usb_interface\nINTERFACE=\(interfaceClass)/\(subclass)/\(proto)\n",
                to: "\(path)/uevent"
            )
            try Files.write(hexByte(interfaceClass) + "\n", to: "\(path)/bInterfaceClass")
            try Files.write(hexByte(subclass) + "\n", to: "\(path)/bInterfaceSubClass")
            try Files.write(hexByte(proto) + "\n", to: "\(path)/bInterfaceProtocol")
            try Files.write(hexByte(UInt8(number)) + "\n", to: "\(path)/bInterfaceNumber")
        }

        if let port = device.serialPort, let syspath = device.serialSyspath {
            let path = root + syspath.dropFirst("/sys".count)
            try Files.makeDirectories(path)
            if port.kernelName.hasPrefix("ttyUSB") {
                let bridgePort = Files.directory(of: Files.directory(of: path))
                try Files.symlink("\(bridgePort)/subsystem", to: "/sys/bus/usb-serial")
                try Files.write("", to: "\(bridgePort)/uevent")
            }
            try Files.symlink("\(path)/subsystem", to: "/sys/class/tty")
            try Files.write(
                "MAJOR=\(port.major)\nMINOR=\(port.minor)\nDEVNAME=\(port.kernelName)\n",
                to: "\(path)/uevent"
            )
            try Files.write("\(port.major):\(port.minor)\n", to: "\(path)/dev")
        }
    }

    /// The device, configuration and interface descriptors, as the `descriptors` attribute holds them.
    private static func descriptors(_ device: USBDevice) -> [UInt8] {
        func littleEndian(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        var bytes: [UInt8] = [18, 1, 0x00, 0x02, 0, 0, 0, 64]
        bytes += littleEndian(device.vendorID) + littleEndian(device.productID) + [0x00, 0x01, 1, 2, 3, 1]
        // Each interface has one interrupt IN endpoint; udev's usb_id ignores an interface
        // descriptor that ends the file, and real devices always have more after it.
        let totalLength = UInt16(9 + (9 + 7) * device.interfaces.count)
        bytes += [9, 2] + littleEndian(totalLength) + [UInt8(device.interfaces.count), 1, 0, 0x80, 50]
        for (number, (interfaceClass, subclass, proto)) in device.interfaces.enumerated() {
            bytes += [9, 4, UInt8(number), 0, 1, interfaceClass, subclass, proto, 0]
            bytes += [7, 5, 0x81 + UInt8(number), 0x03, 8, 0, 10]
        }
        return bytes
    }

    private static func hexByte(_ value: UInt8) -> String {
        let digits = String(value, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
}
