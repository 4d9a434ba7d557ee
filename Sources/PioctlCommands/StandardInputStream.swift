import ThreadSupport
#if canImport(Glibc)
import Glibc
#endif

/// Standard input as an async sequence of chunks, read on a thread of its own so that a blocking
/// read never holds one of the cooperative pool's threads. The sequence ends at end of input.
enum StandardInputStream {
    /// The chunks of standard input; the reading thread stops at end of input or a read error.
    static func chunks() throws -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        try PosixThread.detach {
            var buffer = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                continuation.yield(Array(buffer[..<count]))
            }
            continuation.finish()
        }
        return stream
    }
}
