/// The modem-control lines of a port: DTR and RTS (driven by the host), CTS, DSR, RI and CD (driven by
/// the device). `true` means asserted. In JSON, an object of six booleans named as the properties.
public struct SerialModemLines: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Data Terminal Ready (output).
    public var dtr: Bool
    /// Request To Send (output).
    public var rts: Bool
    /// Clear To Send (input).
    public var cts: Bool
    /// Data Set Ready (input).
    public var dsr: Bool
    /// Ring Indicator (input).
    public var ri: Bool
    /// Carrier Detect (input).
    public var cd: Bool

    /// Creates a state; every line not given is deasserted.
    public init(
        dtr: Bool = false, rts: Bool = false, cts: Bool = false, dsr: Bool = false, ri: Bool = false,
        cd: Bool = false
    ) {
        self.dtr = dtr
        self.rts = rts
        self.cts = cts
        self.dsr = dsr
        self.ri = ri
        self.cd = cd
    }

    /// The asserted lines, such as `DTR RTS CTS`, or `none`.
    public var description: String {
        let names = [(dtr, "DTR"), (rts, "RTS"), (cts, "CTS"), (dsr, "DSR"), (ri, "RI"), (cd, "CD")]
            .filter(\.0).map(\.1)
        return names.isEmpty ? "none" : names.joined(separator: " ")
    }
}
