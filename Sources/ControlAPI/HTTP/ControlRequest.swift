import NIOCore
import NIOHTTP1

/// A complete request: head, decoded path and query, and body.
struct ControlRequest: Sendable {
    let method: HTTPMethod
    /// The percent-decoded path segments, such as `["v1", "devices", "ttyUSB0"]`.
    let segments: [String]
    /// The raw path, for messages and logs.
    let path: String
    /// Percent-decoded query parameters; the last one wins when a name repeats.
    let query: [String: String]
    let body: ByteBuffer?
    let isKeepAlive: Bool
    /// The protocol the client asks to switch to (`Upgrade`, with `upgrade` among the `Connection`
    /// options), lower-cased, or nil.
    let upgrade: String?
    let version: HTTPVersion

    /// Splits and decodes the request target; a malformed percent escape is a bad request.
    init(head: HTTPRequestHead, body: ByteBuffer?) throws(ControlAPIError) {
        let target = head.uri
        let questionMark = target.firstIndex(of: "?")
        let pathPart = target[..<(questionMark ?? target.endIndex)]
        let queryPart = questionMark.map { target[target.index(after: $0)...] } ?? ""
        guard pathPart.hasPrefix("/") else {
            throw .badRequest("request target must be an absolute path, got \(target)")
        }
        var segments: [String] = []
        for segment in pathPart.split(separator: "/") {
            guard let decoded = PercentDecoding.decode(segment) else {
                throw .badRequest("malformed percent escape in path \(pathPart)")
            }
            segments.append(decoded)
        }
        var query: [String: String] = [:]
        for pair in queryPart.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentDecoding.decode(parts[0], plusIsSpace: true),
                let value = PercentDecoding.decode(parts.count > 1 ? parts[1] : "", plusIsSpace: true)
            else {
                throw .badRequest("malformed percent escape in query \(queryPart)")
            }
            query[name] = value
        }
        self.method = head.method
        self.segments = segments
        self.path = String(pathPart)
        self.query = query
        self.body = body
        self.isKeepAlive = head.isKeepAlive
        let connectionOptions = head.headers[canonicalForm: "connection"].map { $0.lowercased() }
        upgrade = connectionOptions.contains("upgrade") ? head.headers.first(name: "upgrade")?.lowercased() : nil
        self.version = head.version
    }
}
