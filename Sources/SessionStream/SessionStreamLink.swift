/// One end of a session stream over a message transport (MQTT in the agent and in pioctl):
/// it frames what this end sends, publishes the frames in order, resends what the other end
/// did not acknowledge, and delivers what the other end sent exactly once and in order.
///
/// The owner routes every message of the inbound topic to ``receive(_:)``, calls
/// ``transportReconnected()`` after each reconnection, and runs ``run()`` for the life of the
/// stream (it resends when acknowledgements stop coming). ``publish`` must publish one message
/// on the outbound topic with QoS 1 and return once the broker has it.
public actor SessionStreamLink {
    /// What ``send(_:)`` does when the other end falls behind by more than the buffer.
    public enum Overflow: Sendable {
        /// Drop what does not fit and report an `overrun` event in the stream (a board that
        /// cannot be held back).
        case reportOverrun
        /// Wait until there is room (a client's keyboard or upload, which can be held back).
        case wait
    }

    /// Publishes one frame's bytes on the outbound topic; throws when the transport is down.
    public typealias Publish = @Sendable ([UInt8]) async throws -> Void

    private var sender: SessionStreamSender
    private var receiver: SessionStreamReceiver
    private let publish: Publish
    private let overflow: Overflow
    private let resendAfter: Duration
    private let sink: AsyncStream<SessionStreamReceiver.Delivery>.Continuation
    /// What the other end sent, once each, in order; it ends when the link closes.
    public nonisolated let deliveries: AsyncStream<SessionStreamReceiver.Delivery>
    private var pumping = false
    private var pumpAgain = false
    private var lastProgress = ContinuousClock.now
    private var waitingForRoom: [CheckedContinuation<Void, Never>] = []
    private var closed = false
    /// Messages dropped because they were not frames.
    public private(set) var malformed = 0

    /// A link that publishes with `publish`, keeps `limits`, and resends unacknowledged frames
    /// once no acknowledgement came for `resendAfter`.
    public init(
        limits: SessionStreamSender.Limits = .init(), overflow: Overflow, resendAfter: Duration = .seconds(1),
        publish: @escaping Publish
    ) {
        sender = SessionStreamSender(limits: limits)
        receiver = SessionStreamReceiver(acknowledgeEvery: max(limits.window / 4, 1))
        self.publish = publish
        self.overflow = overflow
        self.resendAfter = resendAfter
        (deliveries, sink) = AsyncStream.makeStream(of: SessionStreamReceiver.Delivery.self)
    }

    /// Sends bytes to the other end; returns the bytes dropped by an overrun (always 0 when
    /// the link waits for room instead).
    @discardableResult
    public func send(_ bytes: [UInt8]) async -> Int {
        guard !closed else { return 0 }
        guard overflow == .wait else {
            let dropped = sender.enqueue(bytes)
            await pump()
            return dropped
        }
        // Held back: in pieces the buffer can take, each once it has room.
        var offset = 0
        while offset < bytes.count, !closed {
            let piece = Array(bytes[offset..<min(offset + sender.limits.buffer, bytes.count)])
            while !closed, sender.bufferedBytes + piece.count > sender.limits.buffer {
                await withCheckedContinuation { waitingForRoom.append($0) }
            }
            guard !closed else { break }
            sender.enqueue(piece)
            offset += piece.count
            await pump()
        }
        return 0
    }

    /// Sends an event (a JSON object) after the bytes sent so far.
    public func sendEvent(_ json: [UInt8]) async {
        guard !closed else { return }
        sender.enqueueEvent(json)
        await pump()
    }

    /// Takes one message of the inbound topic: a frame from the other end.
    public func receive(_ message: [UInt8]) async {
        let frame: SessionFrame
        do {
            frame = try SessionFrame(decoding: message)
        } catch {
            malformed += 1
            return
        }
        if case .acknowledgement(let next) = frame {
            let before = sender.inFlightBytes
            if sender.acknowledge(next: next), sender.inFlightBytes != before || !sender.awaitsAcknowledgement {
                lastProgress = .now
            }
            wakeSenders()
        } else if let delivery = receiver.receive(frame) {
            sink.yield(delivery)
        }
        // Acknowledge at once (an acknowledgement is a small message), and send what an
        // acknowledgement made room for.
        await pump()
    }

    /// The transport reconnected: send again everything not acknowledged.
    public func transportReconnected() async {
        sender.rewind()
        await pump()
    }

    /// Bytes sent and not yet acknowledged, and bytes waiting to be sent.
    public var backlog: (inFlight: Int, buffered: Int) { (sender.inFlightBytes, sender.bufferedBytes) }

    /// Bytes dropped by overruns so far.
    public var droppedBytes: Int { sender.droppedBytes }

    /// Whether everything sent has been acknowledged.
    public var isIdle: Bool { sender.isIdle }

    /// Resends unacknowledged frames whenever no acknowledgement came for `resendAfter`, until
    /// the task is cancelled or the link closed.
    public func run() async {
        while !closed, !Task.isCancelled {
            try? await Task.sleep(for: resendAfter / 2)
            if sender.awaitsAcknowledgement, ContinuousClock.now - lastProgress >= resendAfter {
                lastProgress = .now
                sender.rewind()
                await pump()
            }
        }
    }

    /// Ends the link: deliveries end and waiting senders return.
    public func close() {
        closed = true
        sink.finish()
        wakeSenders()
    }

    /// Publishes what is due, in order, one publication at a time.
    private func pump() async {
        guard !pumping else {
            pumpAgain = true
            return
        }
        pumping = true
        defer { pumping = false }
        defer { wakeSenders() }
        repeat {
            pumpAgain = false
            // The resend clock starts when frames go out after a quiet spell.
            if !sender.awaitsAcknowledgement { lastProgress = .now }
            var frames = sender.framesToSend()
            if receiver.hasUnacknowledged { frames.append(receiver.acknowledgement()) }
            for frame in frames {
                do {
                    try await publish(frame.encoded)
                } catch {
                    // The transport is down: what was not acknowledged goes again after the reconnect.
                    return
                }
            }
        } while pumpAgain
    }

    private func wakeSenders() {
        let waiting = waitingForRoom
        waitingForRoom.removeAll()
        for continuation in waiting { continuation.resume() }
    }
}
