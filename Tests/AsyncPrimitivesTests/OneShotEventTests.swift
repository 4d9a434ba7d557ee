import AsyncPrimitives
import Testing

@Suite struct OneShotEventTests {
    @Test func waitersResumeWhenTheEventHappensAndLaterOnesAtOnce() async {
        let event = OneShotEvent()
        async let early = event.waitUnlessCancelled()
        event.signal()
        #expect(await early)
        #expect(await event.waitUnlessCancelled())
        await event.wait()
    }

    @Test func aCancelledWaiterReturnsFalseWithoutTheEvent() async {
        let event = OneShotEvent()
        let waiting = Task { await event.waitUnlessCancelled() }
        waiting.cancel()
        #expect(await waiting.value == false)
        // Cancelled before it even waits.
        let late = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await event.waitUnlessCancelled()
        }
        #expect(await late.value == false)
        event.signal()
        #expect(await event.waitUnlessCancelled())
    }
}
