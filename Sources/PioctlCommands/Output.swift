import AgentCore

/// Writing to standard output, one write per call so that pipes see lines as they happen.
enum Output {
    static func print(_ text: String) {
        StandardStream.output.write(text + "\n")
    }

    static func printJSON(_ value: some Encodable, pretty: Bool = true) throws {
        print(String(decoding: try AgentJSON.encode(value, pretty: pretty), as: UTF8.self))
    }

    /// Whether standard output is a terminal.
    static var isTerminal: Bool { StandardStream.output.isTerminal }
}
