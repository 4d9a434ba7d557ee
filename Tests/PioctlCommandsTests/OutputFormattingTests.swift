import AgentCore
@testable import PioctlCommands
import Testing

@Suite struct OutputFormattingTests {
    static let status = AgentStatus(
        agent: .init(
            name: "lab-01", version: "0.1.0", pid: 4242, uptimeSeconds: 11_520, startedAt: Timestamp(millisecondsSinceEpoch: 0),
            udevSource: .udev, configFile: "/etc/pio-agent/agent.toml"),
        cloud: .init(state: "disabled"),
        devices: .init(serial: 3, absent: 1),
        inventory: .init(udevEvents: 68, rescans: 2, overruns: 0, lastRescanAt: nil, sequence: 5),
        control: .init(socket: "/run/pio-agent/control.sock", socketActivated: true, connections: 1, eventSubscribers: 1))

    @Test func statusIsATidyTwoColumnTable() {
        let lines = StatusReport(Self.status).text.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(lines[0] == "Agent      lab-01 (pio-agentd 0.1.0, pid 4242, up 3h 12m)")
        #expect(lines.contains("Devices    3 serial, 1 static absent"))
        #expect(lines.contains("Cloud      disabled (no [cloud] section: local only)"))
        #expect(lines.contains { $0.hasPrefix("Control    /run/pio-agent/control.sock (socket-activated), 1 connection, 1 event subscriber") })
        #expect(Set(lines.map { $0.prefix(11).last }) == [" "])
    }

    @Test func sessionsAreListedOnePerRow() throws {
        var status = Self.status
        #expect(!StatusReport(status).text.contains("Sessions"))
        status.sessions = []
        #expect(StatusReport(status).text.contains("Sessions   none"))
        let id = try #require(SessionID("00000000000000aa"))
        status.sessions = [
            SessionSummary(
                id: id, kind: "monitor", user: "bob", port: "/dev/ttyUSB0", since: Timestamp(millisecondsSinceEpoch: 0),
                bytesToUser: 100, bytesFromUser: 3),
            SessionSummary(
                id: id, kind: "monitor", user: "eve", port: "/dev/ttyACM0", since: Timestamp(millisecondsSinceEpoch: 0),
                bytesToUser: 0, bytesFromUser: 0),
        ]
        let lines = StatusReport(status).text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Sessions   monitor /dev/ttyUSB0 by bob since ") && $0.hasSuffix("100 bytes to the user, 3 from") })
        #expect(lines.contains { $0.hasPrefix("           monitor /dev/ttyACM0 by eve") })
    }

    @Test(arguments: [(5.9, "5s"), (65, "1m 5s"), (7260, "2h 1m"), (90_061, "1d 1h")])
    func durationsAreShort(seconds: Double, text: String) {
        #expect(StatusReport.duration(seconds) == text)
    }

    @Test func theDeviceTableAlignsColumnsAndMarksAbsentPorts() {
        let devices: [Device] = [
            .serial(SerialDevice(
                id: "usb-10C4_EA60-0001", name: "ttyUSB0", port: "/dev/ttyUSB0", description: "CP2102",
                hwid: "USB VID:PID=10C4:EA60 SER=0001 LOCATION=1-1", board: "cp210x", since: .now())),
            .serial(SerialDevice(id: "bench", name: "pts/3", port: "/dev/pts/3", present: false, source: .static, since: .now())),
        ]
        let lines = DeviceTable(devices).text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ID                  PORT"))
        #expect(lines[1].hasPrefix("usb-10C4_EA60-0001  /dev/ttyUSB0"))
        #expect(lines[2].contains("/dev/pts/3 (absent)"))
        let portColumn = lines[0].firstRange(of: "PORT")!.lowerBound.utf16Offset(in: lines[0])
        #expect(lines.allSatisfy { $0.count > portColumn })
        #expect(DeviceTable([]).text.hasPrefix("No devices."))
        #expect(DeviceTable.eventLine(.added, devices[0]) == "+ ttyUSB0  /dev/ttyUSB0  usb-10C4_EA60-0001  CP2102")
    }
}
