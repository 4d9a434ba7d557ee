/// Where the packaging files live in the package, and their installed form.
enum PackageLayout {
    /// The package root: this file is `<root>/Tests/PackagingTests/PackageLayout.swift`.
    static let root: String = rootDirectory()

    /// The service unit, with `@SBINDIR@` for the daemon's directory.
    static let serviceUnit = "systemd/pio-agentd.service"
    /// The socket unit.
    static let socketUnit = "systemd/pio-agentd.socket"
    /// The sysusers.d snippet.
    static let sysusersSnippet = "systemd/sysusers.d/pio-agent.conf"
    /// The tmpfiles.d snippet.
    static let tmpfilesSnippet = "systemd/tmpfiles.d/pio-agent.conf"
    /// The udev rules, with `@BINDIR@` for pioctl's directory.
    static let udevRules = "udev-rules/99-pio-agent.rules"

    /// The absolute path of a file given relative to the package root.
    static func path(_ relative: String) -> String {
        "\(root)/\(relative)"
    }

    /// The text of a file given relative to the package root.
    static func read(_ relative: String) throws -> String {
        try LocalFiles.read(path(relative))
    }

    /// The text of a file as `make install` writes it, with `@SBINDIR@` and `@BINDIR@` replaced.
    static func installed(_ relative: String, sbindir: String = "/usr/sbin", bindir: String = "/usr/bin") throws
        -> String
    {
        try read(relative).replacing("@SBINDIR@", with: sbindir).replacing("@BINDIR@", with: bindir)
    }

    private static func rootDirectory(filePath: String = #filePath) -> String {
        var components = filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/")
    }
}
