/// Events in order, with consecutive data, and consecutive replies, merged into one event.
struct EventList: Sendable {
    private(set) var events: [RFC2217Event] = []

    mutating func appendData(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if case .data(let previous) = events.last {
            events[events.count - 1] = .data(previous + bytes)
        } else {
            events.append(.data(bytes))
        }
    }

    mutating func appendReply(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if case .reply(let previous) = events.last {
            events[events.count - 1] = .reply(previous + bytes)
        } else {
            events.append(.reply(bytes))
        }
    }

    mutating func appendCommand(_ command: RFC2217Command) {
        events.append(.command(command))
    }
}
