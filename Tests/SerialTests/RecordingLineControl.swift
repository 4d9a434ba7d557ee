import Serial
import Synchronization

/// A test double of the modem-line and break ioctls: it records every call and keeps the lines' state,
/// since Linux ptys have no modem lines to read or set.
final class RecordingLineControl: SerialLineControl {
    /// One call into the ioctl layer.
    enum Call: Hashable, Sendable {
        case readLines
        case setLine(SerialOutputLine, raised: Bool)
        case setBreak(Bool)
    }

    private let state: Mutex<(calls: [Call], lines: SerialModemLines)>

    /// A double whose lines start as `lines`.
    init(lines: SerialModemLines = SerialModemLines()) {
        state = Mutex(([], lines))
    }

    /// Every call so far, in order.
    var calls: [Call] { state.withLock { $0.calls } }

    /// The lines as the double holds them.
    var lines: SerialModemLines { state.withLock { $0.lines } }

    /// Sets the inputs a device would drive.
    func deviceDrives(cts: Bool, dsr: Bool, ri: Bool, cd: Bool) {
        state.withLock {
            $0.lines.cts = cts
            $0.lines.dsr = dsr
            $0.lines.ri = ri
            $0.lines.cd = cd
        }
    }

    func modemLines(descriptor: Int32) throws(SerialLineControlError) -> SerialModemLines {
        state.withLock {
            $0.calls.append(.readLines)
            return $0.lines
        }
    }

    func setModemLine(_ line: SerialOutputLine, raised: Bool, descriptor: Int32) throws(SerialLineControlError) {
        state.withLock {
            $0.calls.append(.setLine(line, raised: raised))
            switch line {
            case .dtr: $0.lines.dtr = raised
            case .rts: $0.lines.rts = raised
            }
        }
    }

    func setBreak(_ on: Bool, descriptor: Int32) throws(SerialLineControlError) {
        state.withLock { $0.calls.append(.setBreak(on)) }
    }
}
