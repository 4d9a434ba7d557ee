import Systemd
import Testing

/// Looking up adopted sockets by name.
@Suite struct SocketActivationLookupTests {
    let activation = SocketActivation(sockets: [
        ActivatedSocket(descriptor: 3, name: "metrics"),
        ActivatedSocket(descriptor: 4, name: SocketActivation.controlSocketName),
        ActivatedSocket(descriptor: 5, name: "control"),
    ])

    @Test func firstSocketWithTheNameIsReturned() {
        #expect(self.activation.socket(named: "control") == ActivatedSocket(descriptor: 4, name: "control"))
        #expect(self.activation.socket(named: "metrics")?.descriptor == 3)
    }

    @Test func allSocketsWithTheNameAreListedInOrder() {
        #expect(self.activation.sockets(named: "control").map(\.descriptor) == [4, 5])
    }

    @Test func unknownNameFindsNothing() {
        #expect(self.activation.socket(named: "absent") == nil)
        #expect(self.activation.sockets(named: "absent").isEmpty)
    }
}
