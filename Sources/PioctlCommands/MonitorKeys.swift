/// What the keys typed into an interactive monitor mean, as in miniterm and `pio device monitor`:
/// Ctrl+] quits; Ctrl+T then a key is a command (`d` DTR, `r` RTS, `b` break, `h` help; Ctrl+T or
/// Ctrl+] again sends that character itself); Enter sends the chosen end of line; everything
/// else goes to the board as it is.
struct MonitorKeys: Sendable {
    /// What a stretch of keys asks for.
    enum Action: Sendable, Hashable {
        /// Bytes for the board.
        case send([UInt8])
        /// Leave the monitor.
        case quit
        /// Toggle DTR.
        case toggleDTR
        /// Toggle RTS.
        case toggleRTS
        /// Send a break.
        case sendBreak
        /// Show the keys.
        case help
        /// Ctrl+T followed by a key that means nothing.
        case unknownCommand(UInt8)
    }

    /// Ctrl+].
    static let quitKey: UInt8 = 0x1D
    /// Ctrl+T.
    static let menuKey: UInt8 = 0x14
    /// What Enter (a carriage return from a raw terminal) sends.
    let endOfLine: [UInt8]
    private var inMenu = false

    /// Keys whose Enter sends `endOfLine`.
    init(endOfLine: [UInt8]) {
        self.endOfLine = endOfLine
    }

    /// The actions of `keys`, bytes for the board joined together.
    mutating func actions(for keys: [UInt8]) -> [Action] {
        var actions: [Action] = []
        var pending: [UInt8] = []
        func flush() {
            if !pending.isEmpty { actions.append(.send(pending)) }
            pending.removeAll()
        }
        for key in keys {
            if inMenu {
                inMenu = false
                let command: Action? =
                    switch key {
                    case UInt8(ascii: "d"), UInt8(ascii: "D"): .toggleDTR
                    case UInt8(ascii: "r"), UInt8(ascii: "R"): .toggleRTS
                    case UInt8(ascii: "b"), UInt8(ascii: "B"): .sendBreak
                    case UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "?"): .help
                    case Self.menuKey, Self.quitKey: nil
                    default: .unknownCommand(key)
                    }
                if let command {
                    flush()
                    actions.append(command)
                } else {
                    pending.append(key)
                }
                continue
            }
            switch key {
            case Self.quitKey:
                flush()
                actions.append(.quit)
                return actions
            case Self.menuKey:
                inMenu = true
            case 0x0D:
                pending += endOfLine
            default:
                pending.append(key)
            }
        }
        flush()
        return actions
    }

    /// The help text, for the terminal (lines end in CR LF: the terminal is raw).
    static let help = [
        "--- Ctrl+] quit | Ctrl+T d: toggle DTR | Ctrl+T r: toggle RTS | Ctrl+T b: send a break",
        "--- Ctrl+T h: this help | Ctrl+T Ctrl+T or Ctrl+T Ctrl+]: send that character",
    ].joined(separator: "\r\n") + "\r\n"
}
