extension SerialModemLines: Codable {
    enum CodingKeys: String, CodingKey {
        case dtr, rts, cts, dsr, ri, cd
    }

    /// Decodes the six lines; a missing line is off.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            dtr: try container.decodeIfPresent(Bool.self, forKey: .dtr) ?? false,
            rts: try container.decodeIfPresent(Bool.self, forKey: .rts) ?? false,
            cts: try container.decodeIfPresent(Bool.self, forKey: .cts) ?? false,
            dsr: try container.decodeIfPresent(Bool.self, forKey: .dsr) ?? false,
            ri: try container.decodeIfPresent(Bool.self, forKey: .ri) ?? false,
            cd: try container.decodeIfPresent(Bool.self, forKey: .cd) ?? false)
    }

    /// Encodes the six lines as booleans.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dtr, forKey: .dtr)
        try container.encode(rts, forKey: .rts)
        try container.encode(cts, forKey: .cts)
        try container.encode(dsr, forKey: .dsr)
        try container.encode(ri, forKey: .ri)
        try container.encode(cd, forKey: .cd)
    }
}
