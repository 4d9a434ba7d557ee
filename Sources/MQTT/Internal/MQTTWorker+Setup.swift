import CMosquitto
#if canImport(Glibc)
import Glibc
#endif

extension MQTTWorker {
    /// Applies the configuration to the fresh handle; throws on anything unusable.
    func configure() throws(MQTTError) {
        try check(mosquitto_int_option(handle, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5), "select MQTT 5")
        // Without TCP_NODELAY a request and its reply wait on Nagle and delayed ACKs (~40 ms).
        try check(mosquitto_int_option(handle, MOSQ_OPT_TCP_NODELAY, 1), "set TCP_NODELAY")
        if configuration.username != nil || configuration.password != nil {
            try check(
                mosquitto_username_pw_set(handle, configuration.username, configuration.password), "set the credentials")
        }
        if let tls = configuration.tls { try configureTLS(tls) }
        if let will = configuration.will { try configureWill(will) }
        if let size = configuration.maximumPacketSize { connectProperties.add(maximumPacketSize: size) }
        if let expiry = configuration.sessionExpirySeconds { connectProperties.add(sessionExpirySeconds: expiry) }
        installCallbacks()
    }

    private func configureTLS(_ tls: MQTTTLSConfiguration) throws(MQTTError) {
        for (role, path) in [("CA file", tls.caFile), ("certificate", tls.certificateFile), ("key", tls.keyFile)] {
            guard let path else { continue }
            guard access(path, R_OK) == 0 else {
                throw MQTTError(.invalidArgument, "cannot read the TLS \(role) \(path): \(String(cString: strerror(errno)))")
            }
        }
        guard (tls.certificateFile == nil) == (tls.keyFile == nil) else {
            throw MQTTError(.invalidArgument, "mutual TLS needs both a certificate and its key")
        }
        if let caFile = tls.caFile {
            try check(
                mosquitto_tls_set(handle, caFile, nil, tls.certificateFile, tls.keyFile, nil), "load the TLS files")
        } else {
            try check(mosquitto_int_option(handle, MOSQ_OPT_TLS_USE_OS_CERTS, 1), "trust the system's CAs")
            if tls.certificateFile != nil {
                try check(
                    mosquitto_tls_set(handle, nil, "/etc/ssl/certs", tls.certificateFile, tls.keyFile, nil),
                    "load the client certificate")
            }
        }
        // Verify the peer and its host name; TLS 1.2 or later (Debian's 2.0.11 would allow 1.1).
        try check(mosquitto_tls_opts_set(handle, 1, "tlsv1.2", nil), "require TLS 1.2")
        try check(mosquitto_tls_insecure_set(handle, false), "verify the broker's host name")
        if let alpn = tls.alpn {
            try check(mosquitto_string_option(handle, MOSQ_OPT_TLS_ALPN, alpn), "set ALPN")
        }
    }

    private func configureWill(_ will: MQTTOutgoingMessage) throws(MQTTError) {
        let properties = PropertyList()
        properties.add(contentType: will.contentType)
        let code = will.payload.withUnsafeBytes { payload in
            mosquitto_will_set_v5(
                handle, will.topic, Int32(payload.count), payload.baseAddress, will.qos.rawValue, will.retain,
                properties.pointer)
        }
        try check(code, "set the last will")
        // On success libmosquitto owns the property list.
        properties.release()
    }

    private func check(_ code: Int32, _ operation: String) throws(MQTTError) {
        guard code == MOSQ_ERR_SUCCESS.rawValue else { throw MQTTError.library(code, operation: "cannot \(operation)") }
    }
}
