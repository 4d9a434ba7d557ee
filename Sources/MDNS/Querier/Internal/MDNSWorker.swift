import CLinuxShims
import Logging
import ThreadSupport
#if canImport(Glibc)
import Glibc
#endif

/// The mDNS thread: owns the sockets (IPv4, and IPv6 where the system has it), the cache and
/// the timers.
final class MDNSWorker {
    /// An IP version, as the log names it.
    enum Family: String {
        case ipv4 = "IPv4"
        case ipv6 = "IPv6"
    }

    /// 224.0.0.251 in network order.
    static let group = UInt32(0xE00000FB).bigEndian
    /// The shortest time between two snapshots.
    static let publishInterval: Duration = .milliseconds(50)

    let configuration: MDNSQuerierConfiguration
    let querier: MDNSQuerier
    let output: AsyncStream<[MDNSService]>.Continuation
    let logger: Logger
    let socket: Int32
    /// The IPv6 socket, or -1 without one (see `socket6Error`); the querier then uses IPv4 only.
    let socket6: Int32
    /// Why there is no IPv6 socket: EAFNOSUPPORT when the system has no IPv6.
    let socket6Error: Int32
    let routeMonitor: Int32
    let types: [DNSName]
    var start: ContinuousClock.Instant { querier.started }
    var cache: MDNSCache
    /// The interfaces in use (joined in at least one family), as last seen.
    var joined: [Int32: MDNSInterface] = [:]
    /// Interfaces joined to 224.0.0.251, with the address they were joined with.
    var joinedIPv4: [Int32: UInt32] = [:]
    /// Interfaces joined to ff02::fb.
    var joinedIPv6: Set<Int32> = []
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
    /// A received IPv6 datagram's source and destination addresses.
    var source6 = [UInt8](repeating: 0, count: 16)
    var destination6 = [UInt8](repeating: 0, count: 16)

    init(
        configuration: MDNSQuerierConfiguration, querier: MDNSQuerier, output: AsyncStream<[MDNSService]>.Continuation,
        logger: Logger
    ) throws(MDNSError) {
        socket = pio_mdns_open(configuration.port)
        guard socket >= 0 else { throw MDNSError(.socket, errno: errno) }
        socket6 = pio_mdns_open6(configuration.port)
        socket6Error = socket6 < 0 ? errno : 0
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
        if socket6 >= 0 { close(socket6) }
        if routeMonitor >= 0 { close(routeMonitor) }
    }

    var now: Duration { ContinuousClock.now - start }

    func run() {
        if routeMonitor < 0 {
            logger.warning("cannot follow interface changes; interfaces are checked at start only")
        }
        if socket6Error == EAFNOSUPPORT {
            logger.info("mDNS: the system has no IPv6; browsing over IPv4 only")
        } else if socket6 < 0 {
            logger.warning(
                "mDNS: cannot open the IPv6 socket on UDP port \(configuration.port); browsing over IPv4 only",
                metadata: ["error": "\(String(cString: strerror(socket6Error)))"])
        }
        refreshInterfaces()
        publishIfChanged()
        while waitForWork() {
            tick()
        }
        for (index, address) in joinedIPv4 { _ = pio_mdns_membership(socket, index, address, 0) }
        for index in joinedIPv6 { _ = pio_mdns_membership6(socket6, index, 0) }
        output.finish()
    }

