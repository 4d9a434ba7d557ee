import AgentCore
import Logging
import TestSupport
import Testing
import Udev

/// The monitor against this machine's real sysfs and udev database.
@Suite struct UdevMonitorTests {
    @Test func theFirstOutputIsAStartupSnapshotOfTheSelectedTTYs() async throws {
        let configuration = UdevMonitor.Configuration(selection: TTYSelection(include: ["ttyS*", "console"]))
        let snapshot = try await withUdevMonitor(configuration: configuration, logger: Logger(label: "test")) { _, outputs in
            var iterator = outputs.makeAsyncIterator()
            guard case .snapshot(let snapshot) = await iterator.next() else { throw TestFailure("no snapshot first") }
            return snapshot
        }
        #expect(snapshot.scope == .all)
        #expect(snapshot.reason == .startup)
        #expect(snapshot.failure == nil)
        let names = snapshot.devices.map(\.sysname)
        #expect(names.contains("console"))
        #expect(names.allSatisfy { $0 == "console" || $0.hasPrefix("ttyS") })
        // Every listed legacy port has a UART behind it; placeholders (type 0) are left out.
        for device in snapshot.devices where device.sysname.hasPrefix("ttyS") {
            #expect((device.serialPortType ?? 0) != 0, "\(device.sysname)")
        }
        let console = try #require(snapshot.devices.first { $0.sysname == "console" })
        #expect(console.devnode == "/dev/console")
        #expect(console.syspath.hasSuffix("/tty/console"))
    }

    @Test func aRescanOfOneDeviceAnswersTheRequest() async throws {
        let configuration = UdevMonitor.Configuration(selection: TTYSelection(include: ["console", "ttyUSB*"]))
        let snapshots = try await withUdevMonitor(configuration: configuration, logger: Logger(label: "test")) { monitor, outputs in
            monitor.rescan(device: "console", reason: .request, requestID: 7)
            monitor.rescan(device: "ttyUSB99", reason: .request, requestID: 8)
            var found: [UdevSnapshot] = []
            for await output in outputs {
                if case .snapshot(let snapshot) = output, snapshot.reason == .request { found.append(snapshot) }
                if found.count == 2 { break }
            }
            return found
        }
        #expect(snapshots.map(\.scope) == [.device("console"), .device("ttyUSB99")])
        #expect(snapshots.map(\.requestIDs) == [[7], [8]])
        #expect(snapshots[0].devices.map(\.sysname) == ["console"])
        #expect(snapshots[1].devices.isEmpty)
    }

    @Test func changingTheSelectionRescansEverything() async throws {
        let configuration = UdevMonitor.Configuration(selection: TTYSelection(include: []))
        let (first, second) = try await withUdevMonitor(configuration: configuration, logger: Logger(label: "test")) {
            monitor, outputs in
            var iterator = outputs.makeAsyncIterator()
            guard case .snapshot(let first) = await iterator.next() else { throw TestFailure("no start-up snapshot") }
            monitor.select(TTYSelection(include: ["console"]))
            guard case .snapshot(let second) = await iterator.next() else { throw TestFailure("no reload snapshot") }
            return (first, second)
        }
        #expect(first.devices.isEmpty)
        #expect(second.reason == .reload)
        #expect(second.devices.map(\.sysname) == ["console"])
    }
}
