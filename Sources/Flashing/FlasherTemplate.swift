/// A flasher command's placeholders: `{port}`, `{baud}`, `{firmware}`, `{host}`, `{ota_port}` and
/// `{password}`, inside any argument (`--port={port}`); `{{` and `}}` are literal braces. Each
/// argument stays one argument whatever a value holds: nothing is ever given to a shell.
public enum FlasherTemplate {
    /// The placeholders a command may use.
    public static let placeholders: Set<String> = ["port", "baud", "firmware", "host", "ota_port", "password"]

    /// The placeholders `command` uses.
    ///
    /// - Throws: ``FlashingError`` naming an unknown placeholder or an unmatched brace.
    public static func placeholders(in command: [String]) throws(FlashingError) -> Set<String> {
        var used: Set<String> = []
        for argument in command {
            for piece in try pieces(of: argument) {
                guard case .placeholder(let name) = piece else { continue }
                guard placeholders.contains(name) else {
                    throw FlashingError(
                        .badProfile,
                        "unknown placeholder {\(name)} in \"\(argument)\"; the placeholders are \(placeholders.sorted().map { "{\($0)}" }.joined(separator: " "))")
                }
                used.insert(name)
            }
        }
        return used
    }

    /// `command` with its placeholders replaced by `values`.
    ///
    /// - Throws: ``FlashingError`` when a placeholder it uses has no value (such as `{host}` for a
    ///   serial device), or the template is malformed.
    public static func expand(_ command: [String], with values: [String: String]) throws(FlashingError) -> [String] {
        try command.map { argument throws(FlashingError) in
            var expanded = ""
            for piece in try pieces(of: argument) {
                switch piece {
                case .text(let text): expanded += text
                case .placeholder(let name):
                    guard let value = values[name] else {
                        throw FlashingError(.badProfile, "the command uses {\(name)}, which this device does not have")
                    }
                    expanded += value
                }
            }
            return expanded
        }
    }

    private enum Piece {
        case text(String)
        case placeholder(String)
    }

    private static func pieces(of argument: String) throws(FlashingError) -> [Piece] {
        var pieces: [Piece] = []
        var text = ""
        var characters = argument[...]
        while let character = characters.popFirst() {
            switch character {
            case "{" where characters.first == "{":
                characters.removeFirst()
                text.append("{")
            case "}" where characters.first == "}":
                characters.removeFirst()
                text.append("}")
            case "{":
                guard let close = characters.firstIndex(of: "}") else {
                    throw FlashingError(.badProfile, "an unclosed { in \"\(argument)\"; write {{ for a brace")
                }
                if !text.isEmpty { pieces.append(.text(text)) }
                text = ""
                pieces.append(.placeholder(String(characters[..<close])))
                characters = characters[characters.index(after: close)...]
            case "}":
                throw FlashingError(.badProfile, "a } without { in \"\(argument)\"; write }} for a brace")
            default:
                text.append(character)
            }
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        return pieces
    }
}
