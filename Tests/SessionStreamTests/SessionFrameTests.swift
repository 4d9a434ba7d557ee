import SessionStream
import TestSupport
import Testing

@Suite struct SessionFrameTests {
    @Test func framesRoundTrip() throws {
        let frames: [SessionFrame] = [
            .data(sequence: 1, bytes: [0x00, 0x0D, 0x0A, 0xFF]),
            .data(sequence: UInt64.max, bytes: Array(repeating: 0x55, count: 256 * 1024)),
            .event(sequence: 7, json: Array("{\"event\":\"overrun\",\"bytes\":12}".utf8)),
            .acknowledgement(next: 1),
            .acknowledgement(next: 0x0102_0304_0506_0708),
        ]
        for frame in frames {
            #expect(try SessionFrame(decoding: frame.encoded) == frame)
        }
        #expect(SessionFrame.acknowledgement(next: 0x0102_0304_0506_0708).encoded == [0x41, 1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func malformedMessagesAreRefusedWithTheirReason() {
        let cases: [([UInt8], SessionFrameError.Reason)] = [
            ([], .truncated),
            ([0x44, 0, 0, 0, 0, 0, 0, 1], .truncated),
            ([0x58, 0, 0, 0, 0, 0, 0, 0, 1, 0x61], .unknownType),
            ([0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x61], .zeroSequence),
            ([0x44, 0, 0, 0, 0, 0, 0, 0, 1], .emptyData),
            ([0x45, 0, 0, 0, 0, 0, 0, 0, 1] + Array("[1]".utf8), .eventNotAnObject),
            ([0x41, 0, 0, 0, 0, 0, 0, 0, 1, 0x00], .trailingBytes),
            ([0x44, 0, 0, 0, 0, 0, 0, 0, 1] + Array(repeating: 0, count: 256 * 1024 + 1), .oversized),
        ]
        for (wire, reason) in cases {
            #expect(throws: SessionFrameError(reason, size: wire.count)) { try SessionFrame(decoding: wire) }
        }
    }

    @Test func mutatedMessagesDecodeOrFailCleanly() {
        var random = SplitMix64(seed: 0x5E55_1011)
        let seeds = [
            SessionFrame.data(sequence: 3, bytes: Array("hello".utf8)).encoded,
            SessionFrame.event(sequence: 4, json: Array("{\"event\":\"closed\"}".utf8)).encoded,
            SessionFrame.acknowledgement(next: 9).encoded,
        ]
        for _ in 0..<5000 {
            var wire = random.pick(seeds)
            for _ in 0..<random.int(in: 1...4) {
                let index = random.int(in: 0...max(wire.count - 1, 0))
                switch random.int(in: 0...2) {
                case 0 where !wire.isEmpty: wire[index] = UInt8.random(in: 0...255, using: &random)
                case 1 where !wire.isEmpty: wire.remove(at: index)
                default: wire.insert(UInt8.random(in: 0...255, using: &random), at: min(index, wire.count))
                }
            }
            do {
                let frame = try SessionFrame(decoding: wire)
                // Whatever decodes encodes back to the same bytes: nothing is read loosely.
                #expect(frame.encoded == wire)
            } catch {
                #expect(error.size == wire.count)
            }
        }
    }
}
