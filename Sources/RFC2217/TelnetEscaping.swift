/// The Telnet rule for data: the byte 255 (IAC) is sent twice.
enum TelnetEscaping {
    /// `bytes` with every 255 doubled.
    static func escape(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(TelnetByte.iac) else { return bytes }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + bytes.count / 8 + 1)
        for byte in bytes {
            escaped.append(byte)
            if byte == TelnetByte.iac {
                escaped.append(byte)
            }
        }
        return escaped
    }
}
