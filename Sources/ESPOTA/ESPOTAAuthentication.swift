/// The answer to a device's `AUTH <nonce>` challenge.
///
/// A 32-hex nonce is the MD5 protocol (ESP8266, RP2040, ESP32 up to Arduino core 3.3.0):
/// `md5(md5(password) + ":" + nonce + ":" + cnonce)`. A 64-hex nonce is the PBKDF2 protocol
/// (ESP32 core 3.3.1 on): with `pwhash` the SHA-256 (or, for a device that stored an MD5 hash,
/// the MD5) of the password, `dk = PBKDF2-HMAC-SHA256(pwhash, nonce + ":" + cnonce, 10000, 32)`
/// and the answer `sha256(dk + ":" + nonce + ":" + cnonce)`.
public enum ESPOTAAuthentication {
    /// How the device stored the password in the PBKDF2 protocol.
    public enum PasswordHash: Sendable, Hashable {
        /// SHA-256 of the password (`setPassword`), tried first.
        case sha256
        /// MD5 of the password (`setPasswordHash` with an MD5), tried when SHA-256 fails.
        case md5
    }

    /// PBKDF2's rounds in the protocol.
    static let iterations: UInt32 = 10_000

    /// Whether `nonce` is a challenge this client answers: 32 or 64 lowercase or uppercase hex digits.
    public static func isValidNonce(_ nonce: String) -> Bool {
        (nonce.utf8.count == 32 || nonce.utf8.count == 64) && nonce.utf8.allSatisfy(\.isHexDigit)
    }

    /// A client nonce as long as `nonce`, from random bytes.
    public static func clientNonce(matching nonce: String) -> String {
        ESPOTADigest.hex((0..<(nonce.utf8.count / 2)).map { _ in UInt8.random(in: 0...255) })
    }

    /// The response to `nonce` for `password`, with the client nonce `cnonce`.
    ///
    /// - Throws: ``ESPOTAError`` of kind `.refused` for a nonce that is neither protocol's, `.local`
    ///   when libcrypto is missing.
    public static func response(
        password: String, nonce: String, cnonce: String, passwordHash: PasswordHash = .sha256
    ) throws(ESPOTAError) -> String {
        guard isValidNonce(nonce) else {
            throw ESPOTAError(.refused, "the device's challenge is not 32 or 64 hex digits; is it an espota device?")
        }
        if nonce.utf8.count == 32 {
            let stored = try ESPOTADigest.md5(Array(password.utf8))
            return try ESPOTADigest.md5(Array("\(stored):\(nonce):\(cnonce)".utf8))
        }
        let stored = try passwordHash == .sha256 ? ESPOTADigest.sha256(Array(password.utf8)) : ESPOTADigest.md5(Array(password.utf8))
        let key = try ESPOTADigest.pbkdf2SHA256(password: stored, salt: "\(nonce):\(cnonce)", iterations: iterations)
        return try ESPOTADigest.sha256(Array("\(key):\(nonce):\(cnonce)".utf8))
    }
}

extension UInt8 {
    var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
