import CMosquitto
import Logging
import ThreadSupport
#if canImport(Glibc)
import Glibc
#endif

/// libmosquitto's one-time set-up; a global `let` runs it once, lazily and thread-safely.
private let libraryInitialised: Int32 = mosquitto_lib_init()

/// The MQTT thread: owns the libmosquitto handle and runs every call and callback on it.
final class MQTTWorker {
    typealias PublishReply = CheckedContinuation<Result<MQTTReasonCode, MQTTError>, Never>
    typealias SubscribeReply = CheckedContinuation<Result<[MQTTReasonCode], MQTTError>, Never>

    let handle: OpaquePointer
    let configuration: MQTTClientConfiguration
    let client: MQTTClient
    let events: AsyncStream<MQTTConnectionEvent>.Continuation
    let messages: AsyncStream<MQTTMessage>.Continuation
    let buffered: BufferedBytes
    let logger: Logger
    /// The CONNECT properties (Maximum Packet Size), kept for every attempt.
    let connectProperties = PropertyList()
    /// Received messages dropped since the reader last kept up, for one log line per episode.
    var droppedInARow = 0

    var connected = false
    var everConnected = false
    var acknowledgedThisAttempt = false
    var stopping = false
    /// The broker's CONNACK refusal of the current attempt.
    var refusal: MQTTReasonCode?
    /// libmosquitto's last error-level log line (OpenSSL's reason for a TLS failure).
    var lastLibraryError: String?
    var pendingPublishes: [Int32: PublishReply] = [:]
    var pendingSubscribes: [Int32: SubscribeReply] = [:]
    var farewell: (mid: Int32, deadline: ContinuousClock.Instant)?
    var disconnectWaiters: [ResumeOnce] = []

    init(
        configuration: MQTTClientConfiguration, client: MQTTClient,
        events: AsyncStream<MQTTConnectionEvent>.Continuation, messages: AsyncStream<MQTTMessage>.Continuation,
        buffered: BufferedBytes, logger: Logger
    ) throws(MQTTError) {
        // The first call loads libmosquitto (CMosquitto's trampolines).
        guard libraryInitialised == MOSQ_ERR_SUCCESS.rawValue else {
            let reason = pio_mosquitto_load_error().map { String(cString: $0) } ?? "mosquitto_lib_init failed"
            throw MQTTError(.library, "cannot load libmosquitto (\(reason)); install the Debian package libmosquitto1")
        }
        // A persistent session is resumed by connecting without Clean Start.
        guard let handle = mosquitto_new(configuration.clientID, configuration.sessionExpirySeconds == nil, nil) else {
            throw MQTTError(.library, "cannot create an MQTT client: out of memory")
        }
        self.handle = handle
        self.configuration = configuration
        self.client = client
        self.events = events
        self.messages = messages
        self.buffered = buffered
        self.logger = logger
        try configure()
    }

    deinit { mosquitto_destroy(handle) }

    var endpoint: String { "\(configuration.host):\(configuration.port)" }

    /// The thread's body: connect, serve, back off, until stopped.
    func run() {
        mosquitto_user_data_set(handle, Unmanaged.passUnretained(self).toOpaque())
        var failures = 0
        while !stopping {
            events.yield(.connecting)
            acknowledgedThisAttempt = false
            refusal = nil
            lastLibraryError = nil
            let reason = connect() ?? serveConnection()
            if stopping { break }
            failures = acknowledgedThisAttempt ? 1 : failures + 1
            guard configuration.reconnects else {
                events.yield(.backoff(delay: .zero, reason: reason))
                break
            }
            let delay = configuration.backoff.delay(afterFailures: failures)
            // The owner hears of it through the event and says so in its own terms.
            logger.debug(
                "MQTT link down; reconnecting", metadata: ["broker": "\(endpoint)", "error": "\(reason)", "retry_in": "\(delay)"])
            events.yield(.backoff(delay: delay, reason: reason))
            waitOut(delay)
        }
        finish()
    }

    /// Starts a connection; nil when the socket is up and the handshake under way.
    private func connect() -> MQTTError? {
        let code = mosquitto_connect_bind_v5(
            handle, configuration.host, Int32(configuration.port), Int32(configuration.keepaliveSeconds), nil,
            connectProperties.pointer)
        guard code != MOSQ_ERR_SUCCESS.rawValue else { return nil }
        return .library(code, operation: "connect to \(endpoint)", detail: lastLibraryError)
    }

