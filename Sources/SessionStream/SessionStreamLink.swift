import AsyncPrimitives

/// One end of a session stream over a message transport (MQTT in the agent and in pioctl):
/// it frames what this end sends, publishes the frames in order, resends what the other end
/// did not acknowledge, and delivers what the other end sent exactly once and in order.
///
/// The owner routes every message of the inbound topic to ``receive(_:)``, calls
/// ``transportReconnected()`` after each reconnection, and runs ``run()`` for the life of the
/// stream: it publishes, resends when acknowledgements stop coming, and sends a heartbeat when
/// asked to. ``publish`` must publish one message on the outbound topic with QoS 1 and return
/// once the broker has it. Publishing runs apart from ``send(_:)``, so bytes that arrive while a
/// frame is being published go out together in the next one.
public actor SessionStreamLink {
    private let wake = WakeSignal()
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
    private let heartbeat: Duration?
    private var lastPublished = ContinuousClock.now
    private var heartbeatDue = false
    private let sink: AsyncStream<SessionStreamReceiver.Delivery>.Continuation
    /// What the other end sent, once each, in order; it ends when the link closes.
    public nonisolated let deliveries: AsyncStream<SessionStreamReceiver.Delivery>
    private var lastProgress = ContinuousClock.now
    private var waitingForRoom: [CheckedContinuation<Void, Never>] = []
    private var closed = false

    /// A link that publishes with `publish`, keeps `limits`, resends unacknowledged frames once
    /// no acknowledgement came for `resendAfter`, and, with a `heartbeat`, acknowledges at least
    /// that often (so that the other end knows this one is still there).
    public init(
        limits: SessionStreamSender.Limits = .init(), overflow: Overflow, resendAfter: Duration = .seconds(1),
        heartbeat: Duration? = nil, publish: @escaping Publish
    ) {
        sender = SessionStreamSender(limits: limits)
        receiver = SessionStreamReceiver(acknowledgeEvery: max(limits.window / 4, 1))
        self.publish = publish
        self.overflow = overflow
        self.resendAfter = resendAfter
        self.heartbeat = heartbeat
        (deliveries, sink) = AsyncStream.makeStream(of: SessionStreamReceiver.Delivery.self)
    }

    /// Sends bytes to the other end; returns the bytes dropped by an overrun (always 0 when
    /// the link waits for room instead).
    @discardableResult
    public func send(_ bytes: [UInt8]) async -> Int {
        guard !closed else { return 0 }
        guard overflow == .wait else {
            let dropped = sender.enqueue(bytes)
            wake.wake()
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
            wake.wake()
        }
        return 0
    }

    /// Sends an event (a JSON object) after the bytes sent so far.
    public func sendEvent(_ json: [UInt8]) async {
        guard !closed else { return }
        sender.enqueueEvent(json)
        wake.wake()
    }

    /// Takes one message of the inbound topic: a frame from the other end.
    public func receive(_ message: [UInt8]) {
        // A message that is not a frame is dropped: the stream goes on (docs/protocol.md §11).
        guard let frame = try? SessionFrame(decoding: message) else { return }
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
        wake.wake()
    }

    /// The transport reconnected: send again everything not acknowledged.
    public func transportReconnected() {
        sender.rewind()
        wake.wake()
    }

    /// Publishes what is due until the task is cancelled or the link closed; resends
    /// unacknowledged frames whenever no acknowledgement came for `resendAfter`, and keeps the
    /// heartbeat.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { [weak self] in
                while !Task.isCancelled, let self, await self.tick() {}
            }
            while !closed, !Task.isCancelled {
                await pump()
                await wake.sleep(timeout: nil)
            }
            group.cancelAll()
        }
    }

    /// One beat of the resend and heartbeat clock; false once the link is closed.
    private func tick() async -> Bool {
        try? await Task.sleep(for: resendAfter / 2)
        guard !closed else { return false }
        let now = ContinuousClock.now
        if sender.awaitsAcknowledgement, now - lastProgress >= resendAfter {
            lastProgress = now
            sender.rewind()
            wake.wake()
        }
        if let heartbeat, now - lastPublished >= heartbeat {
            heartbeatDue = true
            wake.wake()
        }
        return true
    }

    /// Publishes what is due now, without ``run()`` (a last event after the session ended).
    public func flush() async {
        await pump()
    }

    /// Ends the link: deliveries end and waiting senders return.
    public func close() {
        closed = true
        sink.finish()
        wakeSenders()
        wake.wake()
    }

    /// Publishes what is due, in order, one publication at a time.
    private func pump() async {
        defer { wakeSenders() }
        while !closed {
            // The resend clock starts when frames go out after a quiet spell.
            if !sender.awaitsAcknowledgement { lastProgress = .now }
            var frames = sender.framesToSend()
            if receiver.hasUnacknowledged || heartbeatDue { frames.append(receiver.acknowledgement()) }
            heartbeatDue = false
            guard !frames.isEmpty else { return }
            for frame in frames {
                do {
                    try await publish(frame.encoded)
                    lastPublished = .now
                } catch {
                    // The transport is down: what was not acknowledged goes again after the reconnect.
                    return
                }
            }
            wakeSenders()
        }
    }

    private func wakeSenders() {
        let waiting = waitingForRoom
        waitingForRoom.removeAll()
        for continuation in waiting { continuation.resume() }
    }
}
