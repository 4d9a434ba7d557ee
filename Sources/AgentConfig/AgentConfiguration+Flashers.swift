import AgentCore
import Flashing

extension AgentConfiguration {
    /// `[[flasher]]` entries: `name`, `command` (an argv template), `match` (`id`, `vid`, `pid`,
    /// `board`, `kind`; absent: used only when named) and `timeout_s`.
    static func flashers(_ entries: [TableReader]) throws(ConfigurationError) -> [FlasherProfile] {
        var profiles: [FlasherProfile] = []
        for var entry in entries {
            guard let name = try entry.string("name") else {
                throw entry.error(nil, "needs a name, such as name = \"esp32-esptool\"")
            }
            guard DeviceIdentifier.isValid(name) else { throw entry.error("name", "must be 1 to 128 of A-Z a-z 0-9 . _ - : @") }
            guard !profiles.contains(where: { $0.name == name }) else { throw entry.error("name", "\(name) is used twice") }
            guard let command = try entry.strings("command"), let program = command.first, !program.isEmpty else {
                throw entry.error("command", "needs the program and its arguments, such as command = [\"esptool\", \"--port\", \"{port}\", \"write_flash\", \"0x0\", \"{firmware}\"]")
            }
            do throws(FlashingError) {
                let used = try FlasherTemplate.placeholders(in: command)
                guard used.contains("firmware") else {
                    throw FlashingError(.badProfile, "the command never names the image; put {firmware} where the tool takes it")
                }
            } catch {
                throw entry.error("command", error.message)
            }
            var seconds: Int64 = 120
            if let value = try entry.integer("timeout_s") {
                guard (1...86_400).contains(value) else { throw entry.error("timeout_s", "must be 1 to 86400 seconds") }
                seconds = value
            }
            let match = try entry.subtable("match").map { table throws(ConfigurationError) in try Self.deviceMatch(table) }
            try entry.rejectUnknownKeys(known: ["name", "command", "match", "timeout_s"])
            profiles.append(FlasherProfile(name: name, command: command, match: match, timeout: .seconds(seconds)))
        }
        return profiles
    }

    private static func deviceMatch(_ table: TableReader) throws(ConfigurationError) -> DeviceMatch {
        var table = table
        var match = DeviceMatch()
        match.id = try table.string("id")
        for key in ["vid", "pid"] {
            guard let value = try table.string(key) else { continue }
            guard value.utf8.count == 4, value.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x46).contains($0 & 0xDF) }) else {
                throw table.error(key, "must be four hex digits, such as \"303A\"")
            }
            if key == "vid" { match.vid = value } else { match.pid = value }
        }
        match.board = try table.string("board")
        if let kind = try table.string("kind") {
            guard kind == SerialDevice.kind || kind == OTADevice.kind else { throw table.error("kind", "must be \"serial\" or \"ota\"") }
            match.kind = kind
        }
        try table.rejectUnknownKeys(known: DeviceMatch.keys)
        return match
    }
}
