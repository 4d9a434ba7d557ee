import CCrypto

/// An incremental SHA-256 of libcrypto.
///
/// `@unchecked Sendable`: the context is a C pointer that only its ``FirmwareUpload`` uses, always
/// under that upload's lock, so one thread at a time touches it.
final class SHA256Context: @unchecked Sendable {
    private var context: UnsafeMutableRawPointer?

    /// A new digest, or nil when libcrypto cannot be loaded.
    init?() {
        guard let context = pio_sha256_begin() else { return nil }
        self.context = context
    }

    /// Feeds `bytes`.
    func update(_ bytes: UnsafeRawBufferPointer) -> Bool {
        pio_sha256_update(context, bytes.baseAddress, bytes.count) == 0
    }

    /// The digest as lowercase hex; the context is spent.
    func finish() -> String? {
        var digest = [UInt8](repeating: 0, count: 32)
        defer { context = nil }
        guard pio_sha256_final(context, &digest) == 0 else { return nil }
        return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    deinit {
        if let context { _ = pio_sha256_final(context, nil) }
    }
}
