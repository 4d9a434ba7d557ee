/// Why the body of a COM-PORT-OPTION subnegotiation is not a command.
enum ComPortDecodingError: Error, Sendable, Hashable {
    /// The subnegotiation had no command code.
    case missingCode
    /// The command's value was shorter than its code requires.
    case truncated(code: UInt8)
    /// A code that is not a client command (including the server's own codes).
    case unknownCommand(code: UInt8)
    /// A SET-CONTROL or PURGE-DATA value that RFC 2217 does not define.
    case undefinedValue(code: UInt8, value: UInt8)
}
