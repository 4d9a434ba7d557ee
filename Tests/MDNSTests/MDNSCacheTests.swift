import MDNS
import Testing

@Suite struct MDNSCacheTests {
    static let type = DNSName("_arduino._tcp.local")!
    static let instance = DNSName("esp32-aabb._arduino._tcp.local")!
    static let host = DNSName("esp32-aabb.local")!
    static let interface: Int32 = 2

    static func board(ttl: UInt32 = 120, port: UInt16 = 3232, address: [UInt8] = [10, 211, 0, 1], txt: [String] = ["board=esp32"])
        -> [DNSRecord]
    {
        [
            DNSRecord(name: type, data: .ptr(instance), ttl: 4500),
            DNSRecord(name: instance, data: .srv(priority: 0, weight: 0, port: port, target: host), ttl: ttl, cacheFlush: true),
            DNSRecord(name: instance, data: .txt(TXTRecord(strings: txt.map { Array($0.utf8) })!), ttl: 4500, cacheFlush: true),
            DNSRecord(name: host, data: .a(IPv4Address(bytes: address)!), ttl: ttl, cacheFlush: true),
        ]
    }

    static func cache(with records: [DNSRecord], at time: Duration = .zero) -> MDNSCache {
        var cache = MDNSCache()
        for record in records { cache.add(record, interface: interface, at: time) }
        return cache
    }

    @Test func aBoardIsAssembledFromRecordsInAnyOrder() throws {
        for order in [Self.board(), Self.board().reversed()] {
            let cache = Self.cache(with: Array(order))
            let services = cache.services(of: [Self.type], at: .seconds(1))
            let service = try #require(services.first)
            #expect(services.count == 1)
            #expect(service.instanceName == "esp32-aabb")
            #expect(service.serviceType == "_arduino._tcp")
            #expect(service.host == "esp32-aabb.local")
            #expect(service.port == 3232)
            #expect(service.addresses == ["10.211.0.1"])
            #expect(service.txt["board"] == "esp32")
            #expect(service.interface == Self.interface)
        }
    }

    @Test func withoutItsSRVAnInstanceIsNotListedYet() {
        let cache = Self.cache(with: [Self.board()[0], Self.board()[2]])
        #expect(cache.services(of: [Self.type], at: .seconds(1)).isEmpty)
    }

    @Test func aGoodbyeRemovesTheRecordAfterOneSecond() {
        var cache = Self.cache(with: Self.board())
        var goodbye = Self.board()[0]
        goodbye.ttl = 0
        cache.add(goodbye, interface: Self.interface, at: .seconds(10))
        #expect(cache.services(of: [Self.type], at: .milliseconds(10_900)).count == 1)
        #expect(cache.services(of: [Self.type], at: .seconds(11)).isEmpty)
        #expect(cache.removeExpired(at: .seconds(11)).map(\.record.type) == [.ptr])
    }

    @Test func aGoodbyeForAnUnknownRecordIsIgnored() {
        var cache = MDNSCache()
        var goodbye = Self.board()[0]
        goodbye.ttl = 0
        cache.add(goodbye, interface: Self.interface, at: .zero)
        #expect(cache.count == 0)
    }

    @Test func aChangedTXTWithCacheFlushReplacesTheOldOneAfterOneSecond() throws {
        var cache = Self.cache(with: Self.board())
        let changed = Self.board(txt: ["board=esp32s3"])[2]
        cache.add(changed, interface: Self.interface, at: .seconds(5))
        // Both are live for the flush delay; the newest is what the service shows.
        #expect(try #require(cache.services(of: [Self.type], at: .seconds(5)).first).txt["board"] == "esp32s3")
        #expect(cache.entries(named: Self.instance, type: .txt, at: .milliseconds(5500)).count == 2)
        #expect(cache.entries(named: Self.instance, type: .txt, at: .seconds(6)).count == 1)
    }

    @Test func recordsOfOneMultiPacketAnswerDoNotFlushEachOther() {
        // Two addresses with cache-flush within the same second both stay (§10.2).
        var cache = MDNSCache()
        cache.add(Self.board(address: [10, 0, 0, 1])[3], interface: Self.interface, at: .seconds(1))
        cache.add(Self.board(address: [10, 0, 0, 2])[3], interface: Self.interface, at: .milliseconds(1500))
        #expect(cache.entries(named: Self.host, type: .a, at: .seconds(4)).count == 2)
    }

    @Test func recordsExpireWithTheirTTL() {
        var cache = Self.cache(with: Self.board(ttl: 120))
        #expect(cache.services(of: [Self.type], at: .seconds(119)).count == 1)
        #expect(cache.services(of: [Self.type], at: .seconds(120)).isEmpty)
        #expect(cache.removeExpired(at: .seconds(120)).count == 2)
    }

    @Test func theSameInstanceOnTwoInterfacesIsTwoServices() {
        var cache = MDNSCache()
        for interface: Int32 in [2, 3] {
            for record in Self.board() { cache.add(record, interface: interface, at: .zero) }
        }
        #expect(cache.services(of: [Self.type], at: .seconds(1)).map(\.interface) == [2, 3])
    }

    @Test func refreshesComeAt80To95PercentAndRecordsPastHalfTheirTTLJoinThem() {
        let records = Self.board(ttl: 120)
        var cache = Self.cache(with: records)
        let wanted: (DNSRecord) -> Bool = { $0.type == .srv || $0.type == .a }
        #expect(cache.dueRefreshes(at: .seconds(95), wanted: wanted).isEmpty)
        // 80 % of 120 s is 96 s, plus up to 2 % (2.4 s) of jitter.
        let first = cache.dueRefreshes(at: .seconds(99), wanted: wanted)
        #expect(first[Self.interface]?.map(\.type).sorted { $0.rawValue < $1.rawValue } == [.a, .srv])
        #expect(cache.dueRefreshes(at: .seconds(99), wanted: wanted).isEmpty)
        var sent = 1
        for second in 100...119 where !cache.dueRefreshes(at: .seconds(Int64(second)), wanted: wanted).isEmpty { sent += 1 }
        #expect(sent == 4)
        #expect(cache.nextEvent(wanted: wanted) == .seconds(120))
    }

