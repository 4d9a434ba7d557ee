/// The records a querier has heard, with RFC 6762's cache rules (§10): expiry by TTL, goodbyes
/// (TTL 0) and cache-flush taking effect after one second, refresh queries at 80, 85, 90 and
/// 95 % of a record's TTL, and a bound on its size.
///
/// Time is a `Duration` since the querier started, passed in, so the rules are testable without
/// waiting.
public struct MDNSCache: Sendable {
    /// A cached record and what the cache knows about it.
    public struct Entry: Sendable, Hashable {
        /// The record as received (its TTL is the original one).
        public var record: DNSRecord
        /// The interface it arrived on.
        public var interface: Int32
        /// Refresh queries sent for it so far (0 to 4).
        public internal(set) var refreshesSent: UInt8
        /// Added to every refresh point: 0 to 2 % of the TTL, so that hosts do not query in step.
        let jitter: Float
        // Times as nanoseconds since the querier started: a cache of thousands of records keeps
        // its entries at 64 bytes.
        let receivedNanoseconds: Int64
        var expiresNanoseconds: Int64

        /// When it arrived.
        public var receivedAt: Duration { .nanoseconds(receivedNanoseconds) }
        /// When it leaves the cache.
        public var expiresAt: Duration { .nanoseconds(expiresNanoseconds) }

        init(record: DNSRecord, interface: Int32, receivedAt: Duration, jitter: Float) {
            self.record = record
            self.interface = interface
            refreshesSent = 0
            self.jitter = jitter
            receivedNanoseconds = receivedAt.wholeNanoseconds
            expiresNanoseconds = (receivedAt + .seconds(Int64(record.ttl))).wholeNanoseconds
        }

        /// Whether this entry holds the same record as `record` received on `interface`.
        func holds(_ record: DNSRecord, on interface: Int32) -> Bool {
            self.interface == interface && self.record.recordClass == record.recordClass && self.record.data == record.data
        }

        /// Brings the expiry forward to `time` unless it is already sooner.
        mutating func expire(by time: Duration) {
            expiresNanoseconds = min(expiresNanoseconds, time.wholeNanoseconds)
        }

        /// The TTL left at `now`, in whole seconds.
        public func remainingTTL(at now: Duration) -> UInt32 {
            let left = expiresAt - now
            return left <= .zero ? 0 : UInt32(clamping: left.components.seconds)
        }

        /// When the next refresh query is due, or nil after the fourth (or for a goodbye).
        var nextRefresh: Duration? {
            guard refreshesSent < 4, record.ttl > 0, expiresAt == receivedAt + .seconds(Int64(record.ttl)) else {
                return nil
            }
            return receivedAt + .seconds(Double(record.ttl) * (0.80 + 0.05 * Double(refreshesSent) + Double(jitter)))
        }
    }

    /// The owner name and type of records: the cache's key.
    private struct NameType: Hashable {
        var name: DNSName
        var type: DNSRecordType
    }

    /// Entries by owner name and type; mostly one or two per key, so a small array.
    private var records: [NameType: [Entry]] = [:]
    /// Every name the cache holds, so that the instance and host names that recur in a board's
    /// records share one buffer each (a browser holds thousands of names).
    private var names = Set<DNSName>()
    /// How many records are cached.
    public private(set) var count = 0
    /// The most records kept; a new one then replaces the one closest to expiry.
    public let capacity: Int
    /// Records pushed out because the cache was full.
    public private(set) var evictions = 0
    private var random: SplitMixGenerator

    /// An empty cache holding at most `capacity` records; `seed` fixes the refresh jitter.
    public init(capacity: Int = 4096, seed: UInt64 = 0x6D64_6E73) {
        self.capacity = max(capacity, 1)
        random = SplitMixGenerator(seed: seed)
    }

    /// Every cached entry.
    public var allEntries: [Entry] { records.values.flatMap { $0 } }

    /// Takes in a record received on `interface` at `now`.
    public mutating func add(_ record: DNSRecord, interface: Int32, at now: Duration) {
        let key = NameType(name: record.name, type: record.type)
        let existing = records[key]?.firstIndex { $0.holds(record, on: interface) }
        if record.ttl == 0 {
            // A goodbye: the record goes in one second (§10.1), unless it was not cached at all.
            if let existing { records[key]![existing].expire(by: now + .seconds(1)) }
            return
        }
        if record.cacheFlush, let others = records[key]?.indices {
            // Other records of this name and type received more than a second ago go in one second (§10.2).
            for index in others where index != existing {
                let other = records[key]![index]
                guard other.interface == interface, other.record.recordClass == record.recordClass,
                    other.receivedAt < now - .seconds(1)
                else { continue }
                records[key]![index].expire(by: now + .seconds(1))
            }
        }
        let entry = Entry(
            record: interned(record), interface: interface, receivedAt: now, jitter: Float.random(in: 0...0.02, using: &random))
        if let existing {
            records[key]![existing] = entry
            return
        }
        if count >= capacity { evictSoonestToExpire() }
        records[NameType(name: entry.record.name, type: key.type), default: []].append(entry)
        count += 1
    }

