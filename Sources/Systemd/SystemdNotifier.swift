import CSystemd

/// Sends service state updates (`sd_notify(3)`) to the service manager that started this process.
///
/// When the service manager expects notifications (`Type=notify` or `Type=notify-reload`), it sets
/// `NOTIFY_SOCKET`. Without that variable every call is a no-op that returns `false`, so a daemon can notify
/// unconditionally:
///
/// ```swift
/// let notifier = SystemdNotifier()
/// try notifier.notify(.ready, .status("watching 3 boards"))
/// ```
///
/// Several states passed to one call travel in a single datagram, so the service manager applies them together.
public struct SystemdNotifier: Sendable {
    /// Creates a notifier. The notifier holds no resources; each call opens and closes its own socket.
    public init() {}

    /// Whether a service manager is listening, that is, whether `NOTIFY_SOCKET` is set.
    public var isEnabled: Bool {
        Environment.value("NOTIFY_SOCKET").map { !$0.isEmpty } ?? false
    }

    /// Sends `states` to the service manager in one datagram.
    ///
    /// - Parameter states: The assignments to send, in order.
    /// - Returns: `true` when the datagram was sent; `false` when there was nothing to do because
    ///   `NOTIFY_SOCKET` is unset or `states` is empty.
    /// - Throws: ``SystemdError`` with code ``SystemdError/Code/notifyFailed`` and the `errno` of the failure.
    @discardableResult
    public func notify(_ states: [State]) throws(SystemdError) -> Bool {
        guard !states.isEmpty else {
            return false
        }
        let message = Self.message(for: states)
        let result = pio_sd_notify(0, message)
        if result < 0 {
            throw SystemdError(code: .notifyFailed, returnValue: result, detail: Self.summary(of: message))
        }
        return result > 0
    }

    /// Sends `states` to the service manager in one datagram.
    ///
    /// - Returns: `true` when the datagram was sent; `false` when `NOTIFY_SOCKET` is unset or no state was given.
    /// - Throws: ``SystemdError`` with code ``SystemdError/Code/notifyFailed`` and the `errno` of the failure.
    @discardableResult
    public func notify(_ states: State...) throws(SystemdError) -> Bool {
        try self.notify(states)
    }

    /// The datagram text for `states`: their `NAME=value` assignments separated by newlines.
    public static func message(for states: [State]) -> String {
        states.flatMap(\.assignments).joined(separator: "\n")
    }

    /// The assignment names of `message`, used as error context without repeating free-form status text.
    private static func summary(of message: String) -> String {
        message.split(separator: "\n").map { $0.prefix { $0 != "=" } }.joined(separator: ",")
    }
}