    /// Sleeps until a packet, a command, an interface change or the next timer; false to stop.
    private func waitForWork() -> Bool {
        // poll skips the negative descriptors: no IPv6 socket, no route monitor.
        var descriptors = [querier.commands.wakeDescriptor, socket, socket6, routeMonitor].map {
            pollfd(fd: $0, events: Int16(POLLIN), revents: 0)
        }
        _ = poll(&descriptors, nfds_t(descriptors.count), pollTimeout())
        for command in querier.commands.drain() {
            switch command {
            case .stop: return false
            case .queryNow:
                for index in schedules.keys {
                    schedules[index] = BrowseSchedule(startingAt: now, initialDelay: .zero, ceiling: configuration.browseCeiling)
                }
            }
        }
        if descriptors[3].revents != 0 {
            _ = pio_route_monitor_drain(routeMonitor)
            refreshInterfaces()
        }
        if descriptors[1].revents != 0 { receiveIPv4() }
        if descriptors[2].revents != 0 { receiveIPv6() }
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

    /// Joins the groups on interfaces that appeared or gained IPv4 or IPv6, leaves what went; an
    /// interface that gained a family starts browsing afresh (an initial burst on each family).
    private func refreshInterfaces() {
        servicesStale = true
        let current = Dictionary(uniqueKeysWithValues: MDNSInterface.current(named: configuration.interfaces).map { ($0.index, $0) })
        for (index, address) in joinedIPv4 where current[index]?.address != address { leave(.ipv4, on: index) }
        for index in joinedIPv6 where current[index]?.hasIPv6 != true { leave(.ipv6, on: index) }
        var gained = Set<Int32>()
        for interface in current.values.sorted(by: { $0.index < $1.index }) {
            if interface.address != nil, joinedIPv4[interface.index] == nil, join(.ipv4, on: interface) {
                gained.insert(interface.index)
            }
            if interface.hasIPv6, socket6 >= 0, !joinedIPv6.contains(interface.index), join(.ipv6, on: interface) {
                gained.insert(interface.index)
            }
        }
        for index in joined.keys where joinedIPv4[index] == nil && !joinedIPv6.contains(index) {
            joined[index] = nil
            schedules[index] = nil
        }
        for index in Set(joinedIPv4.keys).union(joinedIPv6) { joined[index] = current[index] }
        for index in gained {
            let delay = Duration.milliseconds(Int64.random(in: 20...120, using: &random))
            schedules[index] = BrowseSchedule(startingAt: now, initialDelay: delay, ceiling: configuration.browseCeiling)
        }
        querier.update { $0.interfaces = joined.count }
    }

    /// Joins `family`'s group on `interface`; false when that fails.
    private func join(_ family: Family, on interface: MDNSInterface) -> Bool {
        let status = switch family {
        case .ipv4: pio_mdns_membership(socket, interface.index, interface.address ?? 0, 1)
        case .ipv6: pio_mdns_membership6(socket6, interface.index, 1)
        }
        let error = errno
        var metadata: Logger.Metadata = ["interface": "\(interface.name)", "family": "\(family.rawValue)"]
        // A second join on one socket fails with EADDRINUSE: joined all the same.
        guard status == 0 || error == EADDRINUSE else {
            metadata["error"] = "\(String(cString: strerror(error)))"
            switch family {
            case .ipv4: logger.warning("mDNS: cannot join 224.0.0.251", metadata: metadata)
            // A link without IPv6 after all is no error: IPv4 only there, another try at the next change.
            case .ipv6: logger.debug("mDNS: cannot join ff02::fb; no IPv6 there for now", metadata: metadata)
            }
            return false
        }
        switch family {
        case .ipv4: joinedIPv4[interface.index] = interface.address ?? 0
        case .ipv6: joinedIPv6.insert(interface.index)
        }
        metadata["services"] = "\(configuration.services)"
        logger.info("mDNS: browsing", metadata: metadata)
        return true
    }

    /// Leaves `family`'s group on interface `index` (the kernel has done so already when the
    /// interface went away).
    private func leave(_ family: Family, on index: Int32) {
        switch family {
        case .ipv4:
            guard let address = joinedIPv4.removeValue(forKey: index) else { return }
            _ = pio_mdns_membership(socket, index, address, 0)
        case .ipv6:
            guard joinedIPv6.remove(index) != nil else { return }
            _ = pio_mdns_membership6(socket6, index, 0)
        }
        logger.info(
            "mDNS: left interface",
            metadata: ["interface": "\(joined[index]?.name ?? "\(index)")", "family": "\(family.rawValue)"])
    }

    private func receiveIPv4() {
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
            // Multicast, or unicast replies from the link itself (RFC 6762 §11).
            let accepted = joinedIPv4[interface] != nil
                && (destination == Self.group || joined[interface]?.isOnLink(source) == true)
            handle(Array(buffer.prefix(min(count, buffer.count))), oversized: count > DNSMessage.maximumSize,
                   interface: interface, family: .ipv4, accepted: accepted)
        }
    }

    private func receiveIPv6() {
        while true {
            var interface: Int32 = 0
            var sourcePort: UInt16 = 0
            let count = buffer.withUnsafeMutableBytes { bytes in
                pio_mdns_receive6(
                    socket6, bytes.baseAddress, bytes.count, &interface, &source6, &sourcePort, &destination6)
            }
            guard count >= 0 else { return }
            querier.update { $0.received += 1 }
            let accepted = joinedIPv6.contains(interface)
                && (destination6 == IPv6Prefix.mdnsGroup || joined[interface]?.isOnLink(ipv6: source6) == true)
            handle(Array(buffer.prefix(min(count, buffer.count))), oversized: count > DNSMessage.maximumSize,
                   interface: interface, family: .ipv6, accepted: accepted)
        }
    }

    /// Takes in a packet that came in on interface `index`; `accepted` is false for one from an
    /// interface not in use for its family, or a unicast one from off-link.
    private func handle(_ packet: [UInt8], oversized: Bool, interface index: Int32, family: Family, accepted: Bool) {
        guard accepted, let interface = joined[index] else {
            querier.update { $0.ignored += 1 }
            logger.trace(
                "mDNS: ignored a packet",
                metadata: ["interface": "\(index)", "family": "\(family.rawValue)", "bytes": "\(packet.count)"])
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
            "mDNS: response",
            metadata: [
                "interface": "\(interface.name)", "family": "\(family.rawValue)", "records": "\(message.allRecords.count)",
            ])
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
        // The same packets on each family joined there: one query per family and tick.
        for packet in packets {
            if joinedIPv4[index] != nil {
                let sent = packet.withUnsafeBytes { bytes in
                    pio_mdns_send(socket, bytes.baseAddress, bytes.count, index, Self.group, configuration.port)
                }
                counted(sent, family: .ipv4)
            }
            if joinedIPv6.contains(index) {
                let sent = packet.withUnsafeBytes { bytes in
                    IPv6Prefix.mdnsGroup.withUnsafeBufferPointer { group in
                        pio_mdns_send6(socket6, bytes.baseAddress, bytes.count, index, group.baseAddress, configuration.port)
                    }
                }
                counted(sent, family: .ipv6)
            }
        }
    }

    /// Counts a datagram sent, or logs why it was not (`errno` from the send).
    private func counted(_ sent: Int, family: Family) {
        if sent < 0 {
            let error = errno
            logger.debug(
                "mDNS: send failed", metadata: ["family": "\(family.rawValue)", "error": "\(String(cString: strerror(error)))"])
        } else {
            querier.update { $0.sent += 1 }
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
