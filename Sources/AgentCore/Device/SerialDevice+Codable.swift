extension SerialDevice: Codable {
    enum CodingKeys: String, CodingKey {
        case id, kind, name, port, description, hwid, vid, pid, manufacturer, product, driver, board
        case present, source, since
        case byID = "by_id"
        case byPath = "by_path"
        case serialNumber = "serial_number"
        case usbPath = "usb_path"
    }

    /// The `kind` value of every serial device.
    public static let kind = "serial"

    /// Decodes a device; `kind` must be `"serial"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        guard kind == Self.kind else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "expected kind \"serial\", got \"\(kind)\"")
        }
        self.init(
            id: try container.decode(String.self, forKey: .id),
            name: try container.decode(String.self, forKey: .name),
            port: try container.decode(String.self, forKey: .port),
            byID: try container.decodeIfPresent(String.self, forKey: .byID),
            byPath: try container.decodeIfPresent(String.self, forKey: .byPath),
            description: try container.decode(String.self, forKey: .description),
            hwid: try container.decode(String.self, forKey: .hwid),
            vid: try container.decodeIfPresent(String.self, forKey: .vid),
            pid: try container.decodeIfPresent(String.self, forKey: .pid),
            serialNumber: try container.decodeIfPresent(String.self, forKey: .serialNumber),
            manufacturer: try container.decodeIfPresent(String.self, forKey: .manufacturer),
            product: try container.decodeIfPresent(String.self, forKey: .product),
            usbPath: try container.decodeIfPresent(String.self, forKey: .usbPath),
            driver: try container.decodeIfPresent(String.self, forKey: .driver),
            board: try container.decodeIfPresent(String.self, forKey: .board),
            present: try container.decode(Bool.self, forKey: .present),
            source: try container.decode(DeviceSource.self, forKey: .source),
            since: try container.decode(Timestamp.self, forKey: .since)
        )
    }

    /// Encodes every key, writing absent values as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(Self.kind, forKey: .kind)
        try container.encode(name, forKey: .name)
        try container.encode(port, forKey: .port)
        try container.encode(byID, forKey: .byID)
        try container.encode(byPath, forKey: .byPath)
        try container.encode(description, forKey: .description)
        try container.encode(hwid, forKey: .hwid)
        try container.encode(vid, forKey: .vid)
        try container.encode(pid, forKey: .pid)
        try container.encode(serialNumber, forKey: .serialNumber)
        try container.encode(manufacturer, forKey: .manufacturer)
        try container.encode(product, forKey: .product)
        try container.encode(usbPath, forKey: .usbPath)
        try container.encode(driver, forKey: .driver)
        try container.encode(board, forKey: .board)
        try container.encode(present, forKey: .present)
        try container.encode(source, forKey: .source)
        try container.encode(since, forKey: .since)
    }
}
