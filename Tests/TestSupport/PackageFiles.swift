/// Files of this repository, found from this source file's path, and the form `make install` gives them.
public enum PackageFiles {
    /// The repository's root directory: this file is `<root>/Tests/TestSupport/PackageFiles.swift`.
    public static let root: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/")
    }()

    /// The service unit, with `@SBINDIR@` for the daemon's directory.
    public static let serviceUnit = "systemd/pio-agentd.service"
    /// The socket unit.
    public static let socketUnit = "systemd/pio-agentd.socket"
    /// The sysusers.d snippet.
    public static let sysusersSnippet = "systemd/sysusers.d/pio-agent.conf"
    /// The tmpfiles.d snippet.
    public static let tmpfilesSnippet = "systemd/tmpfiles.d/pio-agent.conf"
    /// The udev rules, with `@BINDIR@` for pioctl's directory.
    public static let udevRules = "udev-rules/99-pio-agent.rules"

    /// The absolute path of `relativePath` in the repository.
    public static func path(_ relativePath: String) -> String { "\(root)/\(relativePath)" }

    /// The text of the file at `relativePath` in the repository.
    public static func read(_ relativePath: String) throws -> String {
        try Files.read(path(relativePath))
    }

    /// The text of the file at `relativePath` as `make install` writes it, with `@SBINDIR@` and `@BINDIR@`
    /// replaced.
    public static func installed(_ relativePath: String, sbindir: String = "/usr/sbin", bindir: String = "/usr/bin")
        throws -> String
    {
        try read(relativePath).replacing("@SBINDIR@", with: sbindir).replacing("@BINDIR@", with: bindir)
    }
}
