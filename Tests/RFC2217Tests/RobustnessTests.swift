@testable import RFC2217
import TestSupport
import Testing

@Suite struct RobustnessTests {
    /// Pieces a client stream is made of, some well formed and some not.
    private static let fragments: [[UInt8]] = [
        [255, 253, 1, 255, 251, 3, 255, 253, 3, 255, 253, 44, 255, 251, 44],
        [255, 250, 44, 1, 0, 1, 194, 0, 255, 240],
        [255, 250, 44, 1, 0, 0, 255, 255, 0, 255, 240],
        [255, 250, 44, 5, 8, 255, 240],
        [255, 250, 44, 5, 12, 255, 240],
        [255, 250, 44, 12, 3, 255, 240],
        [255, 250, 44, 7, 255, 240],
        [255, 250, 44, 11, 0x11, 255, 240],
        [255, 250, 44, 0] + Array("client".utf8) + [255, 240],
        [255, 250, 44, 5],
        [255, 250, 24, 1, 255, 240],
        [255, 250, 44, 5, 8, 255, 251, 0],
        [255, 241, 255, 243, 255, 240],
        [255, 254, 0, 255, 252, 0, 255, 251, 0],
        [255, 255, 255, 255],
        [255],
    ]

    private static func stream(_ random: inout SplitMix64) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 1...40, using: &random) {
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                bytes += (0..<Int.random(in: 1...64, using: &random)).map { _ in UInt8.random(in: 0...254, using: &random) }
            case 1:
                bytes += (0..<Int.random(in: 1...16, using: &random)).map { _ in
                    [UInt8(44), 240, 250, 251, 253, 255, 255].randomElement(using: &random)!
                }
            default:
                bytes += fragments.randomElement(using: &random)!
            }
        }
        return bytes
    }

    private static func chunks(_ bytes: [UInt8], _ random: inout SplitMix64) -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 0...12, using: &random))
            chunks.append(Array(bytes[start..<end]))
            start = end
        }
        return chunks
    }

    private static func feed(_ chunks: [[UInt8]]) -> (events: [RFC2217Event], server: RFC2217Server) {
        var server = RFC2217Server(initial: SerialState(modemLines: [.cd]), maximumSubnegotiationLength: 16)
        _ = server.greeting()
        var events: [RFC2217Event] = []
        for chunk in chunks {
            events += server.receive(chunk)
        }
        return (normalized(events), server)
    }

    /// The same stream cut anywhere, even into single bytes and empty pieces, gives the same
    /// events, statistics and state.
    @Test(arguments: 0..<40)
    func anySplitParsesIdentically(seed: UInt64) {
        var random = SplitMix64(seed: 0x2217_0000 + seed)
        let bytes = Self.stream(&random)
        let whole = Self.feed([bytes])
        let cut = Self.feed(Self.chunks(bytes, &random))
        let single = Self.feed(bytes.map { [$0] })
        #expect(cut.events == whole.events)
        #expect(single.events == whole.events)
        #expect(cut.server.statistics == whole.server.statistics)
        #expect(single.server.statistics == whole.server.statistics)
        #expect(cut.server.isComPortActive == whole.server.isComPortActive)
        #expect(cut.server.modemStateMask == whole.server.modemStateMask)
    }

    @Test(arguments: 0..<8)
    func randomBytesNeverBreakTheServer(seed: UInt64) {
        var random = SplitMix64(seed: 0xBAD_0000 + seed)
        var server = RFC2217Server(maximumSubnegotiationLength: 32)
        var parser = TelnetParser(maximumSubnegotiationLength: 32)
        for _ in 0..<200 {
            let garbage = (0..<Int.random(in: 0...300, using: &random)).map { _ in
                Bool.random(using: &random) ? UInt8.random(in: 0...255, using: &random) : [44, 240, 250, 255].randomElement(using: &random)!
            }
            _ = server.receive(garbage)
            _ = parser.parse(garbage)
            #expect(parser.bufferedSubnegotiationLength <= 32)
            _ = server.modemStateChanged(ModemState(rawValue: UInt8.random(in: 0...255, using: &random)))
        }
        let events = server.receive([255, 240, 255, 250, 44, 12, 3, 255, 240])
        #expect(commands(events).last == .purge(.both))
    }

    @Test func oversizedSubnegotiationIsDroppedWholeAndBounded() {
        var parser = TelnetParser(maximumSubnegotiationLength: 256)
        #expect(parser.parse([255, 250, 44, 0]).isEmpty)
        for _ in 0..<1024 {
            #expect(parser.parse([UInt8](repeating: 0x41, count: 1024)).isEmpty)
        }
        #expect(parser.bufferedSubnegotiationLength == 256)
        #expect(parser.parse([255, 240, 7]) == [.oversizedSubnegotiation, .data([7])])
        #expect(parser.bufferedSubnegotiationLength == 0)
    }

    @Test func theLimitCountsTheOptionByte() {
        var server = RFC2217Server(maximumSubnegotiationLength: 6)
        #expect(server.maximumSubnegotiationLength == 6)
        #expect(commands(server.receive([255, 250, 44, 1, 0, 1, 194, 0, 255, 240])) == [.setBaudRate(.set(115_200))])
        #expect(server.receive([255, 250, 44, 0] + Array("longer".utf8) + [255, 240]).isEmpty)
        #expect(server.statistics.oversizedSubnegotiations == 1)
    }

    /// A Telnet command inside a subnegotiation ends it unfinished; the command still counts.
    @Test func interruptedSubnegotiationIsDroppedAndTheCommandRead() {
        var server = RFC2217Server()
        let events = server.receive([255, 250, 44, 5, 8, 255, 251, 24, 255, 250, 44, 12, 1, 255, 240])
        #expect(events == [.reply([255, 254, 24]), .command(.purge(.receive))])
        #expect(server.statistics.unterminatedSubnegotiations == 1)
    }

    @Test func strayEndAndEmptySubnegotiationAreHarmless() {
        var server = RFC2217Server()
        #expect(server.receive([255, 240, 255, 250, 255, 240, 1]) == [.data([1])])
        #expect(server.statistics.ignoredTelnetCommands == 1)
        #expect(server.statistics.foreignSubnegotiations == 1)
    }

    @Test func aNegativeLimitKeepsNothing() {
        var server = RFC2217Server(maximumSubnegotiationLength: -5)
        #expect(server.maximumSubnegotiationLength == 0)
        #expect(server.receive([255, 250, 44, 7, 255, 240]).isEmpty)
        #expect(server.statistics.oversizedSubnegotiations == 1)
    }
}
