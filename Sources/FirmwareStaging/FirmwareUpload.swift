import CCrypto
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One image being received into the staging directory: chunks are written in order (a chunk
/// that repeats bytes already received is taken for what it adds), the SHA-256 is computed as
/// they come, and ``finish()`` gives the file only when it is complete and its digest is the one
/// announced. The file is deleted when the upload is discarded, fails its check, or is dropped.
public final class FirmwareUpload: Sendable {
    /// The transfer's id: 16 hex digits.
    public let id: String
    /// What the client announced.
    public let manifest: FirmwareManifest
    /// Who sends it.
    public let owner: String
    /// The staged file.
    public let path: String
    private let state: Mutex<State>

    private struct State {
        var descriptor: Int32
        var received = 0
        var digest: SHA256Context?
        var lastActivity = ContinuousClock.now
        var finished = false
    }

    init(id: String, manifest: FirmwareManifest, owner: String, path: String, descriptor: Int32, digest: SHA256Context) {
        self.id = id
        self.manifest = manifest
        self.owner = owner
        self.path = path
        state = Mutex(State(descriptor: descriptor, digest: digest))
    }

    /// The bytes received so far, from the start: where the next chunk begins.
    public var received: Int { state.withLock { $0.received } }

    /// When a chunk last came.
    var lastActivity: ContinuousClock.Instant { state.withLock { $0.lastActivity } }

    /// Writes the chunk `bytes` that begins at `offset`; returns the bytes received from the start
    /// (the offset to acknowledge).
    ///
    /// - Throws: ``FirmwareError`` of kind `.outOfOrder` for a chunk past where the transfer stands
    ///   or past the announced size, `.storage` when the file cannot be written.
    public func write(_ bytes: [UInt8], at offset: Int) throws(FirmwareError) -> Int {
        try state.withLock { state throws(FirmwareError) -> Int in
            guard !state.finished, state.descriptor >= 0 else {
                throw FirmwareError(.outOfOrder, "transfer \(id) is over; begin a new one")
            }
            guard offset >= 0, offset <= state.received else {
                throw FirmwareError(.outOfOrder, "a chunk at offset \(offset), but transfer \(id) stands at \(state.received); resume from there")
            }
            guard offset + bytes.count <= manifest.size else {
                throw FirmwareError(.outOfOrder, "a chunk ending at \(offset + bytes.count), past the announced size \(manifest.size)")
            }
            state.lastActivity = .now
            // What the chunk repeats of the bytes already received is skipped.
            let fresh = bytes[min(bytes.count, state.received - offset)...]
            guard !fresh.isEmpty else { return state.received }
            let failure: FirmwareError? = fresh.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let count = pwrite(
                        state.descriptor, buffer.baseAddress! + written, buffer.count - written, off_t(state.received + written))
                    if count < 0 {
                        if errno == EINTR { continue }
                        return FirmwareError(.storage, "cannot write \(path): \(String(cString: strerror(errno))) (errno \(errno))")
                    }
                    written += count
                }
                return state.digest?.update(buffer) == true
                    ? nil : FirmwareError(.storage, "cannot compute the SHA-256: libcrypto failed")
            }
            if let failure { throw failure }
            state.received += fresh.count
            return state.received
        }
    }

    /// The staged file, once every byte has come and the SHA-256 is the announced one; a file whose
    /// digest differs is deleted.
    ///
    /// - Throws: ``FirmwareError`` of kind `.incomplete` or `.mismatch`.
    public func finish() throws(FirmwareError) -> String {
        try state.withLock { state throws(FirmwareError) -> String in
            guard state.received == manifest.size else {
                throw FirmwareError(.incomplete, "transfer \(id) has \(state.received) of \(manifest.size) bytes; send the rest from offset \(state.received)")
            }
            if state.finished { return path }
            let digest = state.digest?.finish()
            state.digest = nil
            guard let digest, digest == manifest.sha256 else {
                Self.remove(&state, path: path)
                throw FirmwareError(
                    .mismatch,
                    "the \(manifest.size) bytes received have the SHA-256 \(digest ?? "(unknown)"), not \(manifest.sha256) as announced; nothing was flashed and the file is deleted")
            }
            fsync(state.descriptor)
            close(state.descriptor)
            state.descriptor = -1
            state.finished = true
            return path
        }
    }

    /// Deletes the file.
    public func discard() {
        state.withLock { Self.remove(&$0, path: path) }
    }

    private static func remove(_ state: inout State, path: String) {
        if state.descriptor >= 0 { close(state.descriptor) }
        state.descriptor = -1
        state.finished = true
        state.digest = nil
        unlink(path)
    }

    deinit {
        state.withLock { state in
            if state.descriptor >= 0 { close(state.descriptor) }
        }
    }
}
