public import AgentCore

/// Which devices a flasher profile is for: every field given must fit (vid and pid compare
/// without regard to case); a match with no field fits every device.
public struct DeviceMatch: Sendable, Hashable {
    /// The device's id.
    public var id: String?
    /// The USB vendor id, four hex digits.
    public var vid: String?
    /// The USB product id, four hex digits.
    public var pid: String?
    /// The board, as the inventory guesses it or a static port or mDNS record says.
    public var board: String?
    /// `serial` or `ota`.
    public var kind: String?

    /// A match on the fields given.
    public init(id: String? = nil, vid: String? = nil, pid: String? = nil, board: String? = nil, kind: String? = nil) {
        self.id = id
        self.vid = vid
        self.pid = pid
        self.board = board
        self.kind = kind
    }

    /// The names of the fields, as the configuration spells them.
    public static let keys = ["id", "vid", "pid", "board", "kind"]

    /// Whether `device` fits.
    public func matches(_ device: Device) -> Bool {
        let usb: (vid: String?, pid: String?) =
            switch device {
            case .serial(let serial): (serial.vid, serial.pid)
            case .ota: (nil, nil)
            }
        return Self.fits(id, device.id) && Self.fits(kind, device.kind) && Self.fits(board, device.board)
            && Self.fitsHex(vid, usb.vid) && Self.fitsHex(pid, usb.pid)
    }

    private static func fits(_ wanted: String?, _ actual: String?) -> Bool {
        guard let wanted else { return true }
        return wanted == actual
    }

    private static func fitsHex(_ wanted: String?, _ actual: String?) -> Bool {
        guard let wanted else { return true }
        return actual?.lowercased() == wanted.lowercased()
    }
}
