/// A request to the mDNS thread.
enum MDNSCommand: Sendable {
    case queryNow
    case stop
}
