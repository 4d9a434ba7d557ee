/// The rules for device identifiers written in the configuration.
enum DeviceIdentifier {
    /// 1 to 128 of `A-Z a-z 0-9 . _ - : @`: safe in URL paths, topics and file names.
    static func isValid(_ id: String) -> Bool {
        (1...128).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"),
                    UInt8(ascii: ":"), UInt8(ascii: "@"):
                    true
                default:
                    false
                }
            }
    }
}
