#if canImport(Glibc)
import Glibc
#endif

/// One upload, run from start to end on the calling thread (see ``ESPOTAUploader``).
struct ESPOTASession: Sendable {
    let image: [UInt8]
    let host: String
    let port: UInt16
    let password: String?
    let command: ESPOTACommand
    let timeouts: ESPOTATimeouts
    let chunkSize: Int
    let progress: @Sendable (Int) -> Void

    /// Runs the upload; `isCancelled` is asked between waits.
    func run(isCancelled: @escaping @Sendable () -> Bool) -> Result<ESPOTAReport, ESPOTAError> {
        do {
            return .success(try upload(isCancelled: isCancelled))
        } catch {
            return .failure(error)
        }
    }

    private func upload(isCancelled: @escaping @Sendable () -> Bool) throws(ESPOTAError) -> ESPOTAReport {
        let started = ContinuousClock.now
        let device = try Self.address(of: host, port: port)
        let md5 = try ESPOTADigest.md5(image)
        let listener = try Self.listener(isCancelled: isCancelled)
        let listeningPort = try Self.localPort(of: listener.descriptor)
        let udp = try Self.datagramSocket(to: device, isCancelled: isCancelled)
        let invitation = Array("\(command.rawValue) \(listeningPort) \(image.count) \(md5)\n".utf8)
        let authentication = try invite(udp, invitation: invitation)
        let connection = try accept(listener, listeningPort: listeningPort)
        try transfer(on: connection)
        return ESPOTAReport(bytes: image.count, duration: .now - started, authentication: authentication)
    }

    /// Invites the device and answers its challenge; returns how the password was checked.
    private func invite(_ udp: borrowing ESPOTASocket, invitation: [UInt8]) throws(ESPOTAError) -> String? {
        var passwordHash = ESPOTAAuthentication.PasswordHash.sha256
        while true {
            let reply = try ask(udp, invitation, tries: timeouts.invitationTries, wait: timeouts.invitationReply)
            switch ESPOTAReply(reply) {
            case .ok:
                return nil
            case .error(let text):
                throw ESPOTAError(.refused, "the device refused the update: \(text)")
            case .authenticationFailed, .other:
                throw ESPOTAError(.refused, "the device answered the invitation with \(ESPOTAReply.quote(reply)); is it an espota device?")
            case .challenge(let nonce):
                guard let password else {
                    throw ESPOTAError(.authenticationFailed, "the device asks for a password; give it (--password-file)")
                }
                let cnonce = ESPOTAAuthentication.clientNonce(matching: nonce)
                let response = try ESPOTAAuthentication.response(
                    password: password, nonce: nonce, cnonce: cnonce, passwordHash: passwordHash)
                let answer = try ask(udp, Array("200 \(cnonce) \(response)\n".utf8), tries: 1, wait: timeouts.authenticationReply)
                let method = nonce.utf8.count == 32 ? "md5" : passwordHash == .sha256 ? "pbkdf2-sha256" : "pbkdf2-md5"
                switch ESPOTAReply(answer) {
                case .ok:
                    return method
                case .error(let text):
                    throw ESPOTAError(.refused, "the device refused the update: \(text)")
                case .authenticationFailed where nonce.utf8.count == 64 && passwordHash == .sha256:
                    // The device may have stored an MD5 of the password: invite again (it is idle
                    // again) and answer with that, as espota does.
                    passwordHash = .md5
                case .authenticationFailed:
                    throw ESPOTAError(.authenticationFailed, "the device refused the password (Authentication Failed)")
                case .challenge, .other:
                    throw ESPOTAError(.refused, "the device answered the password with \(ESPOTAReply.quote(answer))")
                }
            }
        }
    }

    /// Sends `datagram` up to `tries` times until an answer comes within `wait` of each.
    private func ask(_ udp: borrowing ESPOTASocket, _ datagram: [UInt8], tries: Int, wait: Duration) throws(ESPOTAError) -> [UInt8] {
        for _ in 0..<max(1, tries) {
            guard try udp.send(datagram, until: .now + wait) else { continue }
            if let reply = try udp.receive(until: .now + wait), !reply.isEmpty { return reply }
        }
        throw ESPOTAError(
            .noAnswer,
            "no answer from \(host):\(port) after \(max(1, tries)) tries of \(wait): check the address and port (the board's mDNS record), that the board runs ArduinoOTA and is not busy with another upload, and that UDP reaches it")
    }

