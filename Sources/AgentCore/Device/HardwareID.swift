/// PlatformIO's (and pyserial's) hardware-id string for a port, as shown by `pio device list`.
public enum HardwareID {
    /// The text for ports without USB identity.
    public static let notApplicable = "n/a"

    /// `USB VID:PID=10C4:EA60 SER=0001 LOCATION=1-1.3.2`, or `n/a` without a vendor id.
    ///
    /// `SER` and `LOCATION` are left out when unknown, as pyserial does. `location` is the USB
    /// path, with `:<config>.<interface>` for devices that have several interfaces.
    public static func format(vendorID: String?, productID: String?, serialNumber: String?, location: String?)
        -> String
    {
        guard let vendorID else { return notApplicable }
        var text = "USB VID:PID=\(vendorID):\(productID ?? "0000")"
        if let serialNumber, !serialNumber.isEmpty { text += " SER=\(serialNumber)" }
        if let location, !location.isEmpty { text += " LOCATION=\(location)" }
        return text
    }
}
