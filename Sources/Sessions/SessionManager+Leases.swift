public import AgentCore
import Inventory

extension SessionManager {
    /// Takes or renews `user`'s lease on the serial device `port` names (a device id, path or
    /// by-id link) for `duration` (`device.lock`).
    ///
    /// - Throws: `unknown_port`, `locked` when another user holds it, `invalid_params`.
    public func lock(_ port: String, for user: String, duration: Duration) async throws(RPCFailure) -> DeviceLease {
        try leases.lock(try await devicePath(port), for: user, duration: duration)
    }

    /// Ends the lease on the device `port` names (`device.unlock`); `breaking` lets the agent's
    /// owner end another user's.
    ///
    /// - Throws: `unknown_port`, `locked` when another user holds it and `breaking` is false.
    public func unlock(_ port: String, by user: String, breaking: Bool) async throws(RPCFailure) {
        try leases.unlock(try await devicePath(port), by: user, breaking: breaking)
    }

    private func devicePath(_ port: String) async throws(RPCFailure) -> String {
        guard case .serial(let device)? = await inventory.device(named: port) else {
            throw RPCFailure(.unknownPort, "no serial port \(port) on this agent; pioctl remote device list shows them")
        }
        return device.port
    }
}
