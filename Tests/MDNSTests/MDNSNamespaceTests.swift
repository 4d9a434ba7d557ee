import TestSupport
import Testing

/// The querier against python-zeroconf in network namespaces joined by a veth pair.
@Suite("mDNS browsing in network namespaces", .serialized, .timeLimit(.minutes(1)))
struct MDNSNamespaceTests {
    @Test("a board is listed within 2 s with its TXT keys, follows a TXT change, and goes within 2 s of its goodbye")
    func announceChangeGoodbye() async throws {
        let rig = try await MDNSRig()
        defer { rig.stop() }
        let browser = try rig.browser()
        defer { browser.stop() }
        try await browser.waitForSnapshot(timeout: .seconds(5)) { $0 == "[]" }
        try await rig.boards("add esp32-aabbccddeeff _arduino._tcp 3232 board=esp32 tcp_check=no ssh_upload=no auth_upload=yes")
        try await browser.waitForSnapshot(timeout: .seconds(2)) { $0.contains("\"instance\":\"esp32-aabbccddeeff\"") }
        let listed = browser.lastSnapshot
        #expect(listed.contains("\"service\":\"_arduino._tcp\""))
        #expect(listed.contains("\"port\":3232"))
        #expect(listed.contains("\"addresses\":[\"\(rig.namespaces.firstAddress)\"]"))
        #expect(listed.contains("\"auth_upload\":\"yes\""))
        #expect(listed.contains("\"board\":\"esp32\""))
        #expect(listed.contains("\"interface\":\"\(rig.namespaces.secondInterface)\""))
        try await rig.boards("txt esp32-aabbccddeeff board=esp32s3 auth_upload=no")
        try await browser.waitForSnapshot(timeout: .seconds(2)) { $0.contains("\"board\":\"esp32s3\"") }
        #expect(browser.lastSnapshot.contains("\"auth_upload\":\"no\""))
        #expect(!browser.lastSnapshot.contains("tcp_check"))
        try await rig.boards("goodbye esp32-aabbccddeeff")
        try await browser.waitForSnapshot(timeout: .seconds(2)) { $0 == "[]" }
    }

    @Test("a board that vanishes without a goodbye is dropped when its records' TTL runs out")
    func vanishWithoutGoodbye() async throws {
        let rig = try await MDNSRig(hostTTL: 3, otherTTL: 3)
        defer { rig.stop() }
        let browser = try rig.browser()
        defer { browser.stop() }
        try await browser.waitForSnapshot(timeout: .seconds(5)) { $0 == "[]" }
        try await rig.boards("add pico-1 _arduino._tcp 2040 board=rp2040")
        try await browser.waitForSnapshot(timeout: .seconds(2)) { $0.contains("\"instance\":\"pico-1\"") }
        try await rig.boards("vanish")
        // The records live 3 s; refresh queries at 80-95 % get no answer.
        try await browser.waitForSnapshot(timeout: .seconds(5)) { $0 == "[]" }
    }

    @Test("several boards and service types are told apart; other service types are not listed")
    func severalBoards() async throws {
        let rig = try await MDNSRig()
        defer { rig.stop() }
        let browser = try rig.browser()
        defer { browser.stop() }
        try await browser.waitForSnapshot(timeout: .seconds(5)) { $0 == "[]" }
        try await rig.boards("add esp8266-0a1b2c _arduino._tcp 8266 board=nodemcuv2 auth_upload=no")
        try await rig.boards("add living-room _esphomelib._tcp 6053 platform=ESP32 board=esp32dev version=2024.10")
        try await rig.boards("add strip _wled._tcp 80 mac=aabbccddeeff")
        try await rig.boards("add printer _ipp._tcp 631 ty=printer")
        try await browser.waitForSnapshot(timeout: .seconds(3)) {
            $0.contains("esp8266-0a1b2c") && $0.contains("living-room") && $0.contains("\"instance\":\"strip\"")
        }
        #expect(!browser.lastSnapshot.contains("printer"))
        #expect(browser.lastSnapshot.contains("\"platform\":\"ESP32\""))
    }

    @Test("packets on an interface that is not configured are ignored")
    func otherInterfaceIgnored() async throws {
        let rig = try await MDNSRig()
        defer { rig.stop() }
        let configured = try rig.browser(interfaces: [rig.namespaces.secondInterface])
        defer { configured.stop() }
        // Another user's socket on 5353 beside ours, as avahi's would be.
        let elsewhere = try rig.browser(interfaces: ["lo"], asNobody: true)
        defer { elsewhere.stop() }
        // Both browse before the board announces itself.
        try await configured.waitForSnapshot(timeout: .seconds(5)) { $0 == "[]" }
        try await elsewhere.waitForSnapshot(timeout: .seconds(5)) { $0 == "[]" }
        try await rig.boards("add esp32-11 _arduino._tcp 3232 board=esp32")
        try await configured.waitForSnapshot(timeout: .seconds(2)) { $0.contains("esp32-11") }
        // The board announced itself several times on the veth by now; none of it reached the lo browser.
        try await rig.boards("txt esp32-11 board=esp32 note=again")
        try await configured.waitForSnapshot(timeout: .seconds(2)) { $0.contains("again") }
        #expect(elsewhere.lastSnapshot == "[]")
        #expect(!elsewhere.output.text.contains("esp32-11"))
    }
}
