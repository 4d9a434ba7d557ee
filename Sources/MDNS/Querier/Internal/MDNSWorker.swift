import CLinuxShims
import Logging
import ThreadSupport
#if canImport(Glibc)
import Glibc
#endif

/// The mDNS thread: owns the socket, the cache and the timers.
final class MDNSWorker {
    /// 224.0.0.251 in network order.
    static let group = UInt32(0xE00000FB).bigEndian
    /// The shortest time between two snapshots.
    static let publishInterval: Duration = .milliseconds(50)

    let configuration: MDNSQuerierConfiguration
    let querier: MDNSQuerier
    let output: AsyncStream<[MDNSService]>.Continuation
    let logger: Logger
    let socket: Int32
    let routeMonitor: Int32
    let types: [DNSName]
    var start: ContinuousClock.Instant { querier.started }
    var cache: MDNSCache
    var joined: [Int32: MDNSInterface] = [:]
    var schedules: [Int32: BrowseSchedule] = [:]
    var published: [MDNSService]?
    /// Whether the cache changed since the services were last assembled.
    var servicesStale = true
    /// When the last snapshot went out, and when the changes gathered since then go out.
    var publishedAt: Duration?
    var publishDue: Duration?
    /// What browsing needs: recomputed at every tick, extended record by record as packets come in
    /// (a burst of announcements then costs a set insertion per record, not a scan of the cache).
    var interest: MDNSInterest
    var random = SplitMixGenerator(seed: UInt64(truncatingIfNeeded: ContinuousClock.now.hashValue))
    var buffer = [UInt8](repeating: 0, count: DNSMessage.maximumSize + 1)

    init(
        configuration: MDNSQuerierConfiguration, querier: MDNSQuerier, output: AsyncStream<[MDNSService]>.Continuation,
        logger: Logger
    ) throws(MDNSError) {
        socket = pio_mdns_open(configuration.port)
        guard socket >= 0 else { throw MDNSError(.socket, errno: errno) }
        routeMonitor = pio_route_monitor_open()
        self.configuration = configuration
        self.querier = querier
        self.output = output
        self.logger = logger
        types = configuration.serviceNames
        cache = MDNSCache(capacity: configuration.cacheCapacity)
        interest = MDNSInterest(types: Set(types), instances: [], hosts: [])
    }

    deinit {
        close(socket)
        if routeMonitor >= 0 { close(routeMonitor) }
    }

    var now: Duration { ContinuousClock.now - start }

    func run() {
        if routeMonitor < 0 {
            logger.warning("cannot follow interface changes; interfaces are checked at start only")
        }
        refreshInterfaces()
        publishIfChanged()
        while waitForWork() {
            tick()
        }
        for interface in joined.values { _ = pio_mdns_membership(socket, interface.index, interface.address, 0) }
        output.finish()
    }

