public import AgentCore

extension SerialDevice {
    /// Describes a udev tty as a serial device.
    ///
    /// udev properties (`ID_VENDOR_ID`, `ID_SERIAL_SHORT`, …) come first; the USB parent's sysfs
    /// attributes fill what they lack, as when udevd is not running.
    public init(udev device: UdevDevice, catalog: BoardCatalog = .standard, since: Timestamp) {
        let properties = device.properties
        let usb = device.usb
        let vid = (properties["ID_VENDOR_ID"] ?? usb?.vendorID).map(Self.normalizedHex)
        let pid = (properties["ID_MODEL_ID"] ?? usb?.productID).map(Self.normalizedHex)
        let serialNumber = (properties["ID_SERIAL_SHORT"] ?? usb?.serialNumber).nonEmpty
        let manufacturer = (properties["ID_VENDOR_ENC"].map(Self.decodingUdevEscapes) ?? usb?.manufacturer).nonEmpty
        let product = (properties["ID_MODEL_ENC"].map(Self.decodingUdevEscapes) ?? usb?.product).nonEmpty
        let interfaceNumber = properties["ID_USB_INTERFACE_NUM"] ?? usb?.interfaceNumber
        let isUSB = vid != nil

        let location: String? =
            if let usb, (usb.interfaceCount ?? 1) > 1, let interfacePath = usb.interfacePath {
                interfacePath
            } else {
                usb?.path
            }
        var description = HardwareID.notApplicable
        if let product {
            description = product
            if let interfaceName = usb?.interfaceName.nonEmpty, interfaceName != product {
                description += " - \(interfaceName)"
            }
        } else if isUSB {
            description = "USB serial \(vid ?? "0000"):\(pid ?? "0000")"
        }
        let board: String? =
            if let vid, let pid, let vendorID = UInt16(vid, radix: 16), let productID = UInt16(pid, radix: 16) {
                catalog.board(vendorID: vendorID, productID: productID)
            } else {
                nil
            }

        self.init(
            id: Self.stableID(
                vendorID: vid, productID: pid, serialNumber: serialNumber, interfaceNumber: interfaceNumber,
                usbPath: isUSB ? usb?.path : nil, kernelName: device.sysname),
            name: device.sysname,
            port: device.devnode ?? "/dev/\(device.sysname)",
            byID: device.devlinks.first { $0.hasPrefix("/dev/serial/by-id/") },
            byPath: device.devlinks.first { $0.hasPrefix("/dev/serial/by-path/") },
            description: description,
            hwid: HardwareID.format(vendorID: vid, productID: pid, serialNumber: serialNumber, location: location),
            vid: vid,
            pid: pid,
            serialNumber: serialNumber,
            manufacturer: manufacturer,
            product: product,
            usbPath: usb?.path,
            driver: properties["ID_USB_DRIVER"] ?? device.driver,
            board: board,
            present: true,
            source: .udev,
            since: since
        )
    }

    /// `10c4` → `10C4`, padded to four digits.
    static func normalizedHex(_ text: String) -> String {
        let upper = text.uppercased()
        return upper.count >= 4 ? upper : String(repeating: "0", count: 4 - upper.count) + upper
    }

    /// Decodes udev's `\xNN` escapes (as in `ID_MODEL_ENC`) and trims the padding spaces.
    static func decodingUdevEscapes(_ text: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "\\"), input.count >= 3, input.first == UInt8(ascii: "x"),
                let value = UInt8(String(decoding: input.dropFirst().prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                input = input.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        let decoded = String(decoding: bytes, as: UTF8.self)
        return String(decoded.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

extension Optional where Wrapped == String {
    fileprivate var nonEmpty: String? {
        switch self {
        case .some(let text) where !text.isEmpty: text
        default: nil
        }
    }
}
