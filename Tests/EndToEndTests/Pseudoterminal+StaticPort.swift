import TestSupport

extension Pseudoterminal {
    /// A daemon configuration that lists only this pty, as a static port checked every `pollSeconds`.
    func staticPortConfiguration(id: String? = "bench-pty", pollSeconds: Double = 0.1) -> String {
        """
        [devices]
        include = []
        static_poll_s = \(pollSeconds)
        [[devices.static]]
        port = "\(devicePath)"
        \(id.map { "id = \"\($0)\"" } ?? "")
        """
    }
}
