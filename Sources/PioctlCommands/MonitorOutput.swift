#if canImport(Glibc)
import Glibc
#endif

/// Turns the board's bytes into what the monitor shows, applying the `--filter`s in a fixed
/// order (hexlify or nocontrol, then time); it keeps the state that spans chunks (whether the
/// next byte starts a line).
struct MonitorOutput: Sendable {
    private let hexlify: Bool
    private let nocontrol: Bool
    private let time: Bool
    private var atLineStart = true

    /// An output with `filters` (`log2file` is handled by the caller: it sees the raw bytes).
    init(filters: [MonitorFilter]) {
        hexlify = filters.contains(.hexlify)
        nocontrol = filters.contains(.nocontrol)
        time = filters.contains(.time)
    }

    /// What to show for `bytes`, received at `now` (the local time of day, read only for the time
    /// filter). Without filters the bytes pass as they are: this is the monitor's hot path.
    mutating func render(
        _ bytes: [UInt8], at now: @autoclosure () -> (hour: Int, minute: Int, second: Int, millisecond: Int)
    ) -> [UInt8] {
        guard hexlify || nocontrol || time else { return bytes }
        let now = time ? now() : (0, 0, 0, 0)
        var shown: [UInt8] = []
        shown.reserveCapacity(bytes.count * (hexlify ? 3 : 1))
        for byte in bytes {
            if time, atLineStart {
                shown += Array(Self.stamp(now).utf8)
                atLineStart = false
            }
            if hexlify {
                shown += Array(Self.hex(byte).utf8)
                shown.append(byte == 0x0A ? 0x0A : 0x20)
            } else if nocontrol, byte < 0x20 || byte == 0x7F, byte != 0x0A {
                let picture: Unicode.Scalar = Unicode.Scalar(byte == 0x7F ? 0x2421 : 0x2400 + UInt32(byte))!
                shown += Array(String(Character(picture)).utf8)
            } else {
                shown.append(byte)
            }
            if byte == 0x0A { atLineStart = true }
        }
        return shown
    }

    /// `HH:MM:SS.mmm > `.
    static func stamp(_ now: (hour: Int, minute: Int, second: Int, millisecond: Int)) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(width - text.count, 0)) + text
        }
        return "\(padded(now.hour, 2)):\(padded(now.minute, 2)):\(padded(now.second, 2)).\(padded(now.millisecond, 3)) > "
    }

    /// The current local time of day.
    static func localTimeOfDay() -> (hour: Int, minute: Int, second: Int, millisecond: Int) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        localtime_r(&seconds, &parts)
        return (Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), spec.tv_nsec / 1_000_000)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
