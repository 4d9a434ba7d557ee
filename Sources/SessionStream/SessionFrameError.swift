/// Why a session stream message was refused.
public struct SessionFrameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong with the message.
    public enum Reason: String, Sendable, Hashable {
        /// Shorter than a type byte and a number.
        case truncated
        /// Larger than ``SessionFrame/maximumSize``.
        case oversized
        /// A type byte other than `D`, `E` or `A`.
        case unknownType
        /// A data or event frame numbered 0 (sequences start at 1).
        case zeroSequence
        /// A data frame without bytes.
        case emptyData
        /// An event whose body is not a JSON object.
        case eventNotAnObject
        /// An acknowledgement with a body.
        case trailingBytes
    }

    /// What was wrong.
    public let reason: Reason
    /// The message's size in bytes.
    public let size: Int

    /// An error for a message of `size` bytes.
    public init(_ reason: Reason, size: Int) {
        self.reason = reason
        self.size = size
    }

    /// What happened, for logs.
    public var description: String {
        "malformed session stream message (\(reason.rawValue), \(size) bytes): dropped; the peer does not speak protocol v1"
    }
}
