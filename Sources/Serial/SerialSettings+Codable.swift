extension SerialSettings: Codable {
    enum CodingKeys: String, CodingKey {
        case baud, bytesize, parity, stopbits, rtscts, xonxoff
    }

    /// Decodes the RPC's fields; a missing field takes its default.
    ///
    /// - Throws: ``SerialSettingsError`` for a bad value, a `DecodingError` for a value of the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SerialSettings.default
        try self.init(
            baud: container.decodeIfPresent(Int.self, forKey: .baud) ?? defaults.baud,
            bytesize: container.decodeIfPresent(Int.self, forKey: .bytesize) ?? defaults.bytesize,
            parity: container.decodeIfPresent(Parity.self, forKey: .parity) ?? defaults.parity,
            stopbits: container.decodeIfPresent(StopBits.self, forKey: .stopbits) ?? defaults.stopbits,
            rtscts: container.decodeIfPresent(Bool.self, forKey: .rtscts) ?? defaults.rtscts,
            xonxoff: container.decodeIfPresent(Bool.self, forKey: .xonxoff) ?? defaults.xonxoff)
    }

    /// Encodes every field.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(baud, forKey: .baud)
        try container.encode(bytesize, forKey: .bytesize)
        try container.encode(parity, forKey: .parity)
        try container.encode(stopbits, forKey: .stopbits)
        try container.encode(rtscts, forKey: .rtscts)
        try container.encode(xonxoff, forKey: .xonxoff)
    }
}
