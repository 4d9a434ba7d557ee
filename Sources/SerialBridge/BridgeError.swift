/// Why the bridge cannot start or go on, with what to do about it.
public struct BridgeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What happened.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
