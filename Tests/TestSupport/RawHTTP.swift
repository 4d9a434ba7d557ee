/// One HTTP exchange written by hand, for testing how the control server treats bad input.
public enum RawHTTP {
    /// A response as read off the wire.
    public struct Response: Sendable {
        /// The status code, or nil when the server closed without answering.
        public let status: Int?
        /// Everything after the blank line.
        public let body: String
        /// The whole text received.
        public let raw: String
    }

    /// Sends `request` on a new connection to `socketPath` and reads until the server closes.
    public static func exchange(_ request: [UInt8], socketPath: String, timeout: Duration = .seconds(10)) async throws
        -> Response
    {
        try await blocking {
            let connection = try UnixSocket.connectedStream(to: socketPath, timeout: timeout)
            defer { connection.close() }
            // The server may answer (413) and close before the whole request is written.
            try? connection.send(request)
            return parse(try connection.readToEnd())
        }
    }

    /// Sends `request` text; see ``exchange(_:socketPath:timeout:)``.
    public static func exchange(_ request: String, socketPath: String, timeout: Duration = .seconds(10)) async throws
        -> Response
    {
        try await exchange(Array(request.utf8), socketPath: socketPath, timeout: timeout)
    }

    /// Splits a received response into status and body.
    public static func parse(_ bytes: [UInt8]) -> Response {
        let text = String(decoding: bytes, as: UTF8.self)
        let statusLine = text.prefix { $0 != "\r" && $0 != "\n" }
        let parts = statusLine.split(separator: " ")
        let status = parts.count >= 2 && parts[0].hasPrefix("HTTP/1.") ? Int(parts[1]) : nil
        let body = text.firstRange(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return Response(status: status, body: body, raw: text)
    }
}
