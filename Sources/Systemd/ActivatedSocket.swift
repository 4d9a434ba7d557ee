/// A listening socket passed in by the service manager through socket activation.
public struct ActivatedSocket: Hashable, Sendable {
    /// The file descriptor, numbered from 3 (`SD_LISTEN_FDS_START`) upwards.
    public let descriptor: Int32
    /// The name from the socket unit's `FileDescriptorName=` (or `unknown` when the manager sent none).
    public let name: String

    /// Creates a value describing `descriptor` with `name`.
    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }
}
