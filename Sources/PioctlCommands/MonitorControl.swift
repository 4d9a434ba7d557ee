import AgentCore

/// Carries out a monitor's typing and key actions: bytes to the board, line changes, the help
/// text; it keeps the DTR and RTS it last set (both up after open, as drivers raise them).
actor MonitorControl {
    private let line: any MonitorLine
    private var dtr = true
    private var rts = true

    init(line: any MonitorLine) {
        self.line = line
    }

    /// Carries `input` to the board until it ends or, on a terminal (`keys`), Ctrl+] is typed;
    /// with `echo`, what is sent is shown too.
    func type(_ input: AsyncStream<[UInt8]>, keys: MonitorKeys?, echo: Bool) async {
        var keys = keys
        for await chunk in input {
            guard keys != nil else {
                await line.send(chunk)
                continue
            }
            for action in keys!.actions(for: chunk) {
                if case .quit = action { return }
                if case .send(let bytes) = action, echo { MonitorDisplay.writeOut(bytes) }
                await perform(action)
            }
        }
    }

    /// Does what `action` asks; a refusal is reported on the terminal, not fatal.
    func perform(_ action: MonitorKeys.Action) async {
        switch action {
        case .send(let bytes): await line.send(bytes)
        case .quit: break
        case .help: say(MonitorKeys.help)
        case .unknownCommand(let key): say("--- unknown command key \(key); Ctrl+T h shows the keys\r\n")
        case .toggleDTR:
            if await change(["dtr": .bool(!dtr)], what: "DTR") {
                dtr.toggle()
                say("--- DTR \(dtr ? "active" : "inactive")\r\n")
            }
        case .toggleRTS:
            if await change(["rts": .bool(!rts)], what: "RTS") {
                rts.toggle()
                say("--- RTS \(rts ? "active" : "inactive")\r\n")
            }
        case .sendBreak:
            if await change(["break_ms": .number(250)], what: "break") { say("--- break sent\r\n") }
        }
    }

    private func change(_ params: [String: JSONValue], what: String) async -> Bool {
        do {
            try await line.change(params)
            return true
        } catch {
            say("--- \(what) not changed: \(error)\r\n")
            return false
        }
    }

    private func say(_ text: String) {
        StandardStream.error.write(text)
    }
}
