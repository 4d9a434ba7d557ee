/// Splits a Telnet byte stream into tokens, keeping its place across calls so that the stream
/// may arrive cut at any byte.
///
/// Its memory is bounded: a subnegotiation keeps at most `maximumSubnegotiationLength` bytes and
/// is dropped whole beyond that; everything else is returned at once.
struct TelnetParser: Sendable {
    private enum Mode: Sendable {
        case data
        case afterIAC
        case negotiation(NegotiationVerb)
        case subnegotiation
        case subnegotiationAfterIAC
    }

    /// The longest subnegotiation kept, option byte included.
    let maximumSubnegotiationLength: Int
    private var mode = Mode.data
    private var subnegotiation: [UInt8] = []
    private var subnegotiationOverflowed = false

    /// A parser at the start of a stream.
    init(maximumSubnegotiationLength: Int) {
        self.maximumSubnegotiationLength = max(0, maximumSubnegotiationLength)
    }

    /// How many bytes of an unfinished subnegotiation are kept: never more than the limit.
    var bufferedSubnegotiationLength: Int { subnegotiation.count }

    /// The tokens that `bytes` complete, consecutive data in one token.
    mutating func parse(_ bytes: [UInt8]) -> [TelnetToken] {
        var output = TokenList()
        for byte in bytes {
            consume(byte, into: &output)
        }
        return output.finish()
    }

    private mutating func consume(_ byte: UInt8, into output: inout TokenList) {
        switch mode {
        case .data:
            if byte == TelnetByte.iac {
                mode = .afterIAC
            } else {
                output.appendData(byte)
            }
        case .afterIAC:
            readCommand(byte, into: &output)
        case .negotiation(let verb):
            output.append(.negotiation(verb, option: byte))
            mode = .data
        case .subnegotiation:
            if byte == TelnetByte.iac {
                mode = .subnegotiationAfterIAC
            } else {
                keepInSubnegotiation(byte)
            }
        case .subnegotiationAfterIAC:
            switch byte {
            case TelnetByte.iac:
                keepInSubnegotiation(byte)
                mode = .subnegotiation
            case TelnetByte.se:
                output.append(subnegotiationOverflowed ? .oversizedSubnegotiation : .subnegotiation(subnegotiation))
                resetSubnegotiation()
                mode = .data
            default:
                output.append(.unterminatedSubnegotiation)
                resetSubnegotiation()
                readCommand(byte, into: &output)
            }
        }
    }

    /// Reads the byte after an IAC outside a subnegotiation.
    private mutating func readCommand(_ byte: UInt8, into output: inout TokenList) {
        if byte == TelnetByte.iac {
            output.appendData(byte)
            mode = .data
        } else if byte == TelnetByte.sb {
            mode = .subnegotiation
        } else if let verb = NegotiationVerb(rawValue: byte) {
            mode = .negotiation(verb)
        } else {
            output.append(.command(byte))
            mode = .data
        }
    }

    private mutating func keepInSubnegotiation(_ byte: UInt8) {
        if subnegotiation.count < maximumSubnegotiationLength {
            subnegotiation.append(byte)
        } else {
            subnegotiationOverflowed = true
        }
    }

    private mutating func resetSubnegotiation() {
        subnegotiation.removeAll(keepingCapacity: true)
        subnegotiationOverflowed = false
    }

    /// Tokens in order, with a run of data bytes gathered into one token.
    private struct TokenList {
        private var tokens: [TelnetToken] = []
        private var data: [UInt8] = []

        mutating func appendData(_ byte: UInt8) {
            data.append(byte)
        }

        mutating func append(_ token: TelnetToken) {
            flushData()
            tokens.append(token)
        }

        mutating func finish() -> [TelnetToken] {
            flushData()
            return tokens
        }

        private mutating func flushData() {
            guard !data.isEmpty else { return }
            tokens.append(.data(data))
            data = []
        }
    }
}
