import TestSupport
import Testing

/// The querier over IPv6 (ff02::fb) against python-zeroconf in network namespaces joined by a
/// veth pair with ULA addresses.
@Suite("mDNS over IPv6 in network namespaces", .serialized, .timeLimit(.minutes(1)))
struct MDNSIPv6Tests {
    @Test("a board announced over IPv6 alone is listed within 2 s with its AAAA address, and goes within 2 s of its goodbye")
    func announcedOverIPv6() async throws {
        let rig = try await MDNSRig(ipv6: .addresses, families: .ipv6)
        defer { rig.stop() }
        let address = try #require(rig.namespaces.firstIPv6Address)
        let browser = try rig.browser()
        defer { browser.stop() }
        try await browser.waitForSnapshot(timeout: .seconds(5)) { $0 == "[]" }
        try await browser.waitForBrowsing(over: "IPv6")
        try await rig.boards("add esp32-aabbccddeeff _arduino._tcp 3232 board=esp32 auth_upload=no")
        try await browser.waitForSnapshot(timeout: .seconds(2)) { $0.contains("\"instance\":\"esp32-aabbccddeeff\"") }
        let listed = browser.lastSnapshot
        #expect(listed.contains("\"addresses\":[\"\(address)\"]"))
        #expect(listed.contains("\"port\":3232"))
        #expect(listed.contains("\"board\":\"esp32\""))
        #expect(listed.contains("\"interface\":\"\(rig.namespaces.secondInterface)\""))
        try await rig.boards("goodbye esp32-aabbccddeeff")
        try await browser.waitForSnapshot(timeout: .seconds(2)) { $0 == "[]" }
    }

    @Test("a board heard over IPv4 and IPv6 is one service with both addresses")
    func bothFamiliesOneService() async throws {
        let rig = try await MDNSRig(ipv6: .addresses, families: .both)
        defer { rig.stop() }
        let ipv6 = try #require(rig.namespaces.firstIPv6Address)
        let browser = try rig.browser(trace: true)
        defer { browser.stop() }
        try await browser.waitForSnapshot(timeout: .seconds(5)) { $0 == "[]" }
        try await browser.waitForBrowsing(over: "IPv4")
        try await browser.waitForBrowsing(over: "IPv6")
        try await rig.boards("add wled-1 _wled._tcp 80 mac=aabbccddeeff")
        // Its announcements came in over both families...
        for family in ["IPv4", "IPv6"] {
            try await browser.log.wait(timeout: .seconds(2)) { text in
                text.split(separator: "\n").contains { $0.contains("mDNS: response") && $0.contains("family=\(family)") }
            }
        }
        // ...and a change made after them shows one service, not one per family.
        try await rig.boards("txt wled-1 mac=aabbccddeeff note=changed")
        try await browser.waitForSnapshot(timeout: .seconds(2)) { $0.contains("\"note\":\"changed\"") }
        let listed = browser.lastSnapshot
        #expect(listed.split(separator: "\"instance\":", omittingEmptySubsequences: false).count == 2)
        #expect(listed.contains("\"addresses\":[\"\(rig.namespaces.firstAddress)\",\"\(ipv6)\"]"))
    }

    @Test("an interface that gains IPv6 later is joined once its address is usable, and its query finds a board that announced before")
    func interfaceGainsIPv6() async throws {
        let rig = try await MDNSRig(ipv6: .secondLater, families: .ipv6)
        defer { rig.stop() }
        let address = try #require(rig.namespaces.firstIPv6Address)
        // The board's announcements are over before the browser starts: only an answer to a query finds it.
        try await rig.boards("add pico-6 _arduino._tcp 2040 board=rp2040")
        let browser = try rig.browser(trace: true)
        defer { browser.stop() }
        try await browser.waitForSnapshot(timeout: .seconds(5)) { $0 == "[]" }
        try await browser.waitForBrowsing(over: "IPv4")
        #expect(!browser.log.text.contains("family=IPv6"))
        // The address is tentative during duplicate address detection (a second or two), then usable.
        try await rig.namespaces.addSecondIPv6Address()
        try await browser.waitForBrowsing(over: "IPv6", timeout: .seconds(5))
        try await browser.waitForSnapshot(timeout: .seconds(2)) { $0.contains("\"instance\":\"pico-6\"") }
        #expect(browser.lastSnapshot.contains("\"addresses\":[\"\(address)\"]"))
        // Joined only once the kernel could send from the address: no query was lost to it.
        #expect(!browser.log.text.contains("send failed"))
    }
}
