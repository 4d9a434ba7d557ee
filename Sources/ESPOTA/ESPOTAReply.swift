/// A device's UDP answer to an invitation or to the password.
enum ESPOTAReply: Equatable {
    /// `OK`: go on.
    case ok
    /// `AUTH <nonce>`: the password is asked.
    case challenge(String)
    /// `Authentication Failed`.
    case authenticationFailed
    /// `ERR: …`: the device cannot take the update (the text after `ERR: `).
    case error(String)
    /// Anything else.
    case other

    init(_ datagram: [UInt8]) {
        let text = String(decoding: datagram, as: UTF8.self).trimmingWhitespace
        if text == "OK" {
            self = .ok
        } else if text.hasPrefix("AUTH ") {
            let nonce = String(text.dropFirst(5)).trimmingWhitespace
            self = ESPOTAAuthentication.isValidNonce(nonce) ? .challenge(nonce) : .other
        } else if text.hasPrefix("Authentication Failed") {
            self = .authenticationFailed
        } else if text.hasPrefix("ERR") {
            self = .error(String(text.drop { $0 != " " }.dropFirst()).trimmingWhitespace)
        } else {
            self = .other
        }
    }

    /// `datagram` quoted for a message, at most 64 characters, control characters escaped.
    static func quote(_ datagram: [UInt8]) -> String {
        let text = String(decoding: datagram.prefix(64), as: UTF8.self)
        return "\"" + text.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined() + "\""
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
