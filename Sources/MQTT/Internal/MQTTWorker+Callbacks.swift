import CMosquitto
import Logging

/// libmosquitto's callbacks. They are plain C functions (no captured context) that find the
/// worker through the handle's user data; they run on the worker's thread, inside its calls
/// into libmosquitto, so they touch the worker's state without locks.
extension MQTTWorker {
    private static func worker(_ context: UnsafeMutableRawPointer?) -> MQTTWorker {
        Unmanaged<MQTTWorker>.fromOpaque(context!).takeUnretainedValue()
    }

    func installCallbacks() {
        mosquitto_connect_v5_callback_set(handle) { _, context, code, flags, _ in
            MQTTWorker.worker(context).connectAnswered(code: code, flags: flags)
        }
        mosquitto_publish_v5_callback_set(handle) { _, context, mid, code, _ in
            MQTTWorker.worker(context).publishAnswered(mid: mid, code: code)
        }
        mosquitto_subscribe_v5_callback_set(handle) { _, context, mid, count, granted, _ in
            let codes = (0..<Int(count)).map { MQTTReasonCode(UInt8(truncatingIfNeeded: granted![$0])) }
            MQTTWorker.worker(context).subscribeAnswered(mid: mid, codes: codes)
        }
        mosquitto_message_v5_callback_set(handle) { _, context, message, properties in
            guard let message = message?.pointee else { return }
            let topic = message.topic.map { String(cString: $0) } ?? ""
            let payload = message.payload.map {
                Array(UnsafeRawBufferPointer(start: $0, count: Int(message.payloadlen)))
            } ?? []
            let received = MQTTMessage(
                topic: topic, payload: payload, retain: message.retain,
                correlationData: PropertyList.correlationData(in: properties),
                contentType: PropertyList.contentType(in: properties))
            MQTTWorker.worker(context).received(received)
        }
        mosquitto_log_callback_set(handle) { _, context, level, text in
            guard let text else { return }
            MQTTWorker.worker(context).libraryLogged(level: level, text: String(cString: text))
        }
    }

    private func connectAnswered(code: Int32, flags: Int32) {
        guard code == 0 else {
            refusal = MQTTReasonCode(UInt8(truncatingIfNeeded: code))
            return
        }
        connected = true
        acknowledgedThisAttempt = true
        if everConnected { client.countReconnect() }
        everConnected = true
        client.setConnected(true)
        for noLocal in [false, true] {
            let filters = configuration.subscriptions.filter { $0.noLocal == noLocal }.map(\.filter)
            guard !filters.isEmpty else { continue }
            if case .failure(let error) = subscribe(filters, noLocal: noLocal) {
                logger.error("cannot subscribe", metadata: ["error": "\(error)"])
            }
        }
        logger.info("MQTT link up", metadata: ["broker": "\(endpoint)", "client_id": "\(configuration.clientID)"])
        events.yield(.connected(sessionPresent: flags & 1 != 0))
    }

    private func publishAnswered(mid: Int32, code: Int32) {
        if let farewell, farewell.mid == mid { sendDisconnect() }
        guard let reply = pendingPublishes.removeValue(forKey: mid) else { return }
        client.countPublished()
        client.window.release()
        reply.resume(returning: .success(MQTTReasonCode(UInt8(truncatingIfNeeded: code))))
    }

    private func subscribeAnswered(mid: Int32, codes: [MQTTReasonCode]) {
        pendingSubscribes.removeValue(forKey: mid)?.resume(returning: .success(codes))
    }

    private func received(_ message: MQTTMessage) {
        client.countReceived()
        let size = message.payload.count
        var delivered = buffered.reserve(size)
        if delivered, case .dropped = messages.yield(message) {
            buffered.release(size)
            delivered = false
        }
        guard delivered else {
            client.countDropped()
            if droppedInARow == 0 {
                logger.warning(
                    "dropping received MQTT messages: the reader is behind", metadata: ["topic": "\(message.topic)"])
            }
            droppedInARow += 1
            return
        }
        if droppedInARow > 0 {
            logger.warning("the reader caught up", metadata: ["dropped": "\(droppedInARow)"])
            droppedInARow = 0
        }
    }

    private func libraryLogged(level: Int32, text: String) {
        if level == MOSQ_LOG_ERR { lastLibraryError = text }
        logger.debug("libmosquitto: \(text)")
    }
}