    @Test func aDueRefreshTakesAlongRecordsPastHalfTheirTTLButNotFresherOnes() {
        var cache = MDNSCache()
        let early = Self.board(ttl: 100)
        let late = Self.board(ttl: 100, address: [10, 0, 0, 9])[3]
        let fresh = DNSRecord(name: DNSName("other.local")!, data: .a(IPv4Address(bytes: [10, 0, 0, 7])!), ttl: 100)
        cache.add(early[1], interface: Self.interface, at: .zero)  // SRV, due at 80-82 s
        cache.add(late, interface: Self.interface, at: .seconds(20))  // past half at 70 s
        cache.add(fresh, interface: Self.interface, at: .seconds(60))  // past half only at 110 s
        let batch = cache.dueRefreshes(at: .seconds(83)) { _ in true }
        #expect(Set(batch[Self.interface]?.map(\.name) ?? []) == [Self.instance, Self.host])
    }

    @Test func knownAnswersCarryTheirRemainingTTLWhileMoreThanHalfIsLeft() {
        let cache = Self.cache(with: Self.board())
        let question = DNSQuestion(name: Self.type, type: .ptr)
        #expect(cache.knownAnswers(for: question, interface: Self.interface, at: .seconds(100)).map(\.ttl) == [4400])
        #expect(cache.knownAnswers(for: question, interface: Self.interface, at: .seconds(2300)).isEmpty)
        #expect(cache.knownAnswers(for: question, interface: 9, at: .seconds(100)).isEmpty)
    }

    @Test func aFullCacheDropsTheRecordClosestToExpiry() {
        var cache = MDNSCache(capacity: 3)
        for record in Self.board() { cache.add(record, interface: Self.interface, at: .zero) }
        #expect(cache.count == 3)
        #expect(cache.evictions == 1)
        // Adding the A record pushed out the SRV (TTL 120), the entry closest to expiry.
        #expect(cache.allEntries.map(\.record.type).sorted { $0.rawValue < $1.rawValue } == [.a, .ptr, .txt])
    }

    @Test func wantedRecordsFollowTheChainFromTheBrowsedTypes() {
        let cache = Self.cache(with: Self.board())
        let records = Self.board()
        let interest = cache.interest(browsing: [Self.type], at: .seconds(1))
        for record in records { #expect(interest.wants(record)) }
        let stranger = DNSRecord(name: DNSName("printer.local")!, data: .a(IPv4Address(bytes: [1, 2, 3, 4])!), ttl: 120)
        #expect(!interest.wants(stranger))
        #expect(!cache.interest(browsing: [DNSName("_wled._tcp.local")!], at: .seconds(1)).wants(records[0]))
    }
}

@Suite struct BrowseScheduleTests {
    @Test func intervalsStartAtOneSecondAndDoubleToTheCeiling() {
        var schedule = BrowseSchedule(startingAt: .zero, initialDelay: .milliseconds(50), ceiling: .seconds(8))
        #expect(!schedule.isDue(at: .milliseconds(49)))
        #expect(schedule.isDue(at: .milliseconds(50)))
        var times: [Duration] = []
        var now = Duration.milliseconds(50)
        for _ in 0..<6 {
            schedule.queried(at: now)
            times.append(schedule.next - now)
            now = schedule.next
        }
        #expect(times == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8), .seconds(8)])
    }
}

@Suite struct MDNSQueryBuilderTests {
    @Test func knownAnswersSpillIntoTruncatedPackets() throws {
        let type = DNSName("_arduino._tcp.local")!
        let answers = (0..<200).map { index in
            DNSRecord(name: type, data: .ptr(type.prepending(Array("board-\(index)-with-a-longer-name".utf8))!), ttl: 4000)
        }
        let packets = try MDNSQueryBuilder.packets(questions: [DNSQuestion(name: type, type: .ptr)], knownAnswers: answers)
        #expect(packets.count > 1)
        let messages = try packets.map { try DNSMessage(parsing: $0) }
        #expect(messages.allSatisfy { $0.encodedSizeFits })
        #expect(messages.dropLast().allSatisfy { $0.isTruncated })
        #expect(messages.last?.isTruncated == false)
        #expect(messages.first?.questions.count == 1)
        #expect(messages.dropFirst().allSatisfy { $0.questions.isEmpty })
        #expect(messages.flatMap(\.answers) == answers)
        #expect(packets.allSatisfy { $0.count <= MDNSQueryBuilder.maximumPacketSize })
    }

    @Test func aPlainQueryIsOneSmallPacket() throws {
        let packets = try MDNSQueryBuilder.packets(
            questions: [DNSQuestion(name: DNSName("_arduino._tcp.local")!, type: .ptr)], knownAnswers: [])
        // The exact 37-byte query some embedded responders insist on.
        #expect(packets == [[0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0] + [8] + Array("_arduino".utf8) + [4] + Array("_tcp".utf8)
            + [5] + Array("local".utf8) + [0, 0, 12, 0, 1]])
    }
}

extension DNSMessage {
    fileprivate var encodedSizeFits: Bool { ((try? encoded().count) ?? .max) <= MDNSQueryBuilder.maximumPacketSize }
}
