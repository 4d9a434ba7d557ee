import Glibc

/// The journal stream identity from `JOURNAL_STREAM`, telling whether an output descriptor is connected to the
/// journal (see `systemd.exec(5)`).
///
/// The service manager sets `JOURNAL_STREAM=<device>:<inode>` when it connects standard output or standard error
/// to systemd-journald. The variable alone is not proof, since it is inherited by children whose output was
/// redirected: the connection holds only while `fstat(2)` of the descriptor reports the same device and inode.
public struct JournalStream: Hashable, Sendable {
    /// The device number of the journal stream socket.
    public let device: UInt64
    /// The inode number of the journal stream socket.
    public let inode: UInt64

    /// Creates a stream identity from its device and inode numbers.
    public init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// Parses the `<device>:<inode>` form of `JOURNAL_STREAM` (two decimal numbers), or returns `nil`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else {
            return nil
        }
        self.init(device: device, inode: inode)
    }

    /// The identity in `JOURNAL_STREAM`, or `nil` when the variable is unset or malformed.
    public static func fromEnvironment() -> JournalStream? {
        Environment.value("JOURNAL_STREAM").flatMap(JournalStream.init(parsing:))
    }

    /// Whether standard error (descriptor 2) is connected to the journal, so records can go to the journal.
    public static var isStandardErrorConnected: Bool {
        Self.fromEnvironment()?.matches(descriptor: STDERR_FILENO) ?? false
    }

    /// Whether `descriptor` is open and refers to this journal stream (same device and inode).
    public func matches(descriptor: Int32) -> Bool {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return false
        }
        return UInt64(status.st_dev) == self.device && UInt64(status.st_ino) == self.inode
    }
}
