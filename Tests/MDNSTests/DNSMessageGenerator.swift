import MDNS
import TestSupport

/// Random, valid mDNS messages for property tests.
struct DNSMessageGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private static let labelPieces: [[UInt8]] = [
        Array("_arduino".utf8), Array("_tcp".utf8), Array("local".utf8), Array("esp32-aabbccddeeff".utf8),
        Array("Living Room.Lamp".utf8), Array("é".utf8), [0x00, 0xFF, 0x2E, 0x5C], Array("_esphomelib".utf8),
        Array("LOCAL".utf8),
    ]

    mutating func name() -> DNSName {
        var labels: [[UInt8]] = []
        for _ in 0..<random.int(in: 1...5) {
            var label = random.pick(Self.labelPieces)
            if random.chance(0.2) { label += (0..<random.int(in: 1...20)).map { _ in UInt8.random(in: 0...255, using: &random) } }
            labels.append(Array(label.prefix(63)))
        }
        return DNSName(labels: labels)!
    }

    mutating func data() -> DNSRecordData {
        switch random.int(in: 0...6) {
        case 0: .a(IPv4Address(bytes: (0..<4).map { _ in UInt8.random(in: 0...255, using: &random) })!)
        case 1: .aaaa(IPv6Address(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })!)
        case 2: .ptr(name())
        case 3:
            .srv(
                priority: UInt16.random(in: 0...UInt16.max, using: &random), weight: 0,
                port: UInt16.random(in: 0...UInt16.max, using: &random), target: name())
        case 4:
            .txt(
                TXTRecord(
                    strings: (0..<random.int(in: 0...4)).map { _ in
                        (0..<random.int(in: 0...40)).map { _ in UInt8.random(in: 0...255, using: &random) }
                    })!)
        case 5:
            .nsec(
                next: name(),
                types: Array(Set((0..<random.int(in: 1...5)).map { _ in DNSRecordType(rawValue: UInt16(random.int(in: 1...600))) }))
                    .sorted { $0.rawValue < $1.rawValue })
        default: .other(type: DNSRecordType(rawValue: 99), bytes: (0..<random.int(in: 0...30)).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
    }

    mutating func record() -> DNSRecord {
        DNSRecord(
            name: name(), data: data(), ttl: random.chance(0.2) ? 0 : UInt32.random(in: 0...5000, using: &random),
            cacheFlush: random.chance(0.5))
    }

    mutating func message() -> DNSMessage {
        DNSMessage(
            id: random.chance(0.8) ? 0 : UInt16.random(in: 0...UInt16.max, using: &random), isResponse: random.chance(0.5),
            isAuthoritative: random.chance(0.5), isTruncated: random.chance(0.1),
            questions: (0..<random.int(in: 0...3)).map { _ in
                DNSQuestion(name: name(), type: random.pick([.ptr, .srv, .txt, .a, .aaaa, .any]), unicastResponse: random.chance(0.3))
            },
            answers: (0..<random.int(in: 0...5)).map { _ in record() },
            authorities: (0..<random.int(in: 0...2)).map { _ in record() },
            additionals: (0..<random.int(in: 0...5)).map { _ in record() })
    }
}
