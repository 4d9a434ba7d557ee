/// Builds query packets: every question in the first packet, known answers after them,
/// spilling into further packets with the TC bit on all but the last (RFC 6762 §7.2).
public enum MDNSQueryBuilder {
    /// A packet that fits an Ethernet frame without IP fragmentation.
    public static let maximumPacketSize = 1440

    /// The query packets for `questions` with `knownAnswers`.
    public static func packets(questions: [DNSQuestion], knownAnswers: [DNSRecord]) throws(DNSParseError) -> [[UInt8]] {
        var packets: [[UInt8]] = []
        var current = DNSMessage(isResponse: false, questions: questions)
        for answer in knownAnswers {
            var candidate = current
            candidate.answers.append(answer)
            if try candidate.encoded().count <= maximumPacketSize || current.answers.isEmpty && current.questions.isEmpty {
                current = candidate
                continue
            }
            current.isTruncated = true
            packets.append(try current.encoded())
            current = DNSMessage(isResponse: false, answers: [answer])
        }
        packets.append(try current.encoded())
        return packets
    }
}
