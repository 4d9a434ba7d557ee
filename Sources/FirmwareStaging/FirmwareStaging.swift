import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The agent's private directory of incoming firmware images (the unit's StateDirectory): each
/// transfer is an exclusive file of its own, named by its id, mode 0600 in a 0700 directory, so a
/// client's name never becomes a path. Sizes and the number of transfers at once are bounded;
/// a transfer left idle is dropped with its file.
public final class FirmwareStaging: Sendable {
    /// The directory.
    public let directory: String
    /// The bounds.
    public let limits: FirmwareLimits
    private let uploads = Mutex<[String: FirmwareUpload]>([:])

    /// Staging in `directory`, created 0700 when missing; files left there by an agent that
    /// stopped mid-transfer are deleted.
    ///
    /// - Throws: ``FirmwareError`` of kind `.storage` when the directory cannot be made or read.
    public init(directory: String, limits: FirmwareLimits = FirmwareLimits()) throws(FirmwareError) {
        self.directory = directory
        self.limits = limits
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw FirmwareError(.storage, "cannot create \(directory): \(String(cString: strerror(errno))) (errno \(errno))")
        }
        guard chmod(directory, 0o700) == 0, let listing = opendir(directory) else {
            throw FirmwareError(.storage, "cannot use \(directory): \(String(cString: strerror(errno))) (errno \(errno))")
        }
        defer { closedir(listing) }
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix("upload-"), name.hasSuffix(".part") { unlink("\(directory)/\(name)") }
        }
    }

    /// Starts receiving `manifest` from `owner`, or, when `owner` already has a transfer of the
    /// same size and SHA-256 under way (an interrupted one), returns that: it goes on from
    /// ``FirmwareUpload/received``.
    ///
    /// - Throws: ``FirmwareError`` of kind `.tooLarge` before a byte moves, `.busy`, or `.storage`.
    public func begin(_ manifest: FirmwareManifest, owner: String) throws(FirmwareError) -> FirmwareUpload {
        guard manifest.size <= limits.maxBytes else {
            throw FirmwareError(
                .tooLarge, "the image has \(manifest.size) bytes, more than this agent takes (\(limits.maxBytes) bytes, [firmware] max_mib)")
        }
        return try uploads.withLock { uploads throws(FirmwareError) -> FirmwareUpload in
            if let resumed = uploads.values.first(where: {
                $0.owner == owner && $0.manifest.sha256 == manifest.sha256 && $0.manifest.size == manifest.size
            }) {
                return resumed
            }
            guard uploads.count < limits.maxTransfers else {
                throw FirmwareError(.busy, "\(uploads.count) transfers are under way, as many as this agent takes at once; try again shortly")
            }
            let id = (0..<8).map { _ in String(format2: UInt8.random(in: 0...255)) }.joined()
            let path = "\(directory)/upload-\(id).part"
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else {
                throw FirmwareError(.storage, "cannot create \(path): \(String(cString: strerror(errno))) (errno \(errno))")
            }
            guard let digest = SHA256Context() else {
                close(descriptor)
                unlink(path)
                throw FirmwareError(.storage, "cannot compute SHA-256: libcrypto (libssl3) cannot be loaded")
            }
            let upload = FirmwareUpload(id: id, manifest: manifest, owner: owner, path: path, descriptor: descriptor, digest: digest)
            uploads[id] = upload
            return upload
        }
    }

    /// Transfer `id`, when it is under way.
    public func upload(_ id: String) -> FirmwareUpload? {
        uploads.withLock { $0[id] }
    }

    /// The transfers under way.
    public var active: [FirmwareUpload] {
        uploads.withLock { Array($0.values) }
    }

    /// Ends transfer `id`: its file is deleted (after the flash, or when the client gives up).
    public func end(_ id: String) {
        uploads.withLock { $0.removeValue(forKey: id) }?.discard()
    }

    /// Drops the transfers idle longer than the limit; returns their ids.
    @discardableResult
    public func sweep(now: ContinuousClock.Instant = .now) -> [String] {
        let stale = uploads.withLock { uploads in
            let stale = uploads.values.filter { now - $0.lastActivity > limits.idleTimeout }
            for upload in stale { uploads[upload.id] = nil }
            return stale
        }
        for upload in stale { upload.discard() }
        return stale.map(\.id)
    }
}

extension String {
    /// Two lowercase hex digits.
    fileprivate init(format2 byte: UInt8) {
        self = (byte < 16 ? "0" : "") + String(byte, radix: 16)
    }
}
