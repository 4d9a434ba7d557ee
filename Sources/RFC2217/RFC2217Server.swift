/// The server side of RFC 2217 (Telnet COM-PORT-OPTION) for one client connection, as a state
/// machine without I/O.
///
/// A session sends ``greeting()`` first, then feeds every byte from the client to
/// ``receive(_:)`` and acts on the events in order: `.data` goes to the serial port, `.reply`
/// back to the client, and each `.command` is applied to the port and then answered with
/// ``acknowledge(_:applied:)``. Data from the port goes to the client through ``encodeData(_:)``;
/// changes of the modem lines and line state go through ``modemStateChanged(_:)`` and
/// ``lineStateChanged(_:)``.
///
/// Any input is safe: malformed or unknown protocol elements are dropped and counted in
/// ``statistics``, a subnegotiation is kept up to ``maximumSubnegotiationLength`` bytes, and the
/// client's bytes may arrive split anywhere.
public struct RFC2217Server: Sendable {
    /// The subnegotiation limit unless one is given: far above the longest COM-PORT-OPTION
    /// command (SET-BAUDRATE, 6 bytes) and room for a signature.
    public static let defaultMaximumSubnegotiationLength = 256

    /// The text sent in answer to a client's SIGNATURE request.
    public let signature: String
    /// The longest subnegotiation kept, option byte included; longer ones are dropped whole.
    public var maximumSubnegotiationLength: Int { parser.maximumSubnegotiationLength }
    /// The port as last told to the server: the initial state, then each `applied` state and
    /// each modem and line change.
    public private(set) var state: SerialState
    /// Counts of the input that was dropped or refused.
    public private(set) var statistics = RFC2217Statistics()

    private var parser: TelnetParser
    private var negotiator = OptionNegotiator()
    private var modemReporter = ModemStateReporter()
    private var lineReporter = LineStateReporter()
    private var comPortAnnounced = false

    /// A server for a new connection to a port in state `initial`.
    public init(
        initial: SerialState = SerialState(),
        signature: String = "RFC2217 server",
        maximumSubnegotiationLength: Int = RFC2217Server.defaultMaximumSubnegotiationLength
    ) {
        self.state = initial
        self.signature = signature
        self.parser = TelnetParser(maximumSubnegotiationLength: maximumSubnegotiationLength)
    }

    /// Whether COM-PORT-OPTION is enabled in either direction, so that the client takes part
    /// in RFC 2217 and is sent notifications. A COM-PORT-OPTION command from the client also
    /// counts as its agreement to the server's outstanding offers (see ``greeting()``).
    public var isComPortActive: Bool {
        negotiator.isLocallyEnabled(.comPort) || negotiator.isRemotelyEnabled(.comPort)
    }

    /// The client's SET-LINESTATE-MASK (initially empty).
    public var lineStateMask: LineState { lineReporter.mask }

    /// The client's SET-MODEMSTATE-MASK (initially every bit).
    public var modemStateMask: ModemState { modemReporter.mask }

    /// Whether the server performs `option` (it sent WILL and the client DO, or the reverse).
    public func isEnabledByServer(_ option: TelnetOption) -> Bool {
        negotiator.isLocallyEnabled(option)
    }

    /// Whether the client performs `option`.
    public func isEnabledByClient(_ option: TelnetOption) -> Bool {
        negotiator.isRemotelyEnabled(option)
    }

    /// What to send as soon as the client connects: `WILL` and `DO` for BINARY,
    /// SUPPRESS-GO-AHEAD and COM-PORT-OPTION. Later calls return only what is still unasked.
    ///
    /// pyserial does not answer these offers when they reach it before it has sent its own
    /// requests: it marks the options active and stays silent. The server then takes the
    /// client's first COM-PORT-OPTION command as its agreement, and sends the first
    /// NOTIFY-MODEMSTATE before that command's event.
    public mutating func greeting() -> [UInt8] {
        negotiator.requestAll()
    }

    /// The events that the client's `bytes` complete, in order.
    public mutating func receive(_ bytes: [UInt8]) -> [RFC2217Event] {
        var events = EventList()
        for token in parser.parse(bytes) {
            handle(token, into: &events)
        }
        return events.events
    }

    /// Serial data from the port in wire form, with every 255 doubled.
    public func encodeData(_ bytes: [UInt8]) -> [UInt8] {
        TelnetEscaping.escape(bytes)
    }

