import ArgumentParser

/// Options of every `pioctl remote` command.
struct RemoteOptions: ParsableArguments {
    @Option(
        name: [.customShort("a"), .customLong("agent")],
        help: ArgumentHelp("Only this agent (repeat for several; default: every agent).", valueName: "name"))
    var agents: [String] = []

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for the broker.", valueName: "seconds"))
    var timeout: Double = 3

    /// ``timeout`` as a duration, checked.
    func deadline() throws -> Duration {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be more than 0 and at most 3600 seconds") }
        return .milliseconds(Int64(timeout * 1000))
    }
}
