import CLinuxShims
import Synchronization
public import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

extension SerialPort {
    /// Runs `body` with the port's bytes flowing through the event loop, then closes the stream.
    ///
    /// The stream is a `NIOPipeBootstrap` channel over two duplicates of the port's descriptor (one to
    /// read, one to write; NIO accepts a character device, refusing only files, directories, links and
    /// block devices). The event loop owns and closes the duplicates; the port keeps its own
    /// descriptor, so ``apply(_:)``, ``setDTR(_:)``, ``setBreak(on:)``, ``purge(_:)`` and the rest
    /// work while the stream runs, and the tty is released only by ``close()``.
    ///
    /// Back-pressure holds both ways: `inbound` stops reading while its consumer is behind (the
    /// kernel's queue then fills and the device is held off, by flow control where the line has it),
    /// and a write on `outbound` waits while the port cannot take more.
    ///
    /// When the device goes away (unplugged: the driver hangs the tty up, reads end and writes fail
    /// with EIO), `inbound` throws ``SerialError/Kind/deviceRemoved`` as soon as the event loop sees the
    /// hang-up, and so do writes and the control calls from then on.
    ///
    /// - Parameters:
    ///   - eventLoopGroup: A `MultiThreadedEventLoopGroup` (or one of its loops), as `NIOPipeBootstrap`
    ///     requires.
    ///   - actor: The actor `body` runs on.
    ///   - body: Reads from `inbound` and writes to `outbound`; the stream closes when it returns.
    /// - Returns: What `body` returns.
    /// - Throws: ``SerialError`` of kind ``SerialError/Kind/streamActive`` when a stream already runs,
    ///   ``SerialError/Kind/closed`` or ``SerialError/Kind/stream``; or what `body` throws.
    public func withStream<Result>(
        on eventLoopGroup: any EventLoopGroup,
        isolation actor: isolated (any Actor)? = #isolation,
        _ body: (_ inbound: SerialInbound, _ outbound: SerialOutbound) async throws -> sending Result
    ) async throws -> sending Result {
        let (input, output) = try startStream()
        defer { endStream() }
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        // Two descriptors of our own making rather than `takingOwnershipOfDescriptor(inputOutput:)`, which
        // would hand over the control descriptor itself and make its duplicate with `try!` (a crash when
        // the process is out of descriptors).
        do {
            channel = try await NIOPipeBootstrap(group: eventLoopGroup)
                .takingOwnershipOfDescriptors(input: input, output: output) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            releaseStreamDescriptors([input, output])
            throw SerialError(
                .stream, path: path, errno: (error as? IOError)?.errnoCode ?? 0, detail: String(describing: error))
        }
        let path = self.path
        return try await channel.executeThenClose(isolation: actor) { inbound, outbound in
            try await body(SerialInbound(inbound, path: path), SerialOutbound(outbound, path: path))
        }
    }

    /// Marks the stream as running and returns two close-on-exec duplicates of the control descriptor.
    private func startStream() throws(SerialError) -> (input: Int32, output: Int32) {
        try state.withLock { state throws(SerialError) in
            guard state.descriptor >= 0 else { throw SerialError(.closed, path: path) }
            guard !state.streaming else { throw SerialError(.streamActive, path: path) }
            let input = pio_duplicate_descriptor(state.descriptor)
            guard input >= 0 else { throw SerialError(.stream, path: path, errno: errno) }
            let output = pio_duplicate_descriptor(state.descriptor)
            guard output >= 0 else {
                let code = errno
                _ = Glibc.close(input)
                throw SerialError(.stream, path: path, errno: code)
            }
            state.streaming = true
            return (input, output)
        }
    }

    /// Marks the stream as ended, and releases the control descriptor if ``close()`` came meanwhile.
    private func endStream() {
        let lingering = state.withLock { state -> Int32 in
            state.streaming = false
            defer { state.lingering = -1 }
            return state.lingering
        }
        Self.release(lingering)
    }

    /// Closes the duplicates NIO gave back after a failed start. NIO hands them back when it fails
    /// before making its channel but closes them itself when it fails later, so each is closed only
    /// if it still refers to this port's open file (kcmp); when that cannot be told, it is left open,
    /// since closing a number that may belong to someone else is worse than a leak.
    private func releaseStreamDescriptors(_ descriptors: [Int32]) {
        state.withLock { state in
            let control = state.descriptor >= 0 ? state.descriptor : state.lingering
            guard control >= 0 else { return }
            for descriptor in descriptors where pio_same_open_file(control, descriptor) == 1 {
                _ = Glibc.close(descriptor)
            }
        }
    }
}
