extension SerialDevice {
    /// The stable identifier of a serial port, the same across replugs and reboots.
    ///
    /// - With a USB serial number: `usb-<VID>_<PID>-<serial>`.
    /// - Else, with a USB path: `usb-<VID>_<PID>-path-<usb path>`; stable while the board stays in
    ///   the same hub port.
    /// - Else the kernel name, such as `ttyS0`.
    ///
    /// USB ids get `-if<NN>` appended when the port is not on interface 00, which tells apart the
    /// ports of a multi-port bridge (FT2232, FT4232) that share one serial number. Characters
    /// outside `[A-Za-z0-9._-]` become `_`, so an identifier is safe in a URL path and a file name.
    public static func stableID(
        vendorID: String?, productID: String?, serialNumber: String?, interfaceNumber: String?,
        usbPath: String?, kernelName: String
    ) -> String {
        let usbPrefix = "usb-\(vendorID ?? "0000")_\(productID ?? "0000")"
        let interfaceSuffix = interfaceNumber.map { $0 == "00" ? "" : "-if\($0)" } ?? ""
        if let serialNumber, !serialNumber.isEmpty {
            return sanitized("\(usbPrefix)-\(serialNumber)\(interfaceSuffix)")
        }
        if let usbPath, !usbPath.isEmpty {
            return sanitized("\(usbPrefix)-path-\(usbPath)\(interfaceSuffix)")
        }
        return sanitized(kernelName)
    }

    private static func sanitized(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".utf8)
        let bytes = text.utf8.prefix(128).map { allowed.contains($0) ? $0 : UInt8(ascii: "_") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
