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
        /// When it arrived.
        public var receivedAt: Duration
        /// When it leaves the cache.
        public var expiresAt: Duration
        /// Refresh queries sent for it so far (0 to 4).
        public var refreshesSent: Int
        /// Added to every refresh point: 0 to 2 % of the TTL, so that hosts do not query in step.
        var jitter: Double

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
            return receivedAt + .seconds(Double(record.ttl) * (0.80 + 0.05 * Double(refreshesSent) + jitter))
        }
    }

    private struct Key: Hashable {
        var name: DNSName
        var data: DNSRecordData
        var recordClass: UInt16
        var interface: Int32
    }

    /// The owner name and type of records, for lookups without a scan.
    private struct NameType: Hashable {
        var name: DNSName
        var type: DNSRecordType
    }

    private var entries: [Key: Entry] = [:]
    /// Mostly one or two keys per name and type, so a small array beats a set.
    private var index: [NameType: [Key]] = [:]
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

    /// How many records are cached.
    public var count: Int { entries.count }

    /// Every cached entry.
    public var allEntries: [Entry] { Array(entries.values) }

    /// Takes in a record received on `interface` at `now`.
    public mutating func add(_ record: DNSRecord, interface: Int32, at now: Duration) {
        let key = Key(name: record.name, data: record.data, recordClass: record.recordClass, interface: interface)
        if record.ttl == 0 {
            // A goodbye: the record goes in one second (§10.1), unless it was not cached at all.
            if var entry = entries[key] {
                entry.expiresAt = min(entry.expiresAt, now + .seconds(1))
                entries[key] = entry
            }
            return
        }
        if record.cacheFlush {
            // Other records of this name and type received more than a second ago go in one second (§10.2).
            for otherKey in index[NameType(name: record.name, type: record.type)] ?? []
            where otherKey.interface == interface && otherKey.recordClass == record.recordClass && otherKey.data != record.data
            {
                guard var other = entries[otherKey], other.receivedAt < now - .seconds(1) else { continue }
                other.expiresAt = min(other.expiresAt, now + .seconds(1))
                entries[otherKey] = other
            }
        }
        if entries[key] == nil, entries.count >= capacity, let victim = entries.min(by: { $0.value.expiresAt < $1.value.expiresAt }) {
            remove(victim.key)
            evictions += 1
        }
        if entries[key] == nil { index[NameType(name: record.name, type: record.type), default: []].append(key) }
        entries[key] = Entry(
            record: record, interface: interface, receivedAt: now, expiresAt: now + .seconds(Int64(record.ttl)),
            refreshesSent: 0, jitter: Double.random(in: 0...0.02, using: &random))
    }

    /// Removes what has expired at `now` and returns it.
    @discardableResult
    public mutating func removeExpired(at now: Duration) -> [Entry] {
        let expired = entries.filter { $0.value.expiresAt <= now }
        for key in expired.keys { remove(key) }
        return Array(expired.values)
    }

    private mutating func remove(_ key: Key) {
        guard let entry = entries.removeValue(forKey: key) else { return }
        let nameType = NameType(name: entry.record.name, type: entry.record.type)
        index[nameType]?.removeAll { $0 == key }
        if index[nameType]?.isEmpty == true { index[nameType] = nil }
    }

    /// Live records of `name` and `type`, on `interface` when given.
    public func entries(named name: DNSName, type: DNSRecordType, interface: Int32? = nil, at now: Duration) -> [Entry] {
        (index[NameType(name: name, type: type)] ?? []).compactMap { key in
            guard let entry = entries[key], entry.expiresAt > now, interface == nil || entry.interface == interface else {
                return nil
            }
            return entry
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
        let candidates = entries.filter { $0.value.nextRefresh != nil && wanted($0.value.record) }
        let due = candidates.contains { $0.value.nextRefresh! <= now }
        guard due else { return [:] }
        var questions: [Int32: Set<DNSQuestion>] = [:]
        for (key, var entry) in candidates {
            let halfway = entry.receivedAt + .seconds(Double(entry.record.ttl) * 0.5)
            guard halfway <= now else { continue }
            entry.refreshesSent += 1
            entries[key] = entry
            questions[entry.interface, default: []].insert(
                DNSQuestion(name: entry.record.name, type: entry.record.type, recordClass: entry.record.recordClass))
        }
        return questions.mapValues { $0.sorted { "\($0.name)\($0.type)" < "\($1.name)\($1.type)" } }
    }

    /// The earliest time something changes by itself: an expiry or a refresh point.
    public func nextEvent(wanted: (DNSRecord) -> Bool) -> Duration? {
        var earliest: Duration?
        for entry in entries.values {
            var candidate = entry.expiresAt
            if wanted(entry.record), let refresh = entry.nextRefresh { candidate = min(candidate, refresh) }
            earliest = min(earliest ?? candidate, candidate)
        }
        return earliest
    }
}
