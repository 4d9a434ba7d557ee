import ESPOTA
import Testing

@Suite struct ESPOTAAuthenticationTests {
    @Test("the MD5 and PBKDF2-SHA256 answers match espota's test vectors")
    func answersMatchTheReference() throws {
        #expect(
            try ESPOTAAuthentication.response(
                password: "admin", nonce: "0123456789abcdef0123456789abcdef", cnonce: "fedcba9876543210fedcba9876543210")
                == "199cd366606a4c7b55e82b1277ecd8ec")
        #expect(
            try ESPOTAAuthentication.response(
                password: "admin", nonce: "78377b525757b494427f89014f97d79928f3938d14eb51e20fb5dec9834eb304",
                cnonce: "39b6bd4f2bfa336bf00c37bed108afda082f6fe23601bf8b81d71d4bed28f1c3")
                == "47d832f1c8d9f0f00825422d405adff52e6f27d0c127b1702ecca2f34b3c94ac")
    }

    @Test func onlyThirtyTwoOrSixtyFourHexDigitsAreChallenges() {
        #expect(ESPOTAAuthentication.isValidNonce(String(repeating: "a", count: 32)))
        #expect(ESPOTAAuthentication.isValidNonce(String(repeating: "F", count: 64)))
        #expect(!ESPOTAAuthentication.isValidNonce(String(repeating: "a", count: 33)))
        #expect(!ESPOTAAuthentication.isValidNonce(String(repeating: "g", count: 32)))
        #expect(throws: ESPOTAError.self) { try ESPOTAAuthentication.response(password: "x", nonce: "12", cnonce: "34") }
        #expect(ESPOTAAuthentication.clientNonce(matching: String(repeating: "0", count: 64)).utf8.count == 64)
    }
}
