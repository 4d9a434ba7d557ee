import MDNS
import TestSupport
import Testing

@Suite struct DNSCodecTests {
    @Test func randomMessagesSurviveEncodingAndDecoding() throws {
        var generator = DNSMessageGenerator(seed: 6762)
        for _ in 0..<2000 {
            let message = generator.message()
            let bytes = try message.encoded()
            #expect(try DNSMessage(parsing: bytes) == message)
        }
    }

    @Test func repeatedNamesAreCompressedAlsoInsideRecordData() throws {
        let type = DNSName("_arduino._tcp.local")!
        let instance = type.prepending(Array("esp32-aabbccddeeff".utf8))!
        let host = DNSName("esp32-aabbccddeeff.local")!
        let message = DNSMessage(
            isResponse: true, isAuthoritative: true,
            answers: [DNSRecord(name: type, data: .ptr(instance), ttl: 4500)],
            additionals: [
                DNSRecord(name: instance, data: .srv(priority: 0, weight: 0, port: 3232, target: host), ttl: 120, cacheFlush: true),
                DNSRecord(name: host, data: .nsec(next: host, types: [.a]), ttl: 120, cacheFlush: true),
            ])
        let bytes = try message.encoded()
        let uncompressed = 12 + message.allRecords.reduce(0) { total, record in
            let dataNames: Int
            switch record.data {
            case .ptr(let name): dataNames = name.wireLength
            case .srv(_, _, _, let target): dataNames = 6 + target.wireLength
            case .nsec(let next, _): dataNames = next.wireLength + 3
            default: dataNames = 0
            }
            return total + record.name.wireLength + 10 + dataNames
        }
        #expect(bytes.count < uncompressed - 40)
        #expect(try DNSMessage(parsing: bytes) == message)
    }

    /// A response as python-zeroconf sends it: the PTR in Answers, SRV/TXT/A in Additional, and
    /// compression pointers inside SRV and NSEC data (written out by hand).
    @Test func aZeroconfStyleResponseDecodes() throws {
        var packet: [UInt8] = [0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 3]
        // _arduino._tcp.local PTR board-1._arduino._tcp.local
        packet += [8] + Array("_arduino".utf8) + [4] + Array("_tcp".utf8) + [5] + Array("local".utf8) + [0]
        let local = UInt8(12 + 9 + 5)
        packet += [0, 12, 0, 1, 0, 0, 0x11, 0x94, 0, 10]
        let instance = UInt8(packet.count)
        packet += [7] + Array("board-1".utf8) + [0xC0, 12]
        // SRV of the instance; its target board-1.local points at "local"
        packet += [0xC0, instance, 0, 33, 0x80, 1, 0, 0, 0, 120, 0, 16, 0, 0, 0, 0, 0x0C, 0xA0]
        let host = UInt8(packet.count)
        packet += [7] + Array("board-1".utf8) + [0xC0, local]
        // TXT
        packet += [0xC0, instance, 0, 16, 0x80, 1, 0, 0, 0x11, 0x94, 0, 12, 11] + Array("board=esp32".utf8)
        // NSEC at the host name, next name compressed, bitmap for A (type 1)
        packet += [0xC0, host, 0, 47, 0x80, 1, 0, 0, 0, 120, 0, 5, 0xC0, host, 0, 1, 0x40]
        let message = try DNSMessage(parsing: packet)
        #expect(message.isResponse && message.isAuthoritative)
        #expect(message.answers.first?.data == .ptr(DNSName("board-1._arduino._tcp.local")!))
        let srv = try #require(message.additionals.first)
        #expect(srv.cacheFlush)
        #expect(srv.data == .srv(priority: 0, weight: 0, port: 3232, target: DNSName("board-1.local")!))
        #expect(message.additionals[1].data == .txt(TXTRecord(strings: [Array("board=esp32".utf8)])!))
        #expect(message.additionals[2].data == .nsec(next: DNSName("board-1.local")!, types: [.a]))
        #expect(message.additionals[2].name == DNSName("BOARD-1.LOCAL")!)
    }

    @Test func hostilePacketsAreRefusedWithTheirReason() {
        let header: [UInt8] = [0, 0, 0x84, 0, 0, 1, 0, 0, 0, 0, 0, 0]
        let cases: [([UInt8], DNSParseError.Reason)] = [
            ([0, 0, 0], .truncated),
            (header + [0xC0, 12, 0, 12, 0, 1], .badPointer),  // points at itself
            (header + [0xC0, 40, 0, 12, 0, 1], .badPointer),  // points forward
            (header + [0x40, 0, 0, 12, 0, 1], .badName),  // extended label type
            (header + [63] + [UInt8](repeating: 97, count: 10), .truncated),
            ([0, 0, 0x84, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0], .impossibleCounts),
            ([UInt8](repeating: 0, count: 9001), .oversized),
            ([0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 5, 1, 2, 3, 4, 5], .badRecordData),
            ([0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 16, 0, 1, 0, 0, 0, 1, 0, 3, 9, 1, 2], .badRecordData),
            ([0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0xFF, 0xFF, 1, 2, 3, 4], .truncated),
        ]
        for (packet, reason) in cases {
            #expect(throws: DNSParseError.self) { try DNSMessage(parsing: packet) }
            do {
                _ = try DNSMessage(parsing: packet)
            } catch {
                #expect(error.reason == reason, "\(packet.prefix(24)): \(error)")
            }
        }
    }