    /// Sleeps until a packet, a command, an interface change or the next timer; false to stop.
    private func waitForWork() -> Bool {
        var descriptors = [
            pollfd(fd: querier.commands.wakeDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
            pollfd(fd: routeMonitor, events: Int16(POLLIN), revents: 0),
        ]
        _ = poll(&descriptors, nfds_t(routeMonitor >= 0 ? 3 : 2), pollTimeout())
        for command in querier.commands.drain() {
            switch command {
            case .stop: return false
            case .queryNow:
                for index in schedules.keys {
                    schedules[index] = BrowseSchedule(startingAt: now, initialDelay: .zero, ceiling: configuration.browseCeiling)
                }
            }
        }
        if routeMonitor >= 0, descriptors[2].revents != 0 {
            _ = pio_route_monitor_drain(routeMonitor)
            refreshInterfaces()
        }
        if descriptors[1].revents != 0 { receiveAll() }
        return true
    }

    /// Milliseconds until the next browse query, refresh or expiry (at most a minute).
    private func pollTimeout() -> Int32 {
        var next = now + .seconds(60)
        for schedule in schedules.values { next = min(next, schedule.next) }
        if let event = cache.nextEvent(wanted: interest.wants) { next = min(next, event) }
        if let publishDue { next = min(next, publishDue) }
        return (next - now).pollTimeout
    }

    /// Joins the group on interfaces that appeared, leaves those that went.
    private func refreshInterfaces() {
        servicesStale = true
        let current = Dictionary(uniqueKeysWithValues: MDNSInterface.current(named: configuration.interfaces).map { ($0.index, $0) })
        for (index, interface) in joined where current[index] != interface {
            _ = pio_mdns_membership(socket, index, interface.address, 0)
            joined[index] = nil
            schedules[index] = nil
            logger.info("mDNS: left interface", metadata: ["interface": "\(interface.name)"])
        }
        for (index, interface) in current where joined[index] == nil {
            guard pio_mdns_membership(socket, index, interface.address, 1) == 0 || errno == EADDRINUSE else {
                logger.warning(
                    "mDNS: cannot join 224.0.0.251", metadata: ["interface": "\(interface.name)", "error": "\(String(cString: strerror(errno)))"])
                continue
            }
            joined[index] = interface
            let delay = Duration.milliseconds(Int64.random(in: 20...120, using: &random))
            schedules[index] = BrowseSchedule(startingAt: now, initialDelay: delay, ceiling: configuration.browseCeiling)
            logger.info("mDNS: browsing", metadata: ["interface": "\(interface.name)", "services": "\(configuration.services)"])
        }
        querier.update { $0.interfaces = joined.count }
    }

    private func receiveAll() {
        while true {
            var interface: Int32 = 0
            var source: UInt32 = 0
            var sourcePort: UInt16 = 0
            var destination: UInt32 = 0
            let count = buffer.withUnsafeMutableBytes { bytes in
                pio_mdns_receive(
                    socket, bytes.baseAddress, bytes.count, &interface, &source, &sourcePort, &destination)
            }
            guard count >= 0 else { return }
            querier.update { $0.received += 1 }
            handle(Array(buffer.prefix(min(count, buffer.count))), oversized: count > DNSMessage.maximumSize,
                   interface: interface, source: source, destination: destination)
        }
    }

    private func handle(_ packet: [UInt8], oversized: Bool, interface index: Int32, source: UInt32, destination: UInt32) {
        // Only interfaces in use, and unicast replies only from the link itself (RFC 6762 §11).
        guard let interface = joined[index], destination == Self.group || interface.isOnLink(source) else {
            querier.update { $0.ignored += 1 }
            logger.trace("mDNS: ignored a packet", metadata: ["interface": "\(index)", "bytes": "\(packet.count)"])
            return
        }
        let message: DNSMessage
        do {
            guard !oversized else { throw DNSParseError(.oversized, at: DNSMessage.maximumSize) }
            message = try DNSMessage(parsing: packet)
        } catch {
            querier.update { $0.malformed += 1 }
            logger.debug("mDNS: dropped a malformed packet", metadata: ["error": "\(error)", "interface": "\(interface.name)"])
            return
        }
        // Queries (ours looped back, or other hosts') and non-standard messages carry nothing to cache.
        guard message.isResponse, message.opcode == 0, message.responseCode == 0 else { return }
        logger.trace(
            "mDNS: response", metadata: ["interface": "\(interface.name)", "records": "\(message.allRecords.count)"])
        // Pointers first, so that the instances and hosts they name are wanted when their records come.
        let order: [DNSRecordType] = [.ptr, .srv, .txt, .a, .aaaa]
        let records = message.allRecords.sorted {
            (order.firstIndex(of: $0.type) ?? order.count) < (order.firstIndex(of: $1.type) ?? order.count)
        }
        let time = now
        for record in records where interest.wants(record) {
            cache.add(record, interface: index, at: time)
            servicesStale = true
            // The names a new record points to are wanted from now on, also later in this packet;
            // a tick recomputes the whole interest, which drops what expired.
            guard record.ttl > 0 else { continue }
            switch record.data {
            case .ptr(let instance): interest.instances.insert(instance)
            case .srv(_, _, _, let target): interest.hosts.insert(target)
            default: break
            }
        }
    }

    /// Sends what is due, expires what is over, and publishes a changed set of services.
    private func tick() {
        let time = now
        for (index, schedule) in schedules where schedule.isDue(at: time) {
            sendBrowseQuery(on: index, at: time)
            schedules[index]?.queried(at: time)
        }
        interest = cache.interest(browsing: types, at: time)
        for (index, questions) in cache.dueRefreshes(at: time, wanted: interest.wants) where joined[index] != nil {
            send(questions: questions, knownAnswers: [], on: index)
        }
        if !cache.removeExpired(at: time).isEmpty {
            interest = cache.interest(browsing: types, at: time)
            servicesStale = true
        }
        querier.update { $0.records = cache.count }
        publishIfChanged()
    }

    private func sendBrowseQuery(on index: Int32, at time: Duration) {
        let questions = types.map { DNSQuestion(name: $0, type: .ptr) }
        let knownAnswers = questions.flatMap { cache.knownAnswers(for: $0, interface: index, at: time) }
        send(questions: questions, knownAnswers: knownAnswers, on: index)
    }

    private func send(questions: [DNSQuestion], knownAnswers: [DNSRecord], on index: Int32) {
        let packets: [[UInt8]]
        do {
            packets = try MDNSQueryBuilder.packets(questions: questions, knownAnswers: knownAnswers)
        } catch {
            logger.error("mDNS: cannot build a query", metadata: ["error": "\(error)"])
            return
        }
        for packet in packets {
            let sent = packet.withUnsafeBytes { bytes in
                pio_mdns_send(socket, bytes.baseAddress, bytes.count, index, Self.group, configuration.port)
            }
            if sent < 0 {
                logger.debug("mDNS: send failed", metadata: ["error": "\(String(cString: strerror(errno)))"])
            } else {
                querier.update { $0.sent += 1 }
            }
        }
    }

    /// Assembles the services when the cache changed and publishes them when they differ; during
    /// a burst of announcements at most once per `publishInterval`, so that a burst costs a few
    /// snapshots rather than one per packet.
    private func publishIfChanged() {
        let time = now
        guard servicesStale else { return }
        if let publishedAt, time < publishedAt + Self.publishInterval {
            publishDue = publishedAt + Self.publishInterval
            return
        }
        servicesStale = false
        publishDue = nil
        var services = cache.services(of: types, at: time)
        services.removeAll { joined[$0.interface] == nil }
        for index in services.indices { services[index].interfaceName = joined[services[index].interface]?.name ?? "" }
        guard services != published else { return }
        published = services
        publishedAt = time
        output.yield(services)
    }
}
