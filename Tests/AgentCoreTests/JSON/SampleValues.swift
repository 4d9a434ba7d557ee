import AgentCore

/// Values of the project's own `Codable` types, as the agent and `pioctl` send them.
enum SampleValues {
    static let since = Timestamp(millisecondsSinceEpoch: 1_764_061_365_123)

    static let fullSerial = SerialDevice(
        id: "usb-Silicon_Labs_CP2102_0001", name: "ttyUSB0", port: "/dev/ttyUSB0",
        byID: "/dev/serial/by-id/usb-Silicon_Labs_CP2102_USB_to_UART_Bridge_Controller_0001-if00-port0",
        byPath: "/dev/serial/by-path/pci-0000:00:14.0-usb-0:1.3.2:1.0-port0",
        description: "CP2102 USB to UART Bridge Controller", hwid: "USB VID:PID=10C4:EA60 SER=0001 LOCATION=1-1.3.2",
        vid: "10C4", pid: "EA60", serialNumber: "0001", manufacturer: "Silicon Labs \"SL\"", product: "CP2102 \\ bridge",
        usbPath: "1-1.3.2", driver: "cp210x", board: "esp32dev", present: true, source: .udev, since: since)

    static let bareSerial = SerialDevice(id: "ttyS0", name: "ttyS0", port: "/dev/ttyS0", present: false, source: .static, since: since)

    static let ota = OTADevice(
        id: "mdns:lamp._arduino._tcp", name: "lamp", service: "_arduino._tcp", host: "lamp.local",
        addresses: ["192.0.2.7", "fe80::1"], port: 3232, txt: ["board": "esp32", "auth_upload": "yes", "tcp_check": "no", "ssh_upload": "no", "é": "ünï\n"],
        board: "esp32", authRequired: true, interface: "eth0", since: since, lastSeen: Timestamp(millisecondsSinceEpoch: 1_764_061_400_000))

    static let devices: [Device] = [.serial(fullSerial), .serial(bareSerial), .ota(ota)]

    /// An inventory of `count` boards.
    static func inventory(count: Int) -> DeviceList {
        DeviceList(
            agent: "lab-01", sequence: 4711,
            devices: (0..<count).map { index in
                if index % 3 == 2 {
                    var device = ota
                    device.id = "mdns:board-\(index)._arduino._tcp"
                    device.name = "board-\(index)"
                    return .ota(device)
                }
                var device = fullSerial
                device.id = "usb-\(index)"
                device.name = "ttyUSB\(index)"
                device.port = "/dev/ttyUSB\(index)"
                return .serial(device)
            })
    }

    static let sessions = SessionList(sessions: [
        SessionSummary(
            id: SessionID("0123456789abcdef")!, kind: "monitor", user: "alice", port: "/dev/ttyUSB0", since: since,
            bytesToUser: 123_456, bytesFromUser: 7)
    ])

    static let status = AgentStatus(
        agent: .init(
            name: "lab-01", version: "0.1.0", pid: 42, uptimeSeconds: 1.5, startedAt: since, udevSource: .kernel,
            configFile: "/etc/pio-agent/agent.toml"),
        cloud: .init(
            state: "connected", url: "mqtts://broker.example:8883", username: "lab-01", connectedSince: since,
            reconnects: 3, lastError: "tls: \"handshake\" failed\n", acl: "enforced"),
        devices: .init(serial: 3, absent: 1, ota: 2),
        inventory: .init(udevEvents: 7, rescans: 2, overruns: 0, lastRescanAt: since, sequence: 9),
        control: .init(socket: "/run/pio-agent/control.sock", socketActivated: true, connections: 1, eventSubscribers: 0),
        sessions: sessions.sessions)

    static let minimalStatus = AgentStatus(
        agent: .init(
            name: "lab-01", version: "0.1.0", pid: 42, uptimeSeconds: 115200, startedAt: since, udevSource: .none, configFile: nil),
        cloud: .init(state: "disabled"),
        devices: .init(serial: 0, absent: 0),
        inventory: .init(udevEvents: 0, rescans: 0, overruns: 0, lastRescanAt: nil, sequence: 0),
        control: .init(socket: "/run/pio-agent/control.sock", socketActivated: false, connections: 0, eventSubscribers: 0))

    static let presence = Presence(
        agent: "lab-01", online: true, version: "0.1.0", hostname: "lab-01.example", owner: nil, startedAt: since, since: since)

    static let agentInfo = AgentInfo(
        agent: "lab-01", version: "0.1.0", hostname: "lab", startedAt: since, owner: "alice", devices: 3, acl: "enforced",
        methods: ["agent.info", "device.list", "monitor.open"])

    static let request = RPCRequest(
        method: "monitor.open",
        params: [
            "port": .string("/dev/ttyUSB0"), "baudrate": .number(115200), "echo": .bool(false), "filters": .array([.string("time"), .null]),
            "nested": .object(["x": .number(-0.5), "y": .number(1e-7), "z": .number(1e20)]),
        ])
}
