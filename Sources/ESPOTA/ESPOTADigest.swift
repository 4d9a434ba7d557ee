import CCrypto

/// The digests espota uses, as lowercase hex.
enum ESPOTADigest {
    /// MD5 of `bytes`.
    static func md5(_ bytes: some Collection<UInt8>) throws(ESPOTAError) -> String {
        var digest = [UInt8](repeating: 0, count: 16)
        let status = Array(bytes).withUnsafeBytes { pio_md5($0.baseAddress, $0.count, &digest) }
        guard status == 0 else { throw unavailable() }
        return hex(digest)
    }

    /// SHA-256 of `bytes`.
    static func sha256(_ bytes: some Collection<UInt8>) throws(ESPOTAError) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        let status = Array(bytes).withUnsafeBytes { pio_sha256($0.baseAddress, $0.count, &digest) }
        guard status == 0 else { throw unavailable() }
        return hex(digest)
    }

    /// PBKDF2-HMAC-SHA256 of `password` with `salt`, 32 bytes.
    static func pbkdf2SHA256(password: String, salt: String, iterations: UInt32) throws(ESPOTAError) -> String {
        var key = [UInt8](repeating: 0, count: 32)
        let password = Array(password.utf8)
        let salt = Array(salt.utf8)
        let status = password.withUnsafeBytes { password in
            salt.withUnsafeBytes { salt in
                pio_pbkdf2_sha256(password.baseAddress, password.count, salt.baseAddress, salt.count, iterations, &key, 32)
            }
        }
        guard status == 0 else { throw unavailable() }
        return hex(key)
    }

    /// Lowercase hex of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func unavailable() -> ESPOTAError {
        let reason = pio_crypto_load_error().map { String(cString: $0) } ?? "libcrypto refused the digest"
        return ESPOTAError(.local, "cannot compute espota's digests: \(reason); install libssl3 (OpenSSL 3)")
    }
}
