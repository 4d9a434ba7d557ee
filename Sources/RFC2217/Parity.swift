/// The parity bit (RFC 2217 SET-PARITY codes).
public enum Parity: UInt8, Sendable, Hashable, CaseIterable {
    /// No parity bit.
    case none = 1
    /// Odd parity.
    case odd = 2
    /// Even parity.
    case even = 3
    /// The parity bit is always 1.
    case mark = 4
    /// The parity bit is always 0.
    case space = 5
}
