public import NIOCore

/// The bytes a port receives, in order, as the event loop reads them (chunks of any size).
///
/// The sequence never ends normally: a tty in raw mode reports no end of file, so the end of input
/// is a hang-up and iteration throws ``SerialError/Kind/deviceRemoved``. It ends without an error
/// (`nil`) when the iterating task is cancelled. One iterator per stream.
public struct SerialInbound: AsyncSequence, Sendable {
    /// A chunk of received bytes.
    public typealias Element = ByteBuffer
    /// How the stream fails.
    public typealias Failure = SerialError

    let base: NIOAsyncChannelInboundStream<ByteBuffer>
    let path: String

    init(_ base: NIOAsyncChannelInboundStream<ByteBuffer>, path: String) {
        self.base = base
        self.path = path
    }

    /// The iterator; only one may be made.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), path: path)
    }

    /// Reads chunks until the device goes away.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let path: String
        var finished = false

        /// The next chunk; `nil` after cancellation or after the stream has failed once.
        ///
        /// - Throws: ``SerialError`` of kind ``SerialError/Kind/deviceRemoved`` at a hang-up, or
        ///   ``SerialError/Kind/read`` for another read error.
        public mutating func next() async throws(SerialError) -> ByteBuffer? {
            guard !finished else { return nil }
            do {
                if let chunk = try await base.next() { return chunk }
                finished = true
                throw SerialError(.deviceRemoved, path: path, detail: "the port hung up (end of input)")
            } catch is CancellationError {
                finished = true
                return nil
            } catch {
                finished = true
                throw SerialError.streaming(error, kind: .read, path: path)
            }
        }
    }
}
