import NIOCore

extension SerialError {
    /// The error a stream's read or write failed with, as a ``SerialError``: an EIO, ENXIO or ENODEV,
    /// or the channel found closed (the event loop closes it at a hang-up), is ``Kind/deviceRemoved``.
    static func streaming(_ error: any Error, kind: Kind, path: String) -> SerialError {
        switch error {
        case let error as SerialError:
            return error
        case let error as IOError:
            return SerialError.failed(kind, path: path, errno: error.errnoCode)
        case let error as ChannelError
        where error == .ioOnClosedChannel || error == .alreadyClosed || error == .eof || error == .outputClosed
            || error == .inputClosed:
            return SerialError(.deviceRemoved, path: path, detail: "the port hung up (its stream is closed)")
        default:
            return SerialError(kind, path: path, detail: String(describing: error))
        }
    }
}
