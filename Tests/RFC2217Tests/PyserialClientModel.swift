/// The Telnet option handling of pyserial's RFC 2217 client (`serial/rfc2217.py`, pyserial 3.5:
/// `TelnetOption.process_incoming`, `Serial._telnet_negotiate_option`, the option table built in
/// `Serial.open`), to negotiate against the server in tests. It also keeps the values of the
/// NOTIFY-MODEMSTATE subnegotiations it receives, as `Serial._telnet_process_subnegotiation` does.
struct PyserialClientModel {
    enum State: Equatable { case requested, active, inactive, reallyInactive }

    struct Option {
        let name: String
        let code: UInt8
        let sendYes: UInt8
        let sendNo: UInt8
        let ackYes: UInt8
        let ackNo: UInt8
        var state: State
    }

    static let will: UInt8 = 251, wont: UInt8 = 252, `do`: UInt8 = 253, dont: UInt8 = 254

    /// The table of `Serial.open`, in its order.
    private(set) var options = [
        Option(name: "ECHO", code: 1, sendYes: `do`, sendNo: dont, ackYes: will, ackNo: wont, state: .requested),
        Option(name: "we-SGA", code: 3, sendYes: will, sendNo: wont, ackYes: `do`, ackNo: dont, state: .requested),
        Option(name: "they-SGA", code: 3, sendYes: `do`, sendNo: dont, ackYes: will, ackNo: wont, state: .requested),
        Option(name: "they-BINARY", code: 0, sendYes: `do`, sendNo: dont, ackYes: will, ackNo: wont, state: .inactive),
        Option(name: "they-RFC2217", code: 44, sendYes: `do`, sendNo: dont, ackYes: will, ackNo: wont, state: .requested),
        Option(name: "we-BINARY", code: 0, sendYes: will, sendNo: wont, ackYes: `do`, ackNo: dont, state: .inactive),
        Option(name: "we-RFC2217", code: 44, sendYes: will, sendNo: wont, ackYes: `do`, ackNo: dont, state: .requested),
    ]
    /// The NOTIFY-MODEMSTATE values received, in order.
    private(set) var modemStates: [UInt8] = []

    /// `Serial.open`: the requests for every option still REQUESTED.
    func initialRequests() -> [UInt8] {
        options.filter { $0.state == .requested }.flatMap { [255, $0.sendYes, $0.code] }
    }

    /// The condition `Serial.open` waits for (3 s by default): every mandatory option
    /// (we-BINARY, we-RFC2217) that is not INACTIVE is active.
    var mandatoryOptionsNegotiated: Bool {
        options.filter { $0.name == "we-BINARY" || $0.name == "we-RFC2217" }
            .allSatisfy { $0.state == .active || $0.state == .inactive }
    }

    /// Whether the named option is active.
    func isActive(_ name: String) -> Bool {
        options.first { $0.name == name }?.state == .active
    }

    /// Reads the server's bytes (negotiations and subnegotiations only) and returns the answers.
    mutating func receive(_ bytes: [UInt8]) -> [UInt8] {
        var answers: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 255, index + 1 < bytes.count else {
                index += 1
                continue
            }
            let command = bytes[index + 1]
            if (251...254).contains(command), index + 2 < bytes.count {
                answers += negotiate(command, bytes[index + 2])
                index += 3
            } else if command == 250, let end = subnegotiationEnd(bytes, from: index + 2) {
                let payload = Array(bytes[(index + 2)..<end])
                if payload.count >= 3, payload[0] == 44, payload[1] == 107 { modemStates.append(payload[2]) }
                index = end + 2
            } else {
                index += 2
            }
        }
        return answers
    }

    private func subnegotiationEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 255, bytes[index + 1] == 240 { return index }
            index += bytes[index] == 255 ? 2 : 1
        }
        return nil
    }

    /// `Serial._telnet_negotiate_option` and `TelnetOption.process_incoming`.
    private mutating func negotiate(_ command: UInt8, _ code: UInt8) -> [UInt8] {
        var answers: [UInt8] = []
        var known = false
        for index in options.indices where options[index].code == code {
            known = true
            let option = options[index]
            if command == option.ackYes {
                switch option.state {
                case .requested: options[index].state = .active
                case .active: break
                case .inactive:
                    options[index].state = .active
                    answers += [255, option.sendYes, code]
                case .reallyInactive: answers += [255, option.sendNo, code]
                }
            } else if command == option.ackNo {
                switch option.state {
                case .requested: options[index].state = .inactive
                case .active:
                    options[index].state = .inactive
                    answers += [255, option.sendNo, code]
                case .inactive, .reallyInactive: break
                }
            }
        }
        if !known, command == Self.will || command == Self.do {
            answers += [255, command == Self.will ? Self.dont : Self.wont, code]
        }
        return answers
    }
}