    /// Waits for the device to connect to `listener`.
    private func accept(_ listener: borrowing ESPOTASocket, listeningPort: UInt16) throws(ESPOTAError) -> ESPOTASocket {
        guard try listener.wait(for: POLLIN, until: .now + timeouts.connection) else {
            throw ESPOTAError(
                .noConnection,
                "the device did not connect back to port \(listeningPort) of this host within \(timeouts.connection): a firewall here may block inbound TCP, or the device could not start the update (an ESP32 does not say why; check the image's size)")
        }
        let descriptor = Glibc.accept(listener.descriptor, nil, nil)
        guard descriptor >= 0 else { throw ESPOTASocket.failure("accept") }
        var on: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        return ESPOTASocket(descriptor: descriptor, isCancelled: listener.isCancelled)
    }

    /// Sends the image chunk by chunk, each once the last was acknowledged, then waits for the verdict.
    private func transfer(on connection: borrowing ESPOTASocket) throws(ESPOTAError) {
        var received: [UInt8] = []
        var offset = 0
        while offset < image.count {
            let end = min(offset + chunkSize, image.count)
            guard try connection.send(image[offset..<end], until: .now + timeouts.acknowledgement) else {
                throw ESPOTAError(.transferFailed, "the device stopped taking data after \(offset) of \(image.count) bytes")
            }
            offset = end
            guard let answer = try connection.receive(until: .now + timeouts.acknowledgement) else {
                throw ESPOTAError(
                    .transferFailed, "no acknowledgement within \(timeouts.acknowledgement) after \(offset) of \(image.count) bytes")
            }
            received += answer
            if let verdict = ESPOTAVerdict(received), case .failed = verdict {
                let text = try wholeText(after: received, on: connection)
                throw ESPOTAError(.rejected, "the device rejected the image after \(offset) of \(image.count) bytes: \(text)")
            }
            if answer.isEmpty {
                throw ESPOTAError(.transferFailed, "the device closed the connection after \(offset) of \(image.count) bytes")
            }
            progress(offset)
        }
        let deadline = ContinuousClock.now + timeouts.result
        while true {
            switch ESPOTAVerdict(received) {
            case .ok?: return
            case .failed?: throw ESPOTAError(.rejected, "the device rejected the image: \(try wholeText(after: received, on: connection))")
            case nil: break
            }
            guard let more = try connection.receive(until: deadline) else {
                throw ESPOTAError(.transferFailed, "no verdict from the device within \(timeouts.result) of the last byte")
            }
            guard !more.isEmpty else {
                throw ESPOTAError(.transferFailed, "the device closed the connection without saying OK")
            }
            received += more
        }
    }

    /// The device's error text, read on to its line break or the end of the stream (for at most a second).
    private func wholeText(after received: [UInt8], on connection: borrowing ESPOTASocket) throws(ESPOTAError) -> String {
        var received = received
        let deadline = ContinuousClock.now + .seconds(1)
        while received.last != UInt8(ascii: "\n"), received.count < 1024,
            let more = try connection.receive(until: deadline), !more.isEmpty
        {
            received += more
        }
        if case .failed(let text)? = ESPOTAVerdict(received) { return text }
        return "(no text)"
    }

    /// The device's IPv4 address and UDP port.
    private static func address(of host: String, port: UInt16) throws(ESPOTAError) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        if inet_pton(AF_INET, host, &address.sin_addr) == 1 { return address }
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        guard status == 0, let entry = list, let found = entry.pointee.ai_addr else {
            throw ESPOTAError(.noAnswer, "cannot resolve \(host) to an IPv4 address: \(String(cString: gai_strerror(status)))")
        }
        found.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address.sin_addr = $0.pointee.sin_addr }
        return address
    }

    /// A TCP listener on every IPv4 address, on a port the system picks.
    private static func listener(isCancelled: @escaping @Sendable () -> Bool) throws(ESPOTAError) -> ESPOTASocket {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ESPOTASocket.failure("socket") }
        let socket = ESPOTASocket(descriptor: descriptor, isCancelled: isCancelled)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 1) == 0 else { throw ESPOTASocket.failure("bind/listen") }
        return socket
    }

    /// A UDP socket connected to the device, so that it hears only the device.
    private static func datagramSocket(to device: sockaddr_in, isCancelled: @escaping @Sendable () -> Bool) throws(ESPOTAError)
        -> ESPOTASocket
    {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ESPOTASocket.failure("socket") }
        let socket = ESPOTASocket(descriptor: descriptor, isCancelled: isCancelled)
        var address = device
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            throw ESPOTAError(.noAnswer, "cannot reach the device: \(String(cString: strerror(errno))) (errno \(errno))")
        }
        return socket
    }

    /// The port a socket is bound to.
    private static func localPort(of descriptor: Int32) throws(ESPOTAError) -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard status == 0 else { throw ESPOTASocket.failure("getsockname") }
        return UInt16(bigEndian: address.sin_port)
    }
}
