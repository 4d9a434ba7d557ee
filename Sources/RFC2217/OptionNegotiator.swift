/// Telnet option negotiation for the server side, after RFC 1143's Q method, so that it never
/// answers a confirmation and never loops.
///
/// BINARY, SUPPRESS-GO-AHEAD and COM-PORT-OPTION are accepted and offered in both directions;
/// every other option is refused (`DONT` to `WILL`, `WONT` to `DO`).
struct OptionNegotiator: Sendable {
    /// What an incoming negotiation led to.
    struct Outcome: Sendable, Hashable {
        /// The bytes to send back, possibly none.
        var reply: [UInt8]
        /// Whether the client's offer or request was refused.
        var refused: Bool
    }

    /// Per option, whether the server performs it ("us" in RFC 1143).
    private var local: [TelnetOption: OptionState] = [:]
    /// Per option, whether the client performs it ("him" in RFC 1143).
    private var remote: [TelnetOption: OptionState] = [:]

    /// Whether the server performs `option`.
    func isLocallyEnabled(_ option: TelnetOption) -> Bool {
        local[option, default: .no] == .yes
    }

    /// Whether the client performs `option`.
    func isRemotelyEnabled(_ option: TelnetOption) -> Bool {
        remote[option, default: .no] == .yes
    }

    /// Asks to enable every supported option in both directions, for each side not yet enabled
    /// or asked; a second call asks nothing again.
    mutating func requestAll() -> [UInt8] {
        var wire: [UInt8] = []
        for option in TelnetOption.allCases {
            if local[option, default: .no] == .no {
                local[option] = .wantYes
                wire += NegotiationVerb.will.command(option.rawValue)
            }
            if remote[option, default: .no] == .no {
                remote[option] = .wantYes
                wire += NegotiationVerb.do.command(option.rawValue)
            }
        }
        return wire
    }

    /// Handles `IAC verb option` from the client.
    mutating func receive(_ verb: NegotiationVerb, option code: UInt8) -> Outcome {
        guard let option = TelnetOption(rawValue: code) else {
            switch verb {
            case .will: return Outcome(reply: NegotiationVerb.dont.command(code), refused: true)
            case .do: return Outcome(reply: NegotiationVerb.wont.command(code), refused: true)
            case .wont, .dont: return Outcome(reply: [], refused: false)
            }
        }
        switch verb {
        case .will:
            return Outcome(reply: enable(&remote, option, answer: .do), refused: false)
        case .wont:
            return Outcome(reply: disable(&remote, option, answer: .dont), refused: false)
        case .do:
            return Outcome(reply: enable(&local, option, answer: .will), refused: false)
        case .dont:
            return Outcome(reply: disable(&local, option, answer: .wont), refused: false)
        }
    }

    /// Takes the client's use of `option` as its agreement to both outstanding requests for it.
    ///
    /// pyserial answers nothing to a request that crosses its own unsent one: when the greeting
    /// arrives before it has sent `DO` and `WILL COM-PORT-OPTION`, it marks the option active and
    /// never sends them, so the server only learns of it from the first COM-PORT-OPTION command.
    /// An option the client refused stays refused.
    mutating func acceptImplicitly(_ option: TelnetOption) {
        if local[option] == .wantYes { local[option] = .yes }
        if remote[option] == .wantYes { remote[option] = .yes }
    }

    /// The other side offers or agrees to enable `option` on `side`.
    private func enable(
        _ side: inout [TelnetOption: OptionState], _ option: TelnetOption, answer: NegotiationVerb
    ) -> [UInt8] {
        switch side[option, default: .no] {
        case .no:
            side[option] = .yes
            return answer.command(option.rawValue)
        case .wantYes:
            side[option] = .yes
            return []
        case .yes:
            return []
        }
    }

    /// The other side refuses or withdraws `option` on `side`.
    private func disable(
        _ side: inout [TelnetOption: OptionState], _ option: TelnetOption, answer: NegotiationVerb
    ) -> [UInt8] {
        switch side[option, default: .no] {
        case .yes:
            side[option] = .no
            return answer.command(option.rawValue)
        case .wantYes:
            side[option] = .no
            return []
        case .no:
            return []
        }
    }
}
