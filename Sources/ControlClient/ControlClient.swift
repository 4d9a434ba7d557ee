public import AgentCore

/// A client of the daemon's control API, for `pioctl` and tests.
///
/// Calls block the calling thread, each bounded by ``timeout`` from connect to the last byte;
/// no call can hang past it. It needs neither an event loop nor Foundation, so `pioctl` starts
/// in a few milliseconds.
public struct ControlClient: Sendable {
    /// The control socket's path.
    public var socketPath: String
    /// The deadline of each call, from connecting to the last byte of the answer.
    public var timeout: Duration

    /// A raw answer: status, lower-cased headers and body.
    public struct Response: Sendable, Hashable {
        /// The HTTP status code.
        public var status: Int
        /// The `content-type` header, if any.
        public var contentType: String?
        /// The body.
        public var body: [UInt8]
    }

    /// Creates a client of the socket at `socketPath` (by default `$PIO_AGENT_SOCKET`, else
    /// `/run/pio-agent/control.sock`).
    public init(socketPath: String = ControlSocket.pathFromEnvironment(), timeout: Duration = .seconds(5)) {
        self.socketPath = socketPath
        self.timeout = timeout
    }

    /// `GET path`, decoding a JSON answer; an error status throws with the API's message.
    public func get<Value: Decodable>(_ path: String, as type: Value.Type) throws(ControlClientError) -> Value {
        try decode(type, from: try request("GET", path))
    }

    /// `POST path` with an optional JSON body, decoding a JSON answer.
    public func post<Value: Decodable>(_ path: String, body: [UInt8]? = nil, as type: Value.Type)
        throws(ControlClientError) -> Value
    {
        try decode(type, from: try request("POST", path, body: body))
    }

    /// Sends one request and reads the whole answer, whatever its status.
    public func request(_ method: String, _ path: String, body: [UInt8]? = nil) throws(ControlClientError) -> Response {
        var head: HTTPResponseParser.Head?
        var responseBody: [UInt8] = []
        try exchange(method, path, body: body, waitingForBody: .untilDeadline) { output in
            switch output {
            case .head(let value): head = value
            case .body(let chunk): responseBody += chunk
            case .end: break
            }
            return true
        }
        guard let head else { throw ControlClientError(.malformedResponse("no response head"), socketPath: socketPath) }
        return Response(status: head.status, contentType: head.value(of: "content-type"), body: responseBody)
    }

    /// Follows `GET /v1/events`, calling `handle` for each event (the snapshot first) until it
    /// returns false or the daemon ends the stream. Only the wait for the answer's head is
    /// bounded by ``timeout``; an error `handle` throws ends the stream and is rethrown.
    public func followEvents(_ handle: (InventoryEvent) throws -> Bool) throws {
        var lines = LineSplitter()
        var errorBody: [UInt8] = []
        var status = 0
        var handlerError: (any Error)?
        try exchange("GET", "/v1/events", body: nil, waitingForBody: .forever) { output throws(ControlClientError) in
            switch output {
            case .head(let head):
                status = head.status
            case .body(let chunk) where status != 200:
                errorBody += chunk
            case .body(let chunk):
                for line in lines.append(chunk) where !line.isEmpty {
                    let event: InventoryEvent
                    do {
                        event = try AgentJSON.decode(InventoryEvent.self, from: line)
                    } catch {
                        throw ControlClientError(.malformedResponse("bad event line: \(error)"), socketPath: socketPath)
                    }
                    do {
                        guard try handle(event) else { return false }
                    } catch {
                        handlerError = error
                        return false
                    }
                }
            case .end:
                break
            }
            return true
        }
        if let handlerError { throw handlerError }
        if status != 200 { throw apiError(status: status, body: errorBody) }
    }

