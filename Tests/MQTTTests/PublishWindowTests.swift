@testable import MQTT
import Synchronization
import Testing

@Suite("Publish window (back-pressure)")
struct PublishWindowTests {
    @Test("a full window holds the next publisher until a slot is returned")
    func fullWindowWaits() async {
        let window = PublishWindow(size: 2)
        #expect(await window.acquire())
        #expect(await window.acquire())
        let released = Atomic(false)
        let third = Task {
            let granted = await window.acquire()
            // Only a release can have let this task through.
            return granted && released.load(ordering: .acquiring)
        }
        released.store(true, ordering: .releasing)
        window.release()
        #expect(await third.value)
    }

    @Test("closing the window refuses waiting and later publishers")
    func closeRefuses() async {
        let window = PublishWindow(size: 1)
        #expect(await window.acquire())
        let waiting = Task { await window.acquire() }
        window.close()
        #expect(await waiting.value == false)
        #expect(await window.acquire() == false)
    }
}