    /// The record with its names replaced by the cache's copies of them.
    private mutating func interned(_ record: DNSRecord) -> DNSRecord {
        var record = record
        record.name = intern(record.name)
        switch record.data {
        case .ptr(let target): record.data = .ptr(intern(target))
        case .srv(let priority, let weight, let port, let target):
            record.data = .srv(priority: priority, weight: weight, port: port, target: intern(target))
        case .nsec(let next, let types): record.data = .nsec(next: intern(next), types: types)
        case .a, .aaaa, .txt, .other: break
        }
        return record
    }

    private mutating func intern(_ name: DNSName) -> DNSName {
        names.insert(name).memberAfterInsert
    }

    private mutating func evictSoonestToExpire() {
        var victim: (key: NameType, index: Int, expires: Int64)?
        for (key, entries) in records {
            for (index, entry) in entries.enumerated() where entry.expiresNanoseconds < victim?.expires ?? .max {
                victim = (key, index, entry.expiresNanoseconds)
            }
        }
        guard let victim else { return }
        remove(at: victim.index, of: victim.key)
        evictions += 1
        forgetUnusedNames()
    }

    private mutating func remove(at index: Int, of key: NameType) {
        records[key]!.remove(at: index)
        if records[key]!.isEmpty { records[key] = nil }
        count -= 1
    }

    /// Drops the interned names no record uses any more.
    private mutating func forgetUnusedNames() {
        var used = Set<DNSName>(minimumCapacity: names.count)
        for entries in records.values {
            for entry in entries {
                used.insert(entry.record.name)
                switch entry.record.data {
                case .ptr(let target), .srv(_, _, _, let target), .nsec(let target, _): used.insert(target)
                case .a, .aaaa, .txt, .other: break
                }
            }
        }
        names = used
    }

    /// Removes what has expired at `now` and returns it.
    @discardableResult
    public mutating func removeExpired(at now: Duration) -> [Entry] {
        let limit = now.wholeNanoseconds
        var expired: [Entry] = []
        for key in Array(records.keys) where records[key]!.contains(where: { $0.expiresNanoseconds <= limit }) {
            expired += records[key]!.filter { $0.expiresNanoseconds <= limit }
            records[key]!.removeAll { $0.expiresNanoseconds <= limit }
            if records[key]!.isEmpty { records[key] = nil }
        }
        count -= expired.count
        if !expired.isEmpty { forgetUnusedNames() }
        return expired
    }

    /// Live records of `name` and `type`, on `interface` when given.
    public func entries(named name: DNSName, type: DNSRecordType, interface: Int32? = nil, at now: Duration) -> [Entry] {
        (records[NameType(name: name, type: type)] ?? []).filter { entry in
            entry.expiresAt > now && (interface == nil || entry.interface == interface)
        }
    }

    /// Known answers for a question (§7.1): live records of its name and type with more than
    /// half their TTL left, each with the TTL it has left.
    public func knownAnswers(for question: DNSQuestion, interface: Int32, at now: Duration) -> [DNSRecord] {
        entries(named: question.name, type: question.type, interface: interface, at: now).compactMap { entry in
            let left = entry.remainingTTL(at: now)
            guard UInt64(left) * 2 > UInt64(entry.record.ttl) else { return nil }
            var record = entry.record
            record.ttl = left
            record.cacheFlush = false
            return record
        }
    }

    /// The refresh questions due at `now` for records `wanted` accepts, grouped by interface,
    /// and marks them sent. Once one is due, every wanted record past half its TTL goes in the
    /// same packet: their answers then arrive together, so the records of many boards fall into
    /// step and keep costing one query per round rather than one per board.
    public mutating func dueRefreshes(at now: Duration, wanted: (DNSRecord) -> Bool) -> [Int32: [DNSQuestion]] {
        let due = records.values.contains { entries in
            entries.contains { entry in entry.nextRefresh.map { $0 <= now } == true && wanted(entry.record) }
        }
        guard due else { return [:] }
        var questions: [Int32: Set<DNSQuestion>] = [:]
        for key in Array(records.keys) {
            for index in records[key]!.indices {
                let entry = records[key]![index]
                guard entry.nextRefresh != nil, wanted(entry.record),
                    entry.receivedAt + .seconds(Double(entry.record.ttl) * 0.5) <= now
                else { continue }
                records[key]![index].refreshesSent += 1
                questions[entry.interface, default: []].insert(
                    DNSQuestion(name: entry.record.name, type: entry.record.type, recordClass: entry.record.recordClass))
            }
        }
        return questions.mapValues { $0.sorted { "\($0.name)\($0.type)" < "\($1.name)\($1.type)" } }
    }

    /// The earliest time something changes by itself: an expiry or a refresh point.
    public func nextEvent(wanted: (DNSRecord) -> Bool) -> Duration? {
        var earliest: Duration?
        for entries in records.values {
            for entry in entries {
                var candidate = entry.expiresAt
                if wanted(entry.record), let refresh = entry.nextRefresh { candidate = min(candidate, refresh) }
                earliest = min(earliest ?? candidate, candidate)
            }
        }
        return earliest
    }
}

extension Duration {
    /// The duration in whole nanoseconds (the cache's unit), saturating.
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        return whole.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