    /// `POST path` with a JSON body, asking to switch the connection to `protocol`; once the daemon
    /// answers `101 Switching Protocols` the connection carries raw bytes. Only the wait for the
    /// answer is bounded by ``timeout``.
    ///
    /// - Throws: the daemon's refusal (``ControlClientError/Code/api(status:code:message:)``), or
    ///   why it could not be reached.
    public func openStream(_ path: String, protocol name: String, body: [UInt8]) throws(ControlClientError)
        -> ControlStreamConnection
    {
        let deadline = Deadline(after: timeout)
        let connection = try UnixStreamConnection(path: socketPath, deadline: deadline)
        var request = Self.requestBytes("POST", path, body: body)
        let upgrade = Array("Connection: close\r\n".utf8)
        if let range = request.firstRange(of: upgrade) {
            request.replaceSubrange(range, with: Array("Connection: Upgrade\r\nUpgrade: \(name)\r\n".utf8))
        }
        try connection.send(request, deadline: deadline)
        var parser = HTTPResponseParser()
        var body: [UInt8] = []
        var head: HTTPResponseParser.Head?
        repeat {
            let bytes = try connection.receive(deadline: deadline)
            do {
                for output in bytes.isEmpty ? try parser.finish() : try parser.feed(bytes) {
                    switch output {
                    case .head(let value): head = value
                    case .body(let chunk): body += chunk
                    case .end: break
                    }
                }
            } catch {
                throw ControlClientError(.malformedResponse(error.description), socketPath: socketPath)
            }
            if let head, head.status == 101 {
                let headers = Dictionary(head.headers.map { ($0.name, $0.value) }) { first, _ in first }
                return ControlStreamConnection(connection: connection, headers: headers, early: parser.remainder)
            }
        } while !parser.isComplete
        throw apiError(status: head?.status ?? 0, body: body)
    }

    /// How long to wait for the body once the head has arrived.
    private enum BodyWait {
        /// Within the call's deadline.
        case untilDeadline
        /// Without a limit (a held-open stream).
        case forever
    }

    /// Sends one request and hands each parsed piece of the answer to `handle`, until the answer
    /// ends or `handle` returns false. The head must arrive within ``timeout``.
    private func exchange(
        _ method: String, _ path: String, body: [UInt8]?, waitingForBody bodyWait: BodyWait,
        _ handle: (HTTPResponseParser.Output) throws(ControlClientError) -> Bool
    ) throws(ControlClientError) {
        let deadline = Deadline(after: timeout)
        let connection = try UnixStreamConnection(path: socketPath, deadline: deadline)
        try connection.send(Self.requestBytes(method, path, body: body), deadline: deadline)
        var parser = HTTPResponseParser()
        var headSeen = false
        while !parser.isComplete {
            let wait = headSeen && bodyWait == .forever ? Deadline(after: nil) : deadline
            let bytes = try connection.receive(deadline: wait)
            let outputs: [HTTPResponseParser.Output]
            do {
                outputs = bytes.isEmpty ? try parser.finish() : try parser.feed(bytes)
            } catch {
                throw ControlClientError(.malformedResponse(error.description), socketPath: socketPath)
            }
            for output in outputs {
                if case .head = output { headSeen = true }
                guard try handle(output) else { return }
            }
        }
    }

    private func decode<Value: Decodable>(_ type: Value.Type, from response: Response) throws(ControlClientError) -> Value {
        guard response.status == 200 else { throw apiError(status: response.status, body: response.body) }
        do {
            return try AgentJSON.decode(type, from: response.body)
        } catch {
            throw ControlClientError(.malformedResponse("\(error)"), socketPath: socketPath)
        }
    }

    private func apiError(status: Int, body: [UInt8]) -> ControlClientError {
        let detail = (try? AgentJSON.decode(APIErrorBody.self, from: body))?.error
        return ControlClientError(
            .api(status: status, code: detail?.code ?? "http_\(status)", message: detail?.message ?? "no details"),
            socketPath: socketPath)
    }

    static func requestBytes(_ method: String, _ path: String, body: [UInt8]?) -> [UInt8] {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nUser-Agent: pioctl/\(AgentVersion.current)\r\n"
        text += "Accept: application/json\r\nConnection: close\r\n"
        if let body {
            text += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        } else if method == "POST" {
            text += "Content-Length: 0\r\n"
        }
        text += "\r\n"
        return Array(text.utf8) + (body ?? [])
    }
}
