import Glibc
import TestSupport

extension Pseudoterminal {
    /// A daemon configuration that lists only this pty, as a static port checked every `pollSeconds`.
    func staticPortConfiguration(id: String? = "bench-pty", pollSeconds: Double = 0.1, port: String? = nil) -> String {
        """
        [devices]
        include = []
        static_poll_s = \(pollSeconds)
        [[devices.static]]
        port = "\(port ?? devicePath)"
        \(id.map { "id = \"\($0)\"" } ?? "")
        """
    }
}

/// A pty reached through a link of its own, as a board behind a `/dev/serial/by-id` link: unplugging
/// closes the pty and removes the link, so the path the agent watches is gone for good even when
/// another test's new pty reuses the number.
final class LinkedPseudoterminal: Sendable {
    let pty: Pseudoterminal
    let directory: TemporaryDirectory
    let link: String

    init() throws {
        pty = try Pseudoterminal()
        directory = try TemporaryDirectory(prefix: "pio-static-port")
        link = directory.file("board")
        guard symlink(pty.devicePath, link) == 0 else { throw TestFailure.system("symlink") }
    }

    /// The agent configuration naming the link.
    func configuration(id: String? = "bench-pty", pollSeconds: Double = 0.1) -> String {
        pty.staticPortConfiguration(id: id, pollSeconds: pollSeconds, port: link)
    }

    /// Closes the pty and removes its link.
    func unplug() {
        pty.close()
        unlink(link)
    }

    deinit {
        unplug()
        directory.remove()
    }
}
