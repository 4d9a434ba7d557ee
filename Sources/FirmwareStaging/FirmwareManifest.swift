/// What a client announces before sending an image (`firmware.begin`): a name for people, the
/// size and the SHA-256. The name is never used as a path.
public struct FirmwareManifest: Sendable, Hashable {
    /// The image's name as the client calls it, such as `firmware.bin`: 1 to 255 printable characters.
    public let name: String
    /// The image's size in bytes.
    public let size: Int
    /// The image's SHA-256, 64 lowercase hex digits.
    public let sha256: String

    /// A checked manifest.
    ///
    /// - Throws: ``FirmwareError`` of kind `.invalid` naming the field.
    public init(name: String, size: Int, sha256: String) throws(FirmwareError) {
        guard !name.isEmpty, name.unicodeScalars.count <= 255,
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw FirmwareError(.invalid, "\"name\" must be 1 to 255 printable characters, such as \"firmware.bin\"")
        }
        guard size > 0 else { throw FirmwareError(.invalid, "\"size\" must be the image's size in bytes, more than 0") }
        let digest = sha256.lowercased()
        guard digest.utf8.count == 64, digest.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw FirmwareError(.invalid, "\"sha256\" must be the image's SHA-256 as 64 hex digits")
        }
        self.name = name
        self.size = size
        self.sha256 = digest
    }
}
