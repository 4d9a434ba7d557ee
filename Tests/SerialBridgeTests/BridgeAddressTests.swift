import SerialBridge
import Testing

@Suite struct BridgeAddressTests {
    @Test(arguments: [
        ("127.0.0.1:4000", "127.0.0.1", 4000, true),
        ("4001", "127.0.0.1", 4001, true),
        ("0.0.0.0:0", "0.0.0.0", 0, false),
        ("[::1]:4000", "::1", 4000, true),
        ("localhost:65535", "localhost", 65535, true),
        ("farm.example:23", "farm.example", 23, false),
    ])
    func readsAddresses(text: String, host: String, port: Int, loopback: Bool) throws {
        let address = try BridgeAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.isLoopback == loopback)
        #expect(try BridgeAddress(parsing: address.description) == address)
    }

    @Test(arguments: ["", ":4000", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "[::1]", "[::1]4000", "host:port", "a b:1"])
    func refusesMalformedAddresses(text: String) {
        #expect(throws: BridgeError.self) { try BridgeAddress(parsing: text) }
    }
}
