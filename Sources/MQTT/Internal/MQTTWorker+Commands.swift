import CMosquitto
import ThreadSupport
#if canImport(Glibc)
import Glibc
#endif

extension MQTTWorker {
    /// Carries out every queued request.
    func handleCommands() {
        for command in client.commands.drain() {
            switch command {
            case .publish(let message, let reply):
                guard connected, !stopping else {
                    client.window.release()
                    reply.resume(returning: .failure(MQTTError(.notConnected, "publish to \(message.topic): not connected to the broker")))
                    continue
                }
                switch send(message) {
                case .success(let mid): pendingPublishes[mid] = reply
                case .failure(let error):
                    client.window.release()
                    reply.resume(returning: .failure(error))
                }
            case .subscribe(let filters, let reply):
                guard connected, !stopping else {
                    reply.resume(returning: .failure(MQTTError(.notConnected, "subscribe: not connected to the broker")))
                    continue
                }
                switch subscribe(filters) {
                case .success(let mid): pendingSubscribes[mid] = reply
                case .failure(let error): reply.resume(returning: .failure(error))
                }
            case .disconnect(let message, let timeout, let waiter):
                disconnectWaiters.append(waiter)
                stopping = true
                if connected, let message, case .success(let mid) = send(message) {
                    farewell = (mid, ContinuousClock.now + timeout)
                } else {
                    sendDisconnect()
                }
            case .stop:
                stopping = true
                sendDisconnect()
            }
        }
    }

    /// Answers a request that arrives after the thread ended.
    func refuse(_ command: MQTTCommand) {
        let stopped = MQTTError(.stopped, "the MQTT client has stopped")
        switch command {
        case .publish(_, let reply): reply.resume(returning: .failure(stopped))
        case .subscribe(_, let reply): reply.resume(returning: .failure(stopped))
        case .disconnect(_, _, let waiter): waiter.resume()
        case .stop: break
        }
    }

    /// Sends DISCONNECT (reason 0: the broker drops the will) if a socket is open.
    func sendDisconnect() {
        farewell = nil
        guard mosquitto_socket(handle) >= 0 else { return }
        mosquitto_disconnect_v5(handle, 0, nil)
    }

    /// Hands a message to libmosquitto and returns its message id.
    func send(_ message: MQTTOutgoingMessage) -> Result<Int32, MQTTError> {
        let properties = PropertyList()
        properties.add(contentType: message.contentType)
        properties.add(correlationData: message.correlationData)
        properties.add(expirySeconds: message.expirySeconds)
        var mid: Int32 = 0
        let code = message.payload.withUnsafeBytes { payload in
            mosquitto_publish_v5(
                handle, &mid, message.topic, Int32(payload.count), payload.baseAddress, message.qos.rawValue,
                message.retain, properties.pointer)
        }
        guard code == MOSQ_ERR_SUCCESS.rawValue else {
            return .failure(.library(code, operation: "publish to \(message.topic)"))
        }
        return .success(mid)
    }

    /// Subscribes (QoS 1) to filters and returns the SUBSCRIBE's message id.
    func subscribe(_ filters: [String], noLocal: Bool = false) -> Result<Int32, MQTTError> {
        guard !filters.isEmpty else { return .failure(MQTTError(.invalidArgument, "subscribe: no topic filters")) }
        let copies = filters.map { strdup($0) }
        defer { for copy in copies { free(copy) } }
        var mid: Int32 = 0
        let code = copies.withUnsafeBufferPointer { pointers in
            pointers.withMemoryRebound(to: UnsafeMutablePointer<CChar>?.self) { rebound in
                mosquitto_subscribe_multiple(
                    handle, &mid, Int32(filters.count), rebound.baseAddress, MQTTQoS.atLeastOnce.rawValue,
                    noLocal ? Int32(MQTT_SUB_OPT_NO_LOCAL.rawValue) : 0, nil)
            }
        }
        guard code == MOSQ_ERR_SUCCESS.rawValue else {
            return .failure(.library(code, operation: "subscribe to \(filters.joined(separator: ", "))"))
        }
        return .success(mid)
    }
}
