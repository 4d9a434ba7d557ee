import CSystemd
import Glibc

/// The sockets this process received through socket activation (see `sd_listen_fds_with_names(3)`).
///
/// ```swift
/// let activation = try SocketActivation.adoptFromEnvironment()
/// if let control = activation.socket(named: "control") {
///     // accept connections on control.descriptor
/// }
/// ```
public struct SocketActivation: Hashable, Sendable {
    /// The name the agent's control socket unit gives its descriptor (`FileDescriptorName=control`).
    public static let controlSocketName = "control"

    /// Every socket received, in descriptor order.
    public let sockets: [ActivatedSocket]

    /// Creates a value holding `sockets`.
    public init(sockets: [ActivatedSocket]) {
        self.sockets = sockets
    }

    /// Takes ownership of the descriptors passed by the service manager.
    ///
    /// The call unsets `LISTEN_FDS`, `LISTEN_PID` and `LISTEN_FDNAMES`, so child processes do not inherit them and
    /// a second call finds no sockets: adopt once and keep the result. Every adopted descriptor is marked
    /// `FD_CLOEXEC`. Without socket activation the result is empty.
    ///
    /// - Throws: ``SystemdError`` with code ``SystemdError/Code/listenDescriptorsFailed`` when the environment is
    ///   invalid, or ``SystemdError/Code/descriptorSetupFailed`` when a descriptor cannot be marked close-on-exec.
    public static func adoptFromEnvironment() throws(SystemdError) -> SocketActivation {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = pio_sd_listen_fds_with_names(1, &names)
        // The array and each string are heap allocations owned by this function from here on.
        defer { Self.release(names) }
        if count < 0 {
            throw SystemdError(code: .listenDescriptorsFailed, returnValue: count)
        }
        var sockets: [ActivatedSocket] = []
        sockets.reserveCapacity(Int(count))
        for index in 0..<count {
            let descriptor = PIO_LISTEN_FDS_START + index
            try Self.markCloseOnExec(descriptor)
            let name = names?[Int(index)].map { String(cString: $0) } ?? "unknown"
            sockets.append(ActivatedSocket(descriptor: descriptor, name: name))
        }
        return SocketActivation(sockets: sockets)
    }

    /// The first socket called `name`, or `nil` when none is.
    public func socket(named name: String) -> ActivatedSocket? {
        self.sockets.first { $0.name == name }
    }

    /// Every socket called `name`, in descriptor order (a socket unit may pass several under one name).
    public func sockets(named name: String) -> [ActivatedSocket] {
        self.sockets.filter { $0.name == name }
    }

    /// Sets `FD_CLOEXEC` on `descriptor`, keeping its other descriptor flags.
    private static func markCloseOnExec(_ descriptor: Int32) throws(SystemdError) {
        let flags = fcntl(descriptor, F_GETFD)
        if flags < 0 || fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) < 0 {
            throw SystemdError(code: .descriptorSetupFailed, errno: Glibc.errno, detail: "descriptor \(descriptor)")
        }
    }

    /// Frees a `NULL`-terminated string array returned by `sd_listen_fds_with_names`, strings first.
    private static func release(_ names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) {
        guard let names else {
            return
        }
        var index = 0
        while let string = names[index] {
            free(string)
            index += 1
        }
        free(names)
    }
}