    /// Polls the socket until the link ends, and says why it ended.
    private func serveConnection() -> MQTTError {
        while true {
            let socket = mosquitto_socket(handle)
            guard socket >= 0 else { return linkEnded(code: MOSQ_ERR_CONN_LOST.rawValue) }
            let wantsWrite = mosquitto_want_write(handle)
            var descriptors = [
                pollfd(fd: client.commands.wakeDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: socket, events: Int16(POLLIN) | (wantsWrite ? Int16(POLLOUT) : 0), revents: 0),
            ]
            _ = poll(&descriptors, 2, pollTimeout())
            let socketEvents = descriptors[1].revents
            if socketEvents & Int16(POLLIN | POLLERR | POLLHUP) != 0 {
                let code = mosquitto_loop_read(handle, 1)
                if code != MOSQ_ERR_SUCCESS.rawValue { return linkEnded(code: code) }
            }
            if socketEvents & Int16(POLLOUT) != 0, mosquitto_socket(handle) >= 0 {
                let code = mosquitto_loop_write(handle, 1)
                if code != MOSQ_ERR_SUCCESS.rawValue { return linkEnded(code: code) }
                // A TLS handshake that waits to write advances only through the read path.
                if mosquitto_want_write(handle) {
                    let code = mosquitto_loop_read(handle, 1)
                    if code != MOSQ_ERR_SUCCESS.rawValue { return linkEnded(code: code) }
                }
            }
            handleCommands()
            if let farewell, ContinuousClock.now >= farewell.deadline {
                logger.warning("the broker did not acknowledge the farewell message in time; disconnecting")
                sendDisconnect()
            }
            if stopping, mosquitto_socket(handle) < 0 {
                return MQTTError(.stopped, "the MQTT client stopped")
            }
            let code = mosquitto_loop_misc(handle)
            if code != MOSQ_ERR_SUCCESS.rawValue, code != MOSQ_ERR_NO_CONN.rawValue {
                return linkEnded(code: code)
            }
        }
    }

    /// Milliseconds to wait in `poll`: keepalive works in whole seconds, a farewell may be due sooner.
    private func pollTimeout() -> Int32 {
        guard let farewell else { return 1000 }
        return min(1000, ContinuousClock.now.duration(to: farewell.deadline).pollTimeout)
    }

    /// Cleans up after the link ended with `code` and describes why.
    private func linkEnded(code: Int32) -> MQTTError {
        let wasConnected = connected
        setDisconnected()
        let reason: MQTTError
        if let refusal {
            reason = MQTTError(
                .refused, "the broker at \(endpoint) refused the connection: \(refusal); check the user name and password",
                reasonCode: refusal)
        } else if stopping {
            reason = MQTTError(.stopped, "disconnected from \(endpoint)")
        } else {
            let operation = wasConnected ? "link to \(endpoint)" : "connect to \(endpoint)"
            reason = .library(code, operation: operation, detail: lastLibraryError)
        }
        failPending(with: MQTTError(.connectionLost, "the connection to \(endpoint) was lost before the broker answered"))
        return reason
    }

    func setDisconnected() {
        connected = false
        client.setConnected(false)
        farewell = nil
    }

    func failPending(with error: MQTTError) {
        for (_, reply) in pendingPublishes {
            client.window.release()
            reply.resume(returning: .failure(error))
        }
        pendingPublishes.removeAll()
        for (_, reply) in pendingSubscribes { reply.resume(returning: .failure(error)) }
        pendingSubscribes.removeAll()
    }

    /// Sleeps through a backoff delay while still answering commands.
    private func waitOut(_ delay: Duration) {
        let deadline = ContinuousClock.now + delay
        while !stopping {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return }
            var descriptor = pollfd(fd: client.commands.wakeDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, remaining.pollTimeout)
            handleCommands()
        }
    }

    /// Ends the thread: closes the link, answers everything still waiting, ends the streams.
    private func finish() {
        stopping = true
        if mosquitto_socket(handle) >= 0 {
            mosquitto_disconnect_v5(handle, 0, nil)
            _ = mosquitto_loop_write(handle, 1)
        }
        setDisconnected()
        failPending(with: MQTTError(.stopped, "the MQTT client stopped"))
        for command in client.commands.close() { refuse(command) }
        for waiter in disconnectWaiters { waiter.resume() }
        disconnectWaiters.removeAll()
        client.window.close()
        events.finish()
        messages.finish()
    }
}
