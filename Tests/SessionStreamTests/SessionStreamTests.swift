import SessionStream
import TestSupport
import Testing

/// The sender and receiver over a simulated broker link that duplicates frames and, at a
/// "broker restart", loses everything in transit both ways.
@Suite struct SessionStreamTests {
    /// Moves frames between a sender and a receiver until everything is delivered.
    struct Link {
        var sender: SessionStreamSender
        var receiver = SessionStreamReceiver(acknowledgeEvery: 4096)
        var toReceiver: [SessionFrame] = []
        var toSender: [SessionFrame] = []
        var delivered: [SessionStreamReceiver.Delivery] = []
        var restarts = 0

        init(limits: SessionStreamSender.Limits) {
            sender = SessionStreamSender(limits: limits)
        }

        /// One round: the sender publishes, the broker may duplicate or lose, the receiver takes
        /// a batch and acknowledges, the sender takes the acknowledgements.
        mutating func round(_ random: inout SplitMix64, lossy: Bool) {
            for frame in sender.framesToSend() {
                // Frames travel as bytes, as they do over MQTT.
                let wire = try! SessionFrame(decoding: frame.encoded)
                toReceiver.append(wire)
                if lossy, random.chance(0.05) { toReceiver.append(wire) }
            }
            if lossy, random.chance(0.03) {
                // A broker restart: what was in transit is gone; the sender learns of the reconnect.
                toReceiver.removeAll()
                toSender.removeAll()
                sender.rewind()
                restarts += 1
                return
            }
            let batch = toReceiver.prefix(random.int(in: 1...8))
            toReceiver.removeFirst(batch.count)
            for frame in batch {
                if let delivery = receiver.receive(frame) { delivered.append(delivery) }
                if receiver.acknowledgementDue { toSender.append(receiver.acknowledgement()) }
            }
            if receiver.hasUnacknowledged { toSender.append(receiver.acknowledgement()) }
            for case .acknowledgement(let next) in toSender { sender.acknowledge(next: next) }
            toSender.removeAll()
            // Acknowledgements stopped coming while frames are out: send them again.
            if toReceiver.isEmpty, sender.awaitsAcknowledgement { sender.rewind() }
        }

        var deliveredBytes: [UInt8] {
            delivered.flatMap { delivery -> [UInt8] in if case .bytes(let bytes) = delivery { bytes } else { [] } }
        }

        var events: [String] {
            delivered.compactMap { delivery in if case .event(let json) = delivery { String(decoding: json, as: UTF8.self) } else { nil } }
        }
    }

    @Test func everyByteArrivesOnceAndInOrderThroughDuplicatesAndBrokerRestarts() {
        var duplicates = 0
        var restarts = 0
        for seed in UInt64(1)...20 {
            var random = SplitMix64(seed: seed)
            let limits = SessionStreamSender.Limits(
                window: random.int(in: 1...20_000), buffer: 1 << 30, frameBody: random.int(in: 1...5000))
            var link = Link(limits: limits)
            var source: [UInt8] = []
            var events = 0
            for _ in 0..<200 {
                if random.chance(0.7) {
                    let chunk = (0..<random.int(in: 1...3000)).map { _ in UInt8.random(in: 0...255, using: &random) }
                    source += chunk
                    link.sender.enqueue(chunk)
                } else if random.chance(0.2) {
                    link.sender.enqueueEvent(Array("{\"event\":\"mark\",\"at\":\(source.count)}".utf8))
                    events += 1
                }
                link.round(&random, lossy: true)
            }
            var rounds = 0
            while !link.sender.isIdle || !link.toReceiver.isEmpty, rounds < 100_000 {
                link.round(&random, lossy: rounds < 1000)
                rounds += 1
            }
            #expect(link.sender.isIdle, "seed \(seed)")
            let exact = link.deliveredBytes == source
            #expect(exact, "seed \(seed): \(link.deliveredBytes.count) of \(source.count) bytes")
            #expect(link.events.count == events, "seed \(seed)")
            #expect(link.sender.droppedBytes == 0)
            duplicates += link.receiver.duplicates
            restarts += link.restarts
        }
        // The run went through what it is about.
        #expect(duplicates > 100)
        #expect(restarts > 100)
    }

    @Test func eventsSitWhereTheyHappenedAmongTheBytes() {
        var random = SplitMix64(seed: 7)
        var link = Link(limits: .init(window: 10, buffer: 1000, frameBody: 4))
        link.sender.enqueue(Array("abcdef".utf8))
        link.sender.enqueueEvent(Array("{\"event\":\"mark\"}".utf8))
        link.sender.enqueue(Array("gh".utf8))
        while !link.sender.isIdle { link.round(&random, lossy: false) }
        let text = link.delivered.map { delivery -> String in
            switch delivery {
            case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
            case .event: "|"
            }
        }.joined()
        #expect(text == "abcdef|gh")
    }

    @Test func aSlowReceiverGetsAnOverrunWithTheExactCountNotASilentLoss() {
        var random = SplitMix64(seed: 11)
        var link = Link(limits: .init(window: 1000, buffer: 4000, frameBody: 500))
        // The board sends 10 000 bytes before the client has acknowledged anything.
        let first = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        let dropped = link.sender.enqueue(first)
        #expect(dropped == 6000)
        #expect(link.sender.bufferedBytes == 4000)
        // Once the window has taken its share, the buffer has room again.
        link.round(&random, lossy: false)
        let later = Array("after".utf8)
        let droppedLater = link.sender.enqueue(later)
        #expect(droppedLater == 0)
        while !link.sender.isIdle { link.round(&random, lossy: false) }
        let delivered = link.deliveredBytes == Array(first.prefix(4000)) + later
        #expect(delivered, "\(link.deliveredBytes.count) bytes delivered")
        #expect(link.events == ["{\"event\":\"overrun\",\"bytes\":6000}"])
        #expect(link.sender.droppedBytes == 6000)
    }

    @Test func theWindowBoundsTheBytesInFlight() {
        var sender = SessionStreamSender(limits: .init(window: 1000, buffer: 1 << 20, frameBody: 300))
        sender.enqueue(Array(repeating: 1, count: 5000))
        let frames = sender.framesToSend()
        #expect(frames.count == 4)
        #expect(sender.inFlightBytes == 1000)
        let none = sender.framesToSend()
        #expect(none.isEmpty)
        let accepted = sender.acknowledge(next: 3)
        #expect(accepted)
        #expect(sender.inFlightBytes == 400)
        let more = sender.framesToSend()
        #expect(more.map(\.sequence) == [5, 6])
        // An acknowledgement of frames never sent changes nothing.
        let bogus = sender.acknowledge(next: 99)
        #expect(!bogus)
        #expect(sender.inFlightBytes == 1000)
    }

    @Test func theReceiverDropsDuplicatesAndFramesPastAGap() {
        var receiver = SessionStreamReceiver()
        let first = receiver.receive(.data(sequence: 1, bytes: [1]))
        let again = receiver.receive(.data(sequence: 1, bytes: [1]))
        let pastGap = receiver.receive(.data(sequence: 3, bytes: [3]))
        #expect(first == .bytes([1]))
        #expect(again == nil)
        #expect(pastGap == nil)
        #expect(receiver.duplicates == 1)
        #expect(receiver.outOfOrder == 1)
        #expect(receiver.acknowledgementDue)
        let acknowledgement = receiver.acknowledgement()
        #expect(acknowledgement == .acknowledgement(next: 2))
        let second = receiver.receive(.data(sequence: 2, bytes: [2]))
        #expect(second == .bytes([2]))
        #expect(receiver.deliveredBytes == 2)
    }
}
