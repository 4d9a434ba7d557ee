import RFC2217
import Testing

@Suite struct NegotiationTests {
    private static let greeting: [UInt8] = [
        255, 251, 0, 255, 253, 0,  // WILL BINARY, DO BINARY
        255, 251, 3, 255, 253, 3,  // WILL SGA, DO SGA
        255, 251, 44, 255, 253, 44,  // WILL COM-PORT-OPTION, DO COM-PORT-OPTION
    ]

    @Test func greetingOffersEverySupportedOptionBothWaysOnce() {
        var server = RFC2217Server()
        #expect(server.greeting() == Self.greeting)
        #expect(server.greeting().isEmpty)
    }

    /// Exchanges bytes until neither side has anything to say; returns the number of rounds.
    private func settle(_ server: inout RFC2217Server, _ client: inout PyserialClientModel, first toServer: [UInt8]) -> Int {
        var toServer = toServer
        var rounds = 0
        while !toServer.isEmpty && rounds < 10 {
            let toClient = replies(server.receive(toServer))
            toServer = client.receive(toClient)
            rounds += 1
        }
        return rounds
    }

    private func expectEverythingEnabled(_ server: RFC2217Server, _ client: PyserialClientModel) {
        for option in TelnetOption.allCases {
            #expect(server.isEnabledByServer(option))
            #expect(server.isEnabledByClient(option))
        }
        #expect(server.isComPortActive)
        for name in ["we-SGA", "they-SGA", "we-BINARY", "they-BINARY", "we-RFC2217", "they-RFC2217"] {
            #expect(client.isActive(name), "\(name)")
        }
        #expect(!client.isActive("ECHO"))
        #expect(client.mandatoryOptionsNegotiated)
    }

    /// pyserial's requests (DO ECHO, WILL SGA, DO SGA, DO COM-PORT, WILL COM-PORT) reach the
    /// server before the greeting reaches pyserial: both sides' requests cross.
    @Test func crossingRequestsSettleWithoutLoops() {
        var server = RFC2217Server()
        var client = PyserialClientModel()
        let requests = client.initialRequests()
        #expect(requests == [255, 253, 1, 255, 251, 3, 255, 253, 3, 255, 253, 44, 255, 251, 44])
        let answers = client.receive(server.greeting())
        #expect(answers == [255, 253, 0, 255, 251, 0])
        let rounds = settle(&server, &client, first: requests + answers)
        #expect(rounds <= 2)
        expectEverythingEnabled(server, client)
        #expect(client.modemStates.count == 1)
    }

    /// The greeting reaches pyserial before it sends its requests: it marks SGA and COM-PORT
    /// active without a word and only asks for ECHO. The server learns that COM-PORT is on from
    /// the first command, and sends the first NOTIFY-MODEMSTATE before that command's event.
    @Test func greetingFirstLeavesComPortToBeConfirmedByTheFirstCommand() {
        var server = RFC2217Server(initial: SerialState(modemLines: [.cd]))
        var client = PyserialClientModel()
        let answers = client.receive(server.greeting())
        let requests = client.initialRequests()
        #expect(answers + requests == [255, 253, 0, 255, 251, 0, 255, 253, 1])
        _ = settle(&server, &client, first: answers + requests)
        #expect(client.mandatoryOptionsNegotiated)
        #expect(!server.isComPortActive)
        #expect(server.modemStateChanged([.cd, .cts]) == nil)

        let events = server.receive([255, 250, 44, 1, 0, 1, 194, 0, 255, 240])
        #expect(events == [.reply([255, 250, 44, 107, 0x90, 255, 240]), .command(.setBaudRate(.set(115_200)))])
        #expect(server.isComPortActive)
    }

    @Test func unknownOptionsAreRefusedAndTheirRefusalsIgnored() {
        var server = RFC2217Server()
        let events = server.receive([255, 253, 1, 255, 251, 24, 255, 253, 31, 255, 252, 5, 255, 254, 5])
        #expect(events == [.reply([255, 252, 1, 255, 254, 24, 255, 252, 31])])
        #expect(server.statistics.refusedOptions == 3)
    }

    /// RFC 1143: a confirmation of what is already in force gets no answer.
    @Test func confirmationsAreNotAnswered() {
        var server = RFC2217Server()
        _ = server.greeting()
        #expect(server.receive([255, 253, 0, 255, 251, 0, 255, 253, 3, 255, 251, 3]).isEmpty)
        #expect(server.receive([255, 253, 0, 255, 251, 0, 255, 253, 3, 255, 251, 3]).isEmpty)
    }

    @Test func unaskedRequestsAreAcceptedOnce() {
        var server = RFC2217Server()
        #expect(server.receive([255, 251, 0]) == [.reply([255, 253, 0])])
        #expect(server.receive([255, 251, 0]).isEmpty)
        #expect(server.receive([255, 253, 3]) == [.reply([255, 251, 3])])
        #expect(server.greeting() == [255, 251, 0, 255, 253, 3, 255, 251, 44, 255, 253, 44])
    }

    @Test func theClientMayTurnOptionsOff() {
        var server = RFC2217Server()
        _ = server.greeting()
        _ = server.receive([255, 253, 0, 255, 251, 0])
        #expect(server.receive([255, 254, 0, 255, 252, 0]) == [.reply([255, 252, 0, 255, 254, 0])])
        #expect(!server.isEnabledByServer(.binary))
        #expect(!server.isEnabledByClient(.binary))
        #expect(server.receive([255, 254, 0]).isEmpty)
    }

    /// A refused offer stays refused: a later COM-PORT command does not enable it.
    @Test func refusedComPortStaysOff() {
        var server = RFC2217Server()
        _ = server.greeting()
        #expect(server.receive([255, 252, 44, 255, 254, 44]).isEmpty)
        #expect(server.receive([255, 250, 44, 5, 8, 255, 240]) == [.command(.setControl(.dtr(.set(true))))])
        #expect(!server.isComPortActive)
    }

    @Test func comPortActivationSendsTheModemStateOnce() {
        var server = RFC2217Server(initial: SerialState(modemLines: [.cts, .dsr, .ri, .cd]))
        _ = server.greeting()
        #expect(server.receive([255, 253, 44]) == [.reply([255, 250, 44, 107, 0xF0, 255, 240])])
        #expect(server.receive([255, 251, 44]).isEmpty)
    }
}
