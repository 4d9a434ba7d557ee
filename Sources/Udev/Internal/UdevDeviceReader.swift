import CUdev

/// Copies what the agent needs out of a `udev_device` into a ``UdevDevice`` value.
enum UdevDeviceReader {
    static func snapshot(of device: OpaquePointer, action: UdevAction?) -> UdevDevice {
        UdevDevice(
            action: action,
            sysname: string(udev_device_get_sysname(device)) ?? "",
            syspath: string(udev_device_get_syspath(device)) ?? "",
            devnode: string(udev_device_get_devnode(device)),
            properties: listEntries(udev_device_get_properties_list_entry(device)),
            devlinks: Array(listEntries(udev_device_get_devlinks_list_entry(device)).keys).sorted(),
            driver: driver(above: device),
            serialPortType: string(udev_device_get_sysattr_value(device, "type")).flatMap { Int($0) },
            usb: usbParent(of: device)
        )
    }

    /// The first bound driver from the device up, skipping the serial core's own `port`/`ctrl`
    /// devices, so a legacy UART reports `serial` and a USB bridge `cp210x` or `cdc_acm`.
    private static func driver(above device: OpaquePointer) -> String? {
        var current: OpaquePointer? = device
        while let node = current {
            if string(udev_device_get_subsystem(node)) != "serial-base", let driver = string(udev_device_get_driver(node)) {
                return driver
            }
            current = udev_device_get_parent(node)
        }
        return nil
    }

    /// The USB device and interface above a tty. Parents belong to the child; they are not unreferenced.
    private static func usbParent(of device: OpaquePointer) -> UdevDevice.USBParent? {
        guard let usbDevice = udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_device"),
            let path = string(udev_device_get_sysname(usbDevice))
        else { return nil }
        let interface = udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_interface")
        func attribute(_ node: OpaquePointer?, _ name: String) -> String? {
            guard let node else { return nil }
            return string(udev_device_get_sysattr_value(node, name))?.trimmingSpaces.nilIfEmpty
        }
        return UdevDevice.USBParent(
            path: path,
            interfacePath: interface.flatMap { string(udev_device_get_sysname($0)) },
            vendorID: attribute(usbDevice, "idVendor"),
            productID: attribute(usbDevice, "idProduct"),
            serialNumber: attribute(usbDevice, "serial"),
            manufacturer: attribute(usbDevice, "manufacturer"),
            product: attribute(usbDevice, "product"),
            interfaceName: attribute(interface, "interface"),
            interfaceNumber: attribute(interface, "bInterfaceNumber"),
            interfaceCount: attribute(usbDevice, "bNumInterfaces").flatMap { Int($0) }
        )
    }

    private static func listEntries(_ first: OpaquePointer?) -> [String: String] {
        var entries: [String: String] = [:]
        var entry = first
        while let current = entry {
            if let name = string(udev_list_entry_get_name(current)) {
                entries[name] = string(udev_list_entry_get_value(current)) ?? ""
            }
            entry = udev_list_entry_get_next(current)
        }
        return entries
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