    @Test func aNameLongerThan255BytesThroughPointersIsRefused() {
        // Five 60-byte labels, each pointing back at the one before, hidden in the data of a
        // record of an unknown type; a second record's name points at the last of them.
        let packet = Self.chainPacket(labels: 5)
        do {
            _ = try DNSMessage(parsing: packet)
            Issue.record("accepted")
        } catch {
            #expect(error.reason == .badName)
        }
        // Four such labels (245 bytes) are a valid name.
        #expect(throws: Never.self) { try DNSMessage(parsing: Self.chainPacket(labels: 4)) }
    }

    /// The packet of the test above with `labels` chained labels.
    static func chainPacket(labels: Int) -> [UInt8] {
        var packet: [UInt8] = [0, 0, 0x84, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 99, 0, 1, 0, 0, 0, 0]
        let lengthOffset = packet.count
        packet += [0, 0]
        var previous: Int?
        for _ in 0..<labels {
            let start = packet.count
            packet += [60] + [UInt8](repeating: 97, count: 60) + (previous.map(pointer(to:)) ?? [0])
            previous = start
        }
        let dataLength = packet.count - lengthOffset - 2
        packet[lengthOffset] = UInt8(dataLength >> 8)
        packet[lengthOffset + 1] = UInt8(dataLength & 0xFF)
        return packet + pointer(to: previous!) + [0, 1, 0, 1, 0, 0, 0, 120, 0, 4, 10, 0, 0, 1]
    }

    static func pointer(to offset: Int) -> [UInt8] { [0xC0 | UInt8(offset >> 8), UInt8(offset & 0xFF)] }

    /// Mutated and truncated packets either decode or fail with a reason: never a crash, and
    /// never more records than the packet could hold.
    @Test func mutatedPacketsNeverCrash() throws {
        var generator = DNSMessageGenerator(seed: 2026)
        var random = SplitMix64(seed: 99)
        var refused = 0
        for round in 0..<3000 {
            var packet = try generator.message().encoded()
            if round % 10 == 0 {
                packet = Array(packet.prefix(random.int(in: 0...packet.count)))
            } else {
                for _ in 0..<random.int(in: 1...8) where !packet.isEmpty {
                    let index = random.int(in: 0...(packet.count - 1))
                    switch random.int(in: 0...3) {
                    case 0: packet[index] = UInt8.random(in: 0...255, using: &random)
                    case 1: packet.remove(at: index)
                    case 2: packet.insert(UInt8.random(in: 0...255, using: &random), at: index)
                    default: packet[index] = 0xC0
                    }
                }
            }
            do {
                let message = try DNSMessage(parsing: packet)
                #expect(message.questions.count * 5 + message.allRecords.count * 11 <= packet.count)
            } catch {
                refused += 1
            }
        }
        #expect(refused > 100)
    }
}

@Suite struct DNSNameTests {
    @Test func namesCompareLikeDNS() {
        #expect(DNSName("Board._Arduino._TCP.Local") == DNSName("board._arduino._tcp.local."))
        #expect(DNSName("É.local") != DNSName("é.local"))
        #expect(DNSName("esp.local")!.hasSuffix(DNSName("LOCAL")!))
        #expect(Set([DNSName("A.local")!, DNSName("a.LOCAL")!]).count == 1)
    }

    @Test func invalidNamesAreRefused() {
        #expect(DNSName(labels: [[]]) == nil)
        #expect(DNSName(labels: [[UInt8](repeating: 97, count: 64)]) == nil)
        #expect(DNSName(labels: Array(repeating: [UInt8](repeating: 97, count: 63), count: 4)) == nil)
        #expect(DNSName(labels: Array(repeating: [UInt8](repeating: 97, count: 62), count: 4)) != nil)
    }

    @Test func presentationEscapesDotsAndOddBytes() {
        let name = DNSName(labels: [Array("Living Room.Lamp".utf8), [0x01, 0x5C], Array("local".utf8)])!
        #expect(name.description == #"Living Room\.Lamp.\001\\.local"#)
        #expect(name.firstLabel == "Living Room.Lamp")
    }
}

@Suite struct TXTRecordTests {
    @Test func attributesFollowRFC6763() {
        let txt = TXTRecord(strings: ["board=esp32", "Board=other", "auth_upload=yes", "flag", "empty=", "=novalue", ""].map { Array($0.utf8) })!
        #expect(txt["BOARD"] == "esp32")
        #expect(txt["flag"] == "")
        #expect(txt["empty"] == "")
        #expect(txt["missing"] == nil)
        #expect(txt.attributes.map(\.key) == ["board", "auth_upload", "flag", "empty"])
        #expect(txt.dictionary == ["board": "esp32", "auth_upload": "yes", "flag": "", "empty": ""])
        #expect(TXTRecord(strings: [[]])!.attributes.isEmpty)
        #expect(TXTRecord(strings: [[0x6B, 0x3D, 0xFF]])!["k"] == "\u{FFFD}")
        #expect(txt.strings.count == 7)
        #expect(TXTRecord(strings: [Array(repeating: 0x61, count: 256)]) == nil)
    }
}

@Suite struct IPAddressTests {
    @Test func ipv6IsWrittenShort() {
        #expect(IPv6Address(bytes: [0xFE, 0x80] + [UInt8](repeating: 0, count: 13) + [1])!.description == "fe80::1")
        #expect(IPv6Address(bytes: [UInt8](repeating: 0, count: 16))!.description == "::")
        #expect(IPv6Address(bytes: [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1])!.description == "2001:db8:0:1::1")
        #expect(IPv4Address(bytes: [10, 211, 0, 1])!.description == "10.211.0.1")
    }
}
