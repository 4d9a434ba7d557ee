import AgentCore
import ArgumentParser
import RemoteClient
#if canImport(Glibc)
import Glibc
#endif

/// `pioctl login`: stores the broker, user and password for the remote commands.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Store the broker and credentials that `pioctl remote` uses.",
        discussion: """
            Checks them by connecting (unless --no-verify), then writes \
            ~/.config/pioctl/config.toml and the password to ~/.config/pioctl/secret (mode 0600). \
            The password comes from standard input with --password-stdin, else from a prompt on a \
            terminal. In CI, set $PIOCTL_BROKER, $PIOCTL_USERNAME and $PIO_AUTH_TOKEN instead.
            """)

    @Option(name: .long, help: ArgumentHelp("The broker: mqtts://HOST[:PORT].", valueName: "url"))
    var broker: String

    @Option(name: .long, help: ArgumentHelp("Your broker user name.", valueName: "user"))
    var username: String

    @Flag(name: .long, help: "Read the password from the first line of standard input.")
    var passwordStdin = false

    @Option(name: .long, help: ArgumentHelp("The CA certificate (PEM) that signed the broker's certificate.", valueName: "path"))
    var caFile: String?

    @Flag(name: .long, help: "Store the settings without connecting first.")
    var noVerify = false

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for the broker when verifying.", valueName: "seconds"))
    var timeout: Double = 5

    func run() async throws {
        let store = ClientProfileStore()
        let profile = try await RemoteFailure.reporting { try makeProfile() }
        if !noVerify {
            try await RemoteFailure.reporting {
                try await RemoteSession.with(
                    profile: profile, subscriptions: [], deadline: .now + .milliseconds(Int64(timeout * 1000)),
                    logger: Pioctl.quietLogger
                ) { _ in }
            }
        }
        try await RemoteFailure.reporting { try store.save(profile) }
        Output.print("Logged in to \(profile.broker) as \(profile.username); settings in \(store.configurationFile)")
    }

    private func makeProfile() throws -> ClientProfile {
        let url = try ClientProfileStore.checkedBroker(broker)
        guard AgentName.isValid(username) else {
            throw ValidationError("--username must be 1 to 64 of A-Z a-z 0-9 . _ -")
        }
        var absoluteCAFile: String?
        if let caFile {
            guard let resolved = realpath(caFile, nil) else {
                throw RemoteClientError(.badProfile, "cannot read the CA file \(caFile): \(String(cString: strerror(errno)))")
            }
            defer { free(resolved) }
            absoluteCAFile = String(cString: resolved)
        }
        return ClientProfile(broker: url, username: username, password: try password(), caFile: absoluteCAFile)
    }

    /// The password: standard input's first line, a prompt on a terminal, or none.
    private func password() throws -> String? {
        if passwordStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("--password-stdin: standard input held no password")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1, let typed = getpass("Password for \(username): ") else { return nil }
        let text = String(cString: typed)
        return text.isEmpty ? nil : text
    }
}

/// `pioctl logout`: forgets what `pioctl login` stored.
struct LogoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "Remove the broker settings and password that `pioctl login` stored.")

    func run() throws {
        let store = ClientProfileStore()
        Output.print(store.remove() ? "Logged out; removed \(store.directory)/{config.toml,secret}" : "Not logged in; nothing to remove")
    }
}
