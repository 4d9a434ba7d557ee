/// The device's verdict in the bytes it sent over TCP: acknowledgements are bare decimal byte
/// counts, glued together (`14601460`), and the first byte that is not a digit begins the verdict:
/// `OK` (often glued to the last acknowledgement, `436OK`) or an error text (`MD5 Check Failed`,
/// `ERROR[7]: …`).
enum ESPOTAVerdict: Equatable {
    /// The device took the image.
    case ok
    /// The device rejected it, saying this.
    case failed(String)

    /// The verdict in `received`, or nil while there are only acknowledgements (or the start of an `OK`).
    init?(_ received: [UInt8]) {
        guard let start = received.firstIndex(where: { !(0x30...0x39).contains($0) }) else { return nil }
        let text = String(decoding: received[start...], as: UTF8.self)
        if text.hasPrefix("OK") {
            self = .ok
        } else if text == "O" {
            return nil
        } else {
            // An error text is complete at its line break or at the end of the stream; show what came.
            self = .failed(text.trimmingWhitespace)
        }
    }
}
