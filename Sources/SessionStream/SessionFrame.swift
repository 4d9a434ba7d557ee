/// One MQTT message of a session stream (`…/rpc/U/s/SID` from the user, `…/for/U/s/SID` from
/// the agent): data, an event, or an acknowledgement. `docs/protocol.md` is the normative form.
///
/// Wire form: a type byte, a big-endian 64-bit number, then the body.
/// - `D` data: the frame's sequence number, then the bytes (at least one).
/// - `E` event: the frame's sequence number, then a JSON object (`{"event":"overrun","bytes":N}`…).
/// - `A` acknowledgement: the next sequence number the receiver expects (every frame before it
///   arrived), no body.
///
/// Data and events share one sequence per direction, starting at 1, so an event sits exactly
/// where it happened among the bytes; a receiver drops what it has already had by its number.
public enum SessionFrame: Sendable, Hashable {
    /// Stream bytes.
    case data(sequence: UInt64, bytes: [UInt8])
    /// Something that happened in the stream, as a JSON object.
    case event(sequence: UInt64, json: [UInt8])
    /// Every frame numbered below `next` has arrived.
    case acknowledgement(next: UInt64)

    /// The largest frame accepted: 256 KiB of body and its header.
    public static let maximumSize = 256 * 1024 + headerSize
    /// The type byte and the number.
    public static let headerSize = 9

    /// The sequence number of a data or event frame.
    public var sequence: UInt64? {
        switch self {
        case .data(let sequence, _), .event(let sequence, _): sequence
        case .acknowledgement: nil
        }
    }

    /// The frame in wire form.
    public var encoded: [UInt8] {
        let (type, number, body): (UInt8, UInt64, [UInt8]) =
            switch self {
            case .data(let sequence, let bytes): (UInt8(ascii: "D"), sequence, bytes)
            case .event(let sequence, let json): (UInt8(ascii: "E"), sequence, json)
            case .acknowledgement(let next): (UInt8(ascii: "A"), next, [])
            }
        var wire: [UInt8] = []
        wire.reserveCapacity(Self.headerSize + body.count)
        wire.append(type)
        for shift in stride(from: 56, through: 0, by: -8) { wire.append(UInt8(truncatingIfNeeded: number >> UInt64(shift))) }
        wire.append(contentsOf: body)
        return wire
    }

    /// Reads a frame; a malformed one is refused with the reason.
    public init(decoding wire: [UInt8]) throws(SessionFrameError) {
        guard wire.count <= Self.maximumSize else { throw SessionFrameError(.oversized, size: wire.count) }
        guard wire.count >= Self.headerSize else { throw SessionFrameError(.truncated, size: wire.count) }
        let number = wire[1..<Self.headerSize].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let body = Array(wire[Self.headerSize...])
        switch wire[0] {
        case UInt8(ascii: "D"):
            guard number > 0 else { throw SessionFrameError(.zeroSequence, size: wire.count) }
            guard !body.isEmpty else { throw SessionFrameError(.emptyData, size: wire.count) }
            self = .data(sequence: number, bytes: body)
        case UInt8(ascii: "E"):
            guard number > 0 else { throw SessionFrameError(.zeroSequence, size: wire.count) }
            guard body.first == UInt8(ascii: "{"), body.last == UInt8(ascii: "}") else {
                throw SessionFrameError(.eventNotAnObject, size: wire.count)
            }
            self = .event(sequence: number, json: body)
        case UInt8(ascii: "A"):
            guard body.isEmpty else { throw SessionFrameError(.trailingBytes, size: wire.count) }
            self = .acknowledgement(next: number)
        default:
            throw SessionFrameError(.unknownType, size: wire.count)
        }
    }
}
