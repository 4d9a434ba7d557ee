import RFC2217

/// Events with consecutive data, and consecutive replies, merged: the form in which two ways of
/// cutting the same stream must agree.
func normalized(_ events: [RFC2217Event]) -> [RFC2217Event] {
    var merged: [RFC2217Event] = []
    for event in events {
        switch (merged.last, event) {
        case (.data(let previous)?, .data(let bytes)):
            merged[merged.count - 1] = .data(previous + bytes)
        case (.reply(let previous)?, .reply(let bytes)):
            merged[merged.count - 1] = .reply(previous + bytes)
        default:
            merged.append(event)
        }
    }
    return merged
}

/// The commands among `events`.
func commands(_ events: [RFC2217Event]) -> [RFC2217Command] {
    events.compactMap { event in
        if case .command(let command) = event { command } else { nil }
    }
}

/// The replies among `events`, joined.
func replies(_ events: [RFC2217Event]) -> [UInt8] {
    events.flatMap { event -> [UInt8] in
        if case .reply(let bytes) = event { bytes } else { [] }
    }
}

/// The data among `events`, joined.
func data(_ events: [RFC2217Event]) -> [UInt8] {
    events.flatMap { event -> [UInt8] in
        if case .data(let bytes) = event { bytes } else { [] }
    }
}
