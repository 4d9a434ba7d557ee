public import NIOCore

/// Writes bytes to a port through the event loop, in order.
///
/// A write returns once the bytes are queued on the event loop, and waits first while the port cannot
/// take more (its queue is full, or flow control holds it): a writer faster than the line is slowed,
/// never dropped.
public struct SerialOutbound: Sendable {
    let base: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let path: String

    init(_ base: NIOAsyncChannelOutboundWriter<ByteBuffer>, path: String) {
        self.base = base
        self.path = path
    }

    /// Writes `bytes`.
    ///
    /// - Throws: ``SerialError`` of kind ``SerialError/Kind/deviceRemoved`` once the device has gone
    ///   away, or ``SerialError/Kind/write``; `CancellationError` when the task is cancelled while
    ///   waiting.
    public func write(_ bytes: ByteBuffer) async throws {
        do {
            try await base.write(bytes)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw SerialError.streaming(error, kind: .write, path: path)
        }
    }

    /// Writes several chunks in one go.
    ///
    /// - Throws: As ``write(_:)``.
    public func write(contentsOf chunks: some Sequence<ByteBuffer>) async throws {
        do {
            try await base.write(contentsOf: chunks)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw SerialError.streaming(error, kind: .write, path: path)
        }
    }
}
