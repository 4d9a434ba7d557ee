import ThreadSupport

/// Uploads a firmware image to an Arduino OTA board with the espota protocol
/// (docs: `../shared/reference/mdns-ota.md` §2): a UDP invitation to the board, its password
/// challenge answered (MD5 or PBKDF2-SHA256), then the board connects back over TCP to a port of
/// this host and takes the image in acknowledged chunks, and says `OK` once it has checked it.
///
/// The protocol blocks at every step, so an upload runs on a thread of its own; cancelling the
/// calling task ends it within a tenth of a second.
public struct ESPOTAUploader: Sendable {
    /// How long each step may take.
    public var timeouts: ESPOTATimeouts
    /// The bytes sent before waiting for an acknowledgement (espota: 1460 for ESP8266, 1024 for ESP32).
    public var chunkSize: Int

    /// An uploader.
    public init(timeouts: ESPOTATimeouts = ESPOTATimeouts(), chunkSize: Int = 1460) {
        self.timeouts = timeouts
        self.chunkSize = max(1, chunkSize)
    }

    /// Uploads `image` to the board at `host` (an IPv4 address or a name) and UDP `port`, with
    /// `password` when the board asks for one; `progress` is told the bytes acknowledged so far.
    ///
    /// - Throws: ``ESPOTAError`` saying which step failed and what to check.
    public func upload(
        _ image: [UInt8], host: String, port: UInt16, password: String?, command: ESPOTACommand = .flash,
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws(ESPOTAError) -> ESPOTAReport {
        guard !image.isEmpty else { throw ESPOTAError(.local, "the image is empty") }
        let cancelled = CancellationFlag()
        let session = ESPOTASession(
            image: image, host: host, port: port, password: password, command: command, timeouts: timeouts,
            chunkSize: chunkSize, progress: progress)
        let result: Result<ESPOTAReport, ESPOTAError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                do {
                    try PosixThread.detach {
                        continuation.resume(returning: session.run(isCancelled: cancelled.isSet))
                    }
                } catch {
                    continuation.resume(returning: .failure(ESPOTAError(.local, "cannot start the upload's thread: \(error)")))
                }
            }
        } onCancel: {
            cancelled.set()
        }
        return try result.get()
    }
}
