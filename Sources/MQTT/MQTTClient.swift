public import Logging
import Synchronization
import ThreadSupport

/// An MQTT 5 client over libmosquitto.
///
/// One OS thread owns the libmosquitto handle: it connects, polls the socket (never `select`,
/// so descriptor numbers above 1024 are fine), keeps the link alive, reconnects with
/// ``ReconnectBackoff`` and runs every C callback. The rest of the program talks to it through
/// this type: ``events`` and ``messages`` are ordered streams with one reader each, and
/// ``publish(_:)`` completes when the broker acknowledges. Use it through
/// ``withMQTTClient(configuration:logger:_:)``.
public final class MQTTClient: Sendable {
    /// Changes of the link, in order. One reader.
    public let events: AsyncStream<MQTTConnectionEvent>
    /// Received messages, in order, bounded by the configuration's `inboundBufferLimit` and
    /// `inboundByteLimit`. One reader.
    public let messages: MQTTMessageStream

    let commands: ThreadCommandQueue<MQTTCommand>
    let window: PublishWindow
    private let counters = Counters()

    init(
        events: AsyncStream<MQTTConnectionEvent>, messages: MQTTMessageStream,
        commands: ThreadCommandQueue<MQTTCommand>, window: PublishWindow
    ) {
        self.events = events
        self.messages = messages
        self.commands = commands
        self.window = window
    }

    /// Publishes a message and returns the broker's answer: for QoS 1 the PUBACK reason code
    /// (which may report a failure such as ``MQTTReasonCode/notAuthorized``), for QoS 0
    /// ``MQTTReasonCode/success`` once written. Waits while the publish window is full.
    ///
    /// - Throws: ``MQTTError`` when not connected, when the connection drops before the
    ///   acknowledgement, or when the client stops.
    public func publish(_ message: MQTTOutgoingMessage) async throws(MQTTError) -> MQTTReasonCode {
        guard await window.acquire() else { throw MQTTError(.stopped, "publish: the MQTT client is stopping") }
        let result = await withCheckedContinuation { continuation in
            if !commands.push(.publish(message, continuation)) {
                continuation.resume(returning: .failure(MQTTError(.stopped, "publish: the MQTT client has stopped")))
            }
        }
        return try result.get()
    }

    /// Subscribes (QoS 1) to topic filters now, for this connection only, and returns the
    /// SUBACK reason codes in order (a code of 0x80 or more means refused).
    public func subscribe(_ filters: [String]) async throws(MQTTError) -> [MQTTReasonCode] {
        let result = await withCheckedContinuation { continuation in
            if !commands.push(.subscribe(filters, continuation)) {
                continuation.resume(returning: .failure(MQTTError(.stopped, "subscribe: the MQTT client has stopped")))
            }
        }
        return try result.get()
    }

    /// Ends the link cleanly: publishes `farewell` (QoS 1, waiting up to `timeout` for its
    /// acknowledgement) and sends DISCONNECT, which tells the broker to drop the will.
    /// Afterwards the client stays down.
    ///
    /// Returns after `timeout` plus a second at the latest, even when the thread is still
    /// blocked in a connection attempt (name resolution, a TCP connect to a silent host): a
    /// shutdown never waits on the network.
    public func disconnect(farewell: MQTTOutgoingMessage? = nil, timeout: Duration = .seconds(2)) async {
        await withCheckedContinuation { continuation in
            let waiter = ResumeOnce(continuation)
            guard commands.push(.disconnect(farewell: farewell, timeout: timeout, waiter)) else {
                waiter.resume()
                return
            }
            Task {
                try? await Task.sleep(for: timeout + .seconds(1))
                waiter.resume()
            }
        }
    }

    /// Counters since start.
    public var statistics: MQTTStatistics {
        MQTTStatistics(
            published: counters.published.load(ordering: .relaxed),
            received: counters.received.load(ordering: .relaxed),
            dropped: counters.dropped.load(ordering: .relaxed),
            reconnects: counters.reconnects.load(ordering: .relaxed),
            connected: counters.connected.load(ordering: .relaxed))
    }

    func countPublished() { counters.published.add(1, ordering: .relaxed) }
    func countReceived() { counters.received.add(1, ordering: .relaxed) }
    func countDropped() { counters.dropped.add(1, ordering: .relaxed) }
    func countReconnect() { counters.reconnects.add(1, ordering: .relaxed) }
    func setConnected(_ connected: Bool) { counters.connected.store(connected, ordering: .relaxed) }

    private final class Counters: Sendable {
        let published = Atomic<UInt64>(0)
        let received = Atomic<UInt64>(0)
        let dropped = Atomic<UInt64>(0)
        let reconnects = Atomic<UInt64>(0)
        let connected = Atomic<Bool>(false)
    }
}

/// Runs `body` with a started ``MQTTClient`` and stops the client's thread when `body`
/// returns or throws.
///
/// The first connection attempt starts at once; `body` learns its outcome from
/// ``MQTTClient/events``.
///
/// - Throws: ``MQTTError`` when the configuration is unusable (an unreadable CA file, a key
///   without a certificate), before anything connects; then whatever `body` throws.
public func withMQTTClient<Result: Sendable>(
    configuration: MQTTClientConfiguration,
    logger: Logger,
    _ body: (MQTTClient) async throws -> Result
) async throws -> Result {
    let commands: ThreadCommandQueue<MQTTCommand>
    do { commands = try ThreadCommandQueue() } catch {
        throw MQTTError(.library, error.description)
    }
    let (events, eventSink) = AsyncStream.makeStream(
        of: MQTTConnectionEvent.self, bufferingPolicy: .bufferingNewest(64))
    let (messages, messageSink) = AsyncStream.makeStream(
        of: MQTTMessage.self, bufferingPolicy: .bufferingOldest(max(configuration.inboundBufferLimit, 1)))
    let window = PublishWindow(size: configuration.publishWindow)
    let buffered = BufferedBytes(limit: configuration.inboundByteLimit)
    let client = MQTTClient(
        events: events, messages: MQTTMessageStream(stream: messages, buffered: buffered), commands: commands,
        window: window)
    let worker = try MQTTWorker(
        configuration: configuration, client: client, events: eventSink, messages: messageSink, buffered: buffered,
        logger: logger)
    do {
        try PosixThread.detach { worker.run() }
    } catch {
        throw MQTTError(.library, error.description)
    }
    defer {
        window.close()
        commands.push(.stop)
    }
    return try await body(client)
}
