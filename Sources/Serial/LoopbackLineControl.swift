import Synchronization

/// Modem lines held in memory and wired back as a loopback plug wires them: DTR drives DSR and CD,
/// RTS drives CTS; RI stays off, and a break changes nothing.
///
/// For ports that have no modem lines of their own, such as the pty of a board simulator
/// (`modem_lines = "loopback"` on a static port): tools that toggle DTR and RTS (esptool, pyserial)
/// work against them, and read the change back on the inputs. Use one instance per port, kept from
/// one open to the next, as a device keeps its lines.
public final class LoopbackLineControl: SerialLineControl {
    private let outputs = Mutex((dtr: false, rts: false))

    /// Lines that start with DTR and RTS off.
    public init() {}

    /// DTR and RTS as last set, and the inputs they drive.
    public func modemLines(descriptor: Int32) throws(SerialLineControlError) -> SerialModemLines {
        let (dtr, rts) = outputs.withLock { ($0.dtr, $0.rts) }
        return SerialModemLines(dtr: dtr, rts: rts, cts: rts, dsr: dtr, ri: false, cd: dtr)
    }

    /// Sets DTR or RTS in memory.
    public func setModemLine(_ line: SerialOutputLine, raised: Bool, descriptor: Int32) throws(SerialLineControlError) {
        outputs.withLock { outputs in
            switch line {
            case .dtr: outputs.dtr = raised
            case .rts: outputs.rts = raised
            }
        }
    }

    /// A loopback plug has no line to hold in break.
    public func setBreak(_ on: Bool, descriptor: Int32) throws(SerialLineControlError) {}
}
