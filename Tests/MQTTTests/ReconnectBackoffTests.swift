import MQTT
import Testing

@Suite("Reconnect backoff")
struct ReconnectBackoffTests {
    @Test("delays double from 1 s to a 60 s ceiling, stretched by at most the jitter")
    func doubling() {
        let backoff = ReconnectBackoff()
        var generator = SystemRandomNumberGenerator()
        let expectedBases: [Int] = [1, 2, 4, 8, 16, 32, 60, 60, 60]
        for (index, base) in expectedBases.enumerated() {
            for _ in 0..<50 {
                let delay = backoff.delay(afterFailures: index + 1, using: &generator)
                #expect(delay >= .seconds(base))
                #expect(delay <= .seconds(base) * 1.25)
            }
        }
    }

    @Test("jitter spreads clients: 100 draws for the same attempt are not all equal")
    func jitterSpreads() {
        let backoff = ReconnectBackoff()
        let delays = Set((0..<100).map { _ in backoff.delay(afterFailures: 3) })
        #expect(delays.count > 50)
    }

    @Test("no jitter gives the bare doubling")
    func withoutJitter() {
        let backoff = ReconnectBackoff(initial: .milliseconds(100), maximum: .seconds(1), jitter: 0)
        #expect(backoff.delay(afterFailures: 1) == .milliseconds(100))
        #expect(backoff.delay(afterFailures: 4) == .milliseconds(800))
        #expect(backoff.delay(afterFailures: 5) == .seconds(1))
        #expect(backoff.delay(afterFailures: 1000) == .seconds(1))
    }
}
