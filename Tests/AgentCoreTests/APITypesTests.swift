import AgentCore
import Testing

@Suite struct APITypesTests {
    @Test func statusUsesTheDocumentedKeys() throws {
        let status = AgentStatus(
            agent: .init(
                name: "lab-01", version: "0.1.0", pid: 42, uptimeSeconds: 1.5,
                startedAt: Timestamp(millisecondsSinceEpoch: 0), udevSource: .kernel, configFile: nil),
            cloud: .init(state: "disabled"),
            devices: .init(serial: 3, absent: 1),
            inventory: .init(udevEvents: 7, rescans: 2, overruns: 0, lastRescanAt: nil, sequence: 9),
            control: .init(socket: "/run/pio-agent/control.sock", socketActivated: true, connections: 1, eventSubscribers: 0))
        let text = String(decoding: try AgentJSON.encode(status), as: UTF8.self)
        for fragment in [
            #""uptime_s":1.5"#, #""udev_source":"kernel""#, #""state":"disabled""#, #""serial":3"#,
            #""socket_activated":true"#, #""seq":9"#, #""udev_events":7"#, #""pid":42"#,
        ] {
            #expect(text.contains(fragment), "\(fragment) missing in \(text)")
        }
        #expect(try AgentJSON.decode(AgentStatus.self, from: Array(text.utf8)) == status)
    }

    @Test func eventsCarryTheirNameAndSequence() throws {
        let device = Device.serial(SerialDevice(id: "ttyS0", name: "ttyS0", port: "/dev/ttyS0", since: .now()))
        let event = InventoryEvent(name: .removed, sequence: 12, at: .now(), device: device)
        let text = String(decoding: try AgentJSON.encode(event), as: UTF8.self)
        #expect(text.contains(#""event":"device.removed""#))
        #expect(text.contains(#""seq":12"#))
        #expect(!text.contains(#""devices""#))
        #expect(try AgentJSON.decode(InventoryEvent.self, from: Array(text.utf8)) == event)
    }

    @Test func errorsHaveCodeAndMessage() throws {
        let text = String(decoding: try AgentJSON.encode(APIErrorBody(code: "not_found", message: "no device x")), as: UTF8.self)
        #expect(text == #"{"error":{"code":"not_found","message":"no device x"}}"#)
    }
}
