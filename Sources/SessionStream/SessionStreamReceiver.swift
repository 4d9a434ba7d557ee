/// The receiving half of a session stream: it delivers each frame once and in order, drops
/// duplicates (a resent frame, a broker redelivery) and frames past a gap, and says when to
/// acknowledge.
///
/// A frame after a gap is not kept: the sender resends everything unacknowledged, in order,
/// after a reconnect or when acknowledgements stop, so waiting for the missing frame is enough.
public struct SessionStreamReceiver: Sendable {
    /// What a frame delivers.
    public enum Delivery: Sendable, Hashable {
        /// Stream bytes.
        case bytes([UInt8])
        /// An event, as the JSON object the sender wrote.
        case event([UInt8])
    }

    /// The next sequence number expected: every frame before it was delivered.
    public private(set) var nextExpected: UInt64 = 1
    /// Frames dropped because they had been delivered before.
    public private(set) var duplicates = 0
    /// Frames dropped because one before them was missing.
    public private(set) var outOfOrder = 0
    /// Bytes delivered since the stream began.
    public private(set) var deliveredBytes = 0
    /// Bytes after which an acknowledgement is due without waiting for the owner's next flush.
    public let acknowledgeEvery: Int
    private var bytesSinceAcknowledgement = 0
    private var acknowledged: UInt64 = 1
    private var mustAcknowledge = false

    /// A receiver that asks for an acknowledgement at least every `acknowledgeEvery` bytes (a
    /// quarter of the sender's window keeps it streaming).
    public init(acknowledgeEvery: Int = 256 << 10) {
        self.acknowledgeEvery = max(acknowledgeEvery, 1)
    }

    /// Takes a data or event frame and returns what it delivers, or nil when it is dropped (a
    /// duplicate, a frame past a gap, or an acknowledgement, which belongs to the sender).
    public mutating func receive(_ frame: SessionFrame) -> Delivery? {
        guard let sequence = frame.sequence else { return nil }
        guard sequence == nextExpected else {
            if sequence < nextExpected { duplicates += 1 } else { outOfOrder += 1 }
            // Tell the sender where this side is, so that it resends from there.
            mustAcknowledge = true
            return nil
        }
        nextExpected += 1
        switch frame {
        case .data(_, let bytes):
            deliveredBytes += bytes.count
            bytesSinceAcknowledgement += bytes.count
            if bytesSinceAcknowledgement >= acknowledgeEvery { mustAcknowledge = true }
            return .bytes(bytes)
        case .event(_, let json):
            return .event(json)
        case .acknowledgement:
            return nil
        }
    }

    /// Whether an acknowledgement should go out now rather than at the owner's next flush.
    public var acknowledgementDue: Bool { mustAcknowledge }

    /// Whether frames arrived since the last acknowledgement.
    public var hasUnacknowledged: Bool { nextExpected != acknowledged || mustAcknowledge }

    /// The acknowledgement to publish, marking everything so far acknowledged.
    public mutating func acknowledgement() -> SessionFrame {
        acknowledged = nextExpected
        bytesSinceAcknowledgement = 0
        mustAcknowledge = false
        return .acknowledgement(next: nextExpected)
    }
}
