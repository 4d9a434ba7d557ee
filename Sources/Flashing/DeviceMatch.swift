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
        let facts: (id: String, vid: String?, pid: String?, board: String?, kind: String) =
            switch device {
            case .serial(let serial): (serial.id, serial.vid, serial.pid, serial.board, SerialDevice.kind)
            case .ota(let ota): (ota.id, nil, nil, ota.board, OTADevice.kind)
            }
        return Self.fits(id, facts.id) && Self.fits(kind, facts.kind) && Self.fits(board, facts.board)
            && Self.fitsHex(vid, facts.vid) && Self.fitsHex(pid, facts.pid)
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
