/// A DNS message as mDNS uses it: a header and four sections.
public struct DNSMessage: Sendable, Hashable {
    /// The ID; 0 in multicast mDNS messages.
    public var id: UInt16
    /// Whether this is a response (QR).
    public var isResponse: Bool
    /// The opcode (0: query; mDNS ignores others).
    public var opcode: UInt8
    /// Authoritative answer (AA), set in mDNS responses.
    public var isAuthoritative: Bool
    /// Truncated (TC): in an mDNS query, more known answers follow in another packet.
    public var isTruncated: Bool
    /// The response code (0: no error; mDNS ignores others).
    public var responseCode: UInt8
    /// Questions.
    public var questions: [DNSQuestion]
    /// Answer records (in a query: known answers).
    public var answers: [DNSRecord]
    /// Authority records (in a query: a probe's proposed records).
    public var authorities: [DNSRecord]
    /// Additional records.
    public var additionals: [DNSRecord]

    /// Creates a message.
    public init(
        id: UInt16 = 0, isResponse: Bool, opcode: UInt8 = 0, isAuthoritative: Bool = false, isTruncated: Bool = false,
        responseCode: UInt8 = 0, questions: [DNSQuestion] = [], answers: [DNSRecord] = [],
        authorities: [DNSRecord] = [], additionals: [DNSRecord] = []
    ) {
        self.id = id
        self.isResponse = isResponse
        self.opcode = opcode
        self.isAuthoritative = isAuthoritative
        self.isTruncated = isTruncated
        self.responseCode = responseCode
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
    }

    /// The records of all three sections, in order: responders put service records in any of them.
    public var allRecords: [DNSRecord] { answers + authorities + additionals }

    /// The largest message mDNS sends (RFC 6762 §17).
    public static let maximumSize = 9000
}
