import AgentCore
import TOML

extension AgentConfiguration {
    /// Parses and checks a configuration document.
    ///
    /// - Throws: ``ConfigurationError`` naming the file, line and key of the first problem:
    ///   TOML syntax, an unknown key, a wrong type or a bad value.
    public init(parsing text: String, file: String?, hostName: String = HostName.current()) throws(ConfigurationError) {
        self.init(hostName: hostName)
        self.file = file
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: text)
        } catch {
            throw ConfigurationError(file: file, line: error.location.line, key: nil, message: "invalid TOML: \(error.message)")
        }
        var root = TableReader(table: document.root, path: "", file: file)
        if var section = try root.subtable("agent") {
            try readAgent(&section)
        }
        if var section = try root.subtable("control") {
            try readControl(&section)
        }
        if var section = try root.subtable("devices") {
            try readDevices(&section)
        }
        if var section = try root.subtable("mdns") {
            try readMDNS(&section)
        }
        if var section = try root.subtable("cloud") {
            cloud = try Self.cloud(&section)
        }
        if var section = try root.subtable("firmware") {
            try readFirmware(&section)
        }
        if let entries = try root.arrayOfTables("flasher") {
            flashers = try Self.flashers(entries)
        }
        if var section = try root.subtable("log") {
            if let level = try section.string("level") {
                guard let parsed = LogLevel(rawValue: level) else {
                    throw section.error("level", "must be one of \(LogLevel.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                log.level = parsed
            }
            try section.rejectUnknownKeys(known: ["level"])
        }
        try root.rejectUnknownKeys(known: ["[agent]", "[control]", "[devices]", "[mdns]", "[cloud]", "[log]", "[firmware]", "[[flasher]]"])
    }

    private mutating func readAgent(_ section: inout TableReader) throws(ConfigurationError) {
        if let name = try section.string("name") {
            guard AgentName.isValid(name) else {
                throw section.error("name", "must be 1 to 64 of A-Z a-z 0-9 . _ - (it is the agent's broker user name)")
            }
            agent.name = name
        }
        if let owner = try section.string("owner") {
            guard AgentName.isValid(owner) else {
                throw section.error("owner", "must be a broker user name: 1 to 64 of A-Z a-z 0-9 . _ -")
            }
            agent.owner = owner
        }
        if let share = try section.strings("share") {
            guard share.allSatisfy({ $0 == "*" || AgentName.isValid($0) }) else {
                throw section.error("share", "must list broker user names (1 to 64 of A-Z a-z 0-9 . _ -) or \"*\" for everyone")
            }
            agent.share = share
        }
        try section.rejectUnknownKeys(known: ["name", "owner", "share"])
    }

    private mutating func readMDNS(_ section: inout TableReader) throws(ConfigurationError) {
        mdns.enabled = try section.bool("enabled") ?? true
        if let services = try section.strings("services") {
            let valid = services.allSatisfy { service in
                let labels = service.split(separator: ".", omittingEmptySubsequences: false)
                return labels.count == 2 && labels[0].hasPrefix("_") && labels[0].count > 1
                    && (labels[1] == "_tcp" || labels[1] == "_udp")
            }
            guard valid else {
                throw section.error("services", "must list DNS-SD service types such as \"_arduino._tcp\" (\"_name._tcp\" or \"_name._udp\")")
            }
            mdns.services = services
        }
        if let interfaces = try section.strings("interfaces") {
            guard interfaces.allSatisfy({ (1...15).contains($0.utf8.count) && !$0.contains("/") }) else {
                throw section.error("interfaces", "must list network interface names such as \"eth0\"")
            }
            mdns.interfaces = interfaces
        }
        try section.rejectUnknownKeys(known: ["enabled", "services", "interfaces"])
    }

    private mutating func readFirmware(_ section: inout TableReader) throws(ConfigurationError) {
        if let value = try section.integer("max_mib") {
            guard (1...4096).contains(value) else { throw section.error("max_mib", "must be 1 to 4096 MiB") }
            firmware.maxMiB = Int(value)
        }
        if let value = try section.integer("max_transfers") {
            guard (1...64).contains(value) else { throw section.error("max_transfers", "must be 1 to 64") }
            firmware.maxTransfers = Int(value)
        }
        if let path = try section.string("staging_dir") {
            guard path.hasPrefix("/"), path.utf8.count < 4096 else { throw section.error("staging_dir", "must be an absolute path") }
            firmware.stagingDirectory = path
        }
        try section.rejectUnknownKeys(known: ["max_mib", "max_transfers", "staging_dir"])
    }

    private mutating func readControl(_ section: inout TableReader) throws(ConfigurationError) {
        if let socket = try section.string("socket") {
            guard !socket.isEmpty, socket.utf8.count < 108 else {
                throw section.error("socket", "must be a path of 1 to 107 bytes (a Unix socket address limit)")
            }
            control.socket = socket
        }
        if let group = try section.string("group") {
            control.group = group.isEmpty ? nil : group
        }
        if let value = section.raw("mode") {
            control.mode = try Self.socketMode(value, section: section)
        }
        try section.rejectUnknownKeys(known: ["socket", "group", "mode"])
    }

    /// `mode = 0o660` or `mode = "0660"`; never readable or writable by others.
    private static func socketMode(_ value: TOMLValue, section: TableReader) throws(ConfigurationError) -> UInt32 {
        let mode: UInt32?
        switch value.kind {
        case .integer(let number): mode = (0...0o777).contains(number) ? UInt32(number) : nil
        case .string(let text): mode = UInt32(text, radix: 8).flatMap { $0 <= 0o777 ? $0 : nil }
        default: mode = nil
        }
        guard let mode else { throw section.error("mode", "must be an octal mode like 0o660 or \"0660\"") }
        guard mode & 0o007 == 0 else {
            throw section.error("mode", "must not give others access (the socket controls the boards); use 0660 and a group")
        }
        guard mode & 0o600 == 0o600 else { throw section.error("mode", "must let the daemon's user read and write (0o600)") }
        return mode
    }

    private mutating func readDevices(_ section: inout TableReader) throws(ConfigurationError) {
        for key in ["include", "exclude"] {
            guard let globs = try section.strings(key) else { continue }
            guard globs.allSatisfy({ !$0.isEmpty && !$0.contains("/") }) else {
                throw section.error(key, "must hold kernel-name globs such as \"ttyUSB*\" (no paths, no empty strings)")
            }
            if key == "include" { devices.include = globs } else { devices.exclude = globs }
        }
        if let size = try section.integer("udev_receive_buffer_kib") {
            guard (4...1_048_576).contains(size) else { throw section.error("udev_receive_buffer_kib", "must be 4 to 1048576") }
            devices.udevReceiveBufferKiB = Int(size)
        }
        if let seconds = try section.number("static_poll_s") {
            guard seconds >= 0.1, seconds <= 3600 else { throw section.error("static_poll_s", "must be 0.1 to 3600 seconds") }
            devices.staticPollSeconds = seconds
        }
        if let entries = try section.arrayOfTables("static") {
            devices.staticPorts = try Self.staticPorts(entries)
        }
        try section.rejectUnknownKeys(known: ["include", "exclude", "static", "udev_receive_buffer_kib", "static_poll_s"])
    }

    private static func staticPorts(_ entries: [TableReader]) throws(ConfigurationError) -> [StaticPort] {
        var ports: [StaticPort] = []
        for var entry in entries {
            guard let port = try entry.string("port") else {
                throw entry.error(nil, "needs a port, such as port = \"/dev/pts/3\"")
            }
            guard port.hasPrefix("/") else { throw entry.error("port", "must be an absolute path") }
            let id = try entry.string("id")
            if let id, !DeviceIdentifier.isValid(id) {
                throw entry.error("id", "must be 1 to 128 of A-Z a-z 0-9 . _ - : @")
            }
            var modemLines = StaticPort.ModemLines.device
            if let name = try entry.string("modem_lines") {
                guard let value = StaticPort.ModemLines(rawValue: name) else {
                    throw entry.error("modem_lines", "must be \"device\" or \"loopback\"")
                }
                modemLines = value
            }
            let declaration = StaticPort(
                port: port, id: id, description: try entry.string("description"), board: try entry.string("board"),
                modemLines: modemLines)
            if ports.contains(where: { $0.port == port }) {
                throw entry.error("port", "\(port) is declared twice")
            }
            if let id, ports.contains(where: { $0.id == id }) {
                throw entry.error("id", "\(id) is used twice")
            }
            try entry.rejectUnknownKeys(known: ["port", "id", "description", "board", "modem_lines"])
            ports.append(declaration)
        }
        return ports
    }
}
