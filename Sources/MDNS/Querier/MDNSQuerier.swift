public import Logging
import Synchronization
import ThreadSupport

/// Browses mDNS service types on the chosen interfaces (RFC 6762/6763) and reports the service
/// instances found, as a stream of complete snapshots.
///
/// One OS thread owns the UDP sockets (port 5353 beside avahi or any other responder: IPv4, and
/// IPv6 where the system has it), the cache and the timers; it sleeps in `poll` until a packet,
/// a timer or an interface change. Records are cached per interface whichever family brought
/// them, so a board heard over both is one service.
/// Use it through ``withMDNSQuerier(configuration:logger:_:)``.
public final class MDNSQuerier: Sendable {
    /// Every change of the set of services, as the whole set, newest only (a slow reader skips
    /// intermediate states, never the last one). One reader.
    public let snapshots: AsyncStream<[MDNSService]>

    /// When the querier started: ``MDNSService/lastSeen`` counts from here.
    public let started: ContinuousClock.Instant
    let commands: ThreadCommandQueue<MDNSCommand>
    private let counters = Mutex(MDNSQuerierStatistics(received: 0, malformed: 0, ignored: 0, sent: 0, interfaces: 0, records: 0))

    init(snapshots: AsyncStream<[MDNSService]>, commands: ThreadCommandQueue<MDNSCommand>, started: ContinuousClock.Instant) {
        self.snapshots = snapshots
        self.commands = commands
        self.started = started
    }

    /// Counters since start.
    public var statistics: MDNSQuerierStatistics { counters.withLock { $0 } }

    /// Asks every browsed type again now on every interface (after a reload, say).
    public func queryNow() { commands.push(.queryNow) }

    func update(_ change: (inout MDNSQuerierStatistics) -> Void) { counters.withLock { change(&$0) } }
}

/// Runs `body` with a started ``MDNSQuerier`` and stops its thread when `body` returns or throws.
///
/// - Throws: ``MDNSError`` when the socket cannot be opened (port 5353 taken without
///   SO_REUSEPORT by another program, no permission), then whatever `body` throws.
public func withMDNSQuerier<Result: Sendable>(
    configuration: MDNSQuerierConfiguration, logger: Logger, _ body: (MDNSQuerier) async throws -> Result
) async throws -> Result {
    let commands: ThreadCommandQueue<MDNSCommand>
    do { commands = try ThreadCommandQueue() } catch { throw MDNSError(.thread, errno: error.errno) }
    let (snapshots, sink) = AsyncStream.makeStream(of: [MDNSService].self, bufferingPolicy: .bufferingNewest(1))
    let querier = MDNSQuerier(snapshots: snapshots, commands: commands, started: .now)
    let worker = try MDNSWorker(configuration: configuration, querier: querier, output: sink, logger: logger)
    do {
        try PosixThread.detach { worker.run() }
    } catch {
        throw MDNSError(.thread, errno: error.errno)
    }
    defer { commands.push(.stop) }
    return try await body(querier)
}
