import RemoteClient

/// Notes that listings print on standard error.
enum RemoteListingNotes {
    static func warnIfIncomplete(_ directory: RemoteDirectory, timeout: Double) {
        if !directory.complete {
            CommandFailure.printError("the broker did not confirm the listing within \(timeout) s; it may be incomplete")
        }
        if directory.malformed > 0 {
            CommandFailure.printError("skipped \(directory.malformed) malformed message(s) on the broker")
        }
    }
}
