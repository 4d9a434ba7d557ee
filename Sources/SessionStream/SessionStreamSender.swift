/// The sending half of a session stream: it frames what the source produces, keeps at most a
/// window of bytes unacknowledged, holds what does not fit yet up to a bound, and keeps every
/// unacknowledged frame so that it can send them again after a reconnect.
///
/// When the source outruns the receiver past the bound, the bytes that do not fit are dropped
/// and counted, and an `overrun` event with their number takes their place in the stream:
/// nothing is ever lost silently. The type only keeps state; its owner publishes the frames,
/// feeds it acknowledgements and rewinds it when the link to the broker was lost.
public struct SessionStreamSender: Sendable {
    /// What the sender keeps in memory at most.
    public struct Limits: Sendable, Hashable {
        /// Bytes sent and not yet acknowledged.
        public var window: Int
        /// Bytes waiting to be sent (the board outrunning the client), beyond the window.
        public var buffer: Int
        /// The largest data frame body.
        public var frameBody: Int

        /// Limits; values below one byte are raised to one.
        public init(window: Int = 1 << 20, buffer: Int = 4 << 20, frameBody: Int = 64 << 10) {
            self.window = max(window, 1)
            self.buffer = max(buffer, 1)
            self.frameBody = min(max(frameBody, 1), SessionFrame.maximumSize - SessionFrame.headerSize)
        }
    }

    /// Something waiting to be framed.
    private enum Pending: Sendable {
        case bytes([UInt8])
        case event([UInt8])
        /// Bytes dropped at this point because the buffer was full.
        case overrun(Int)
    }

    /// The limits in force.
    public let limits: Limits
    private var pending: [Pending] = []
    private var pendingHead = 0
    /// Bytes waiting in `pending`.
    public private(set) var bufferedBytes = 0
    private var inFlight: [SessionFrame] = []
    /// Bytes of the data frames sent and not acknowledged.
    public private(set) var inFlightBytes = 0
    /// How many of `inFlight` to send again (from the oldest) before anything new.
    private var resendCount = 0
    private var nextSequence: UInt64 = 1
    /// Bytes dropped by overruns since the stream began.
    public private(set) var droppedBytes = 0

    /// A sender with `limits`.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Whether nothing waits and nothing is unacknowledged.
    public var isIdle: Bool { pendingHead == pending.count && inFlight.isEmpty }

    /// Whether frames are unacknowledged (the owner resends them when no acknowledgement comes).
    public var awaitsAcknowledgement: Bool { !inFlight.isEmpty }

    /// Takes bytes from the source; what does not fit in the buffer is dropped and reported as
    /// an overrun at this point of the stream. Returns how many bytes were dropped.
    @discardableResult
    public mutating func enqueue(_ bytes: [UInt8]) -> Int {
        guard !bytes.isEmpty else { return 0 }
        let room = max(limits.buffer - bufferedBytes, 0)
        let kept = min(room, bytes.count)
        // Bytes after an overrun come after its event; an overrun that is still last grows.
        if kept > 0 {
            pending.append(.bytes(kept == bytes.count ? bytes : Array(bytes.prefix(kept))))
            bufferedBytes += kept
        }
        let dropped = bytes.count - kept
        if dropped > 0 {
            if case .overrun(let earlier)? = pending.last, pending.count > pendingHead {
                pending[pending.count - 1] = .overrun(earlier + dropped)
            } else {
                pending.append(.overrun(dropped))
            }
            droppedBytes += dropped
        }
        return dropped
    }

    /// Queues an event (a JSON object) after the bytes enqueued so far.
    public mutating func enqueueEvent(_ json: [UInt8]) {
        pending.append(.event(json))
    }

    /// The frames to publish now, in order: first any to send again, then new ones while the
    /// window has room (an event or overrun always fits, so it is never held behind a full window
    /// longer than the bytes before it).
    public mutating func framesToSend() -> [SessionFrame] {
        var frames = Array(inFlight.prefix(resendCount))
        resendCount = 0
        while pendingHead < pending.count {
            switch pending[pendingHead] {
            case .event(let json):
                frames.append(record(.event(sequence: nextSequence, json: json)))
                pendingHead += 1
            case .overrun(let count):
                frames.append(record(.event(sequence: nextSequence, json: Array("{\"event\":\"overrun\",\"bytes\":\(count)}".utf8))))
                pendingHead += 1
            case .bytes:
                let room = min(limits.window - inFlightBytes, limits.frameBody)
                guard room > 0 else { return finish(frames) }
                let body = takeBytes(upTo: room)
                frames.append(record(.data(sequence: nextSequence, bytes: body)))
            }
        }
        return finish(frames)
    }

    /// Takes an acknowledgement: every frame numbered below `next` arrived. An acknowledgement
    /// of frames never sent is ignored (false).
    @discardableResult
    public mutating func acknowledge(next: UInt64) -> Bool {
        guard next <= nextSequence else { return false }
        var acknowledged = 0
        for frame in inFlight {
            guard let sequence = frame.sequence, sequence < next else { break }
            if case .data(_, let bytes) = frame { inFlightBytes -= bytes.count }
            acknowledged += 1
        }
        inFlight.removeFirst(acknowledged)
        resendCount = max(resendCount - acknowledged, 0)
        return true
    }

    /// Sends every unacknowledged frame again with the next ``framesToSend()``: after a
    /// reconnect, or when acknowledgements stopped coming. The receiver drops what it had.
    public mutating func rewind() {
        resendCount = inFlight.count
    }

    private mutating func record(_ frame: SessionFrame) -> SessionFrame {
        inFlight.append(frame)
        if case .data(_, let bytes) = frame { inFlightBytes += bytes.count }
        nextSequence += 1
        return frame
    }

    /// Up to `limit` bytes from the front of the queue, joining consecutive byte chunks.
    private mutating func takeBytes(upTo limit: Int) -> [UInt8] {
        var body: [UInt8] = []
        while body.count < limit, pendingHead < pending.count, case .bytes(let chunk) = pending[pendingHead] {
            let wanted = limit - body.count
            if chunk.count <= wanted {
                body += chunk
                pendingHead += 1
            } else {
                body += chunk.prefix(wanted)
                pending[pendingHead] = .bytes(Array(chunk.dropFirst(wanted)))
            }
        }
        bufferedBytes -= body.count
        return body
    }

    private mutating func finish(_ frames: [SessionFrame]) -> [SessionFrame] {
        // Drop what was framed from the front once it is most of the queue.
        if pendingHead > 64, pendingHead * 2 > pending.count {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
        return frames
    }
}
