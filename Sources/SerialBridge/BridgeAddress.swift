/// Where the bridge listens: `HOST:PORT`, `[IPV6]:PORT`, or a port alone (on 127.0.0.1).
public struct BridgeAddress: Sendable, Hashable, CustomStringConvertible {
    /// The host or address to bind.
    public var host: String
    /// The TCP port; 0 lets the system choose one.
    public var port: Int

    /// An address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `text`.
    ///
    /// - Throws: ``BridgeError`` naming what is wrong.
    public init(parsing text: String) throws(BridgeError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw BridgeError("--listen \(text): an IPv6 address goes in brackets with a port, such as [::1]:4000")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            host = "127.0.0.1"
            portText = text[...]
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "[" || $0 == "]" }) else {
            throw BridgeError("--listen \(text): the host is missing or malformed; use HOST:PORT, such as 127.0.0.1:4000")
        }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw BridgeError("--listen \(text): the port must be a number from 0 to 65535")
        }
        self.init(host: String(host), port: port)
    }

    /// Whether only this host can reach the address.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `HOST:PORT`, with an IPv6 address in brackets.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