    /// The answer to `command` once the session has applied it, `applied` being the port's
    /// state afterwards: the server's code (the client's plus 100) with the value in force, or
    /// nothing for commands that RFC 2217 does not acknowledge (a client's signature,
    /// FLOWCONTROL-SUSPEND and -RESUME). A request for the modem state is answered with
    /// NOTIFY-MODEMSTATE, whatever the mask.
    public mutating func acknowledge(_ command: RFC2217Command, applied: SerialState) -> [UInt8] {
        state = applied
        if command == .requestModemState {
            let value = modemReporter.snapshot(applied.modemLines)
            return ComPortReplyEncoder.serverCommand(answering: ComPortCode.notifyModemState, value: [value.rawValue])
        }
        return ComPortReplyEncoder.acknowledgement(
            of: command, state: applied, signature: signature,
            lineStateMask: lineReporter.mask, modemStateMask: modemReporter.mask
        )
    }

    /// The NOTIFY-MODEMSTATE to send now that the modem input lines are `lines`, or nil when no
    /// line changed, the client's mask leaves nothing, or COM-PORT-OPTION is not active. Only
    /// the ``ModemState/lines`` bits of `lines` are read; the value sent carries the change flags
    /// since the last report.
    public mutating func modemStateChanged(_ lines: ModemState) -> [UInt8]? {
        state.modemLines = lines.intersection(.lines)
        guard isComPortActive, let value = modemReporter.change(to: lines) else { return nil }
        return ComPortReplyEncoder.serverCommand(answering: ComPortCode.notifyModemState, value: [value.rawValue])
    }

    /// The NOTIFY-LINESTATE to send now that the line state is `lineState`, or nil when it did
    /// not change, the client's mask (initially empty) leaves nothing, or COM-PORT-OPTION is not
    /// active.
    public mutating func lineStateChanged(_ lineState: LineState) -> [UInt8]? {
        state.lineState = lineState
        guard isComPortActive, let value = lineReporter.change(to: lineState) else { return nil }
        return ComPortReplyEncoder.serverCommand(answering: ComPortCode.notifyLineState, value: [value.rawValue])
    }

    private mutating func handle(_ token: TelnetToken, into events: inout EventList) {
        switch token {
        case .data(let bytes):
            events.appendData(bytes)
        case .negotiation(let verb, let option):
            let outcome = negotiator.receive(verb, option: option)
            if outcome.refused { statistics.refusedOptions += 1 }
            events.appendReply(outcome.reply)
            events.appendReply(announceComPortIfNewlyActive())
        case .subnegotiation(let payload):
            handleSubnegotiation(payload, into: &events)
        case .oversizedSubnegotiation:
            statistics.oversizedSubnegotiations += 1
        case .unterminatedSubnegotiation:
            statistics.unterminatedSubnegotiations += 1
        case .command:
            statistics.ignoredTelnetCommands += 1
        }
    }

    private mutating func handleSubnegotiation(_ payload: [UInt8], into events: inout EventList) {
        guard payload.first == TelnetOption.comPort.rawValue else {
            statistics.foreignSubnegotiations += 1
            return
        }
        let command = try? ComPortCommandDecoder.decode(payload.dropFirst())
        switch command {
        case .setLineStateMask(let mask): lineReporter.mask = mask
        case .setModemStateMask(let mask): modemReporter.mask = mask
        default: break
        }
        negotiator.acceptImplicitly(.comPort)
        events.appendReply(announceComPortIfNewlyActive())
        if let command {
            events.appendCommand(command)
        } else {
            statistics.malformedCommands += 1
        }
    }

    /// When COM-PORT-OPTION has just become active, the first NOTIFY-MODEMSTATE, so that the
    /// client knows the lines before any change (pyserial refuses to report CTS, DSR, RI and CD
    /// until it has had one).
    private mutating func announceComPortIfNewlyActive() -> [UInt8] {
        guard isComPortActive else {
            comPortAnnounced = false
            return []
        }
        guard !comPortAnnounced else { return [] }
        comPortAnnounced = true
        guard !modemReporter.mask.isEmpty else { return [] }
        let value = modemReporter.snapshot(state.modemLines).intersection(modemReporter.mask)
        return ComPortReplyEncoder.serverCommand(answering: ComPortCode.notifyModemState, value: [value.rawValue])
    }
}
