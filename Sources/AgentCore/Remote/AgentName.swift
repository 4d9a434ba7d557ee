/// The rules for agent and user names: `[A-Za-z0-9._-]{1,64}`, the broker user names of the MQTT contract.
public enum AgentName {
    /// Whether `name` is a valid agent name.
    public static func isValid(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy(isAllowed)
    }

    /// A valid name made from a host name: the first label, other characters replaced with `-`.
    public static func derived(fromHostName hostName: String) -> String {
        let label = hostName.split(separator: ".").first.map(String.init) ?? ""
        let bytes = label.utf8.prefix(64).map { isAllowed($0) ? $0 : UInt8(ascii: "-") }
        let name = String(decoding: bytes, as: UTF8.self)
        return name.isEmpty ? "pio-agent" : name
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
