import ThreadSupport

/// A request to the udev thread.
enum UdevCommand: Sendable {
    case rescan(device: String?, reason: RescanReason, requestID: UInt64?)
    case select(TTYSelection)
    case stop
}

/// The udev thread's command queue.
typealias UdevCommandQueue = ThreadCommandQueue<UdevCommand>
