import Synchronization

/// Which client has the bridge's port, so that a second is turned away.
final class BridgeOccupancy: Sendable {
    private let holder = Mutex<String?>(nil)

    /// Takes the port for `client`; returns nil when it got it, else the client that has it.
    func claim(for client: String) -> String? {
        holder.withLock { holder in
            if let current = holder { return current }
            holder = client
            return nil
        }
    }

    /// Frees the port.
    func release() {
        holder.withLock { $0 = nil }
    }
}
