import AgentCore

/// The human form of a device list: aligned columns, one device per line.
struct DeviceTable {
    let devices: [Device]

    init(_ devices: [Device]) { self.devices = devices }

    var text: String {
        guard !devices.isEmpty else { return "No devices. (Is the board plugged in? `pioctl reannounce` rescans.)" }
        let header = ["ID", "PORT", "BOARD", "DESCRIPTION", "HWID"]
        return TextTable.render(header: header, rows: devices.map(Self.columns))
    }

    /// `+ ttyUSB0  /dev/ttyUSB0  usb-10C4_EA60-0001  CP2102 USB to UART Bridge Controller`.
    static func eventLine(_ name: InventoryEvent.Name, _ device: Device) -> String {
        let mark =
            switch name {
            case .added: "+"
            case .removed: "-"
            case .changed: "~"
            case .snapshot: "="
            }
        let cells = columns(device)
        return "\(mark) \(device.name)  \(cells[1])  \(cells[0])  \(cells[3])"
    }

    private static func columns(_ device: Device) -> [String] {
        switch device {
        case .serial(let serial):
            [
                serial.id, serial.present ? serial.port : "\(serial.port) (absent)", serial.board ?? "-",
                serial.description, serial.hwid,
            ]
        case .ota(let board):
            [
                board.id, "\(board.addresses.first ?? board.host):\(board.port)", board.board ?? "-",
                "OTA \(board.service) on \(board.interface)\(board.authRequired ? ", password" : "")", board.host,
            ]
        }
    }
}
