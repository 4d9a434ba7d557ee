import AgentCore

/// What `--mdns` and `--serial` let through: one kind, or every device when neither or both are given.
struct DeviceKindFilter {
    let mdns: Bool
    let serial: Bool

    func admits(_ device: Device) -> Bool {
        mdns == serial || device.kind == (mdns ? OTADevice.kind : SerialDevice.kind)
    }
}
