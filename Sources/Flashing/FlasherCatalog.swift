public import AgentCore

/// The flasher profiles an agent knows: those of its configuration (`[[flasher]]`) first, then
/// the built-in ones for the common tools.
public struct FlasherCatalog: Sendable {
    /// The profiles, in the order they are tried.
    public let profiles: [FlasherProfile]

    /// The configured profiles followed by the built-in ones whose names they do not take.
    public init(configured: [FlasherProfile], builtIn: [FlasherProfile] = FlasherCatalog.builtIn) {
        let names = Set(configured.map(\.name))
        profiles = configured + builtIn.filter { !names.contains($0.name) }
    }

    /// The profile for `device`: the one named `requested`, else the first whose match fits.
    ///
    /// - Throws: ``FlashingError`` of kind `.noProfile` naming the profiles there are, or
    ///   `.badProfile` when the named one is not for this device.
    public func profile(for device: Device, named requested: String? = nil) throws(FlashingError) -> FlasherProfile {
        if let requested {
            guard let profile = profiles.first(where: { $0.name == requested }) else {
                throw FlashingError(
                    .noProfile, "no flasher profile \(requested); there are \(profiles.map(\.name).joined(separator: ", "))")
            }
            if let kind = profile.match?.kind, kind != device.kind {
                throw FlashingError(.badProfile, "the flasher profile \(requested) is for \(kind) devices, not \(device.kind)")
            }
            return profile
        }
        guard let profile = profiles.first(where: { $0.match?.matches(device) == true }) else {
            throw FlashingError(
                .noProfile,
                "no flasher profile fits \(device.id) (board \(device.board ?? "unknown")); name one with --profile (\(profiles.map(\.name).joined(separator: ", "))) or add a [[flasher]] to the agent's configuration")
        }
        return profile
    }

    /// The built-in profiles: esptool (ESP32 and ESP8266), avrdude (Arduino's bootloader), bossac,
    /// picotool, dfu-util, openocd and stm32flash. Those that can tell their boards by USB ids or
    /// board match them; the others, and a board behind a bare USB-serial bridge, are used when
    /// named.
    public static let builtIn: [FlasherProfile] = [
        FlasherProfile(
            name: "esp32-esptool",
            command: [
                "esptool", "--chip", "auto", "--port", "{port}", "--baud", "{baud}", "--before", "default_reset",
                "--after", "hard_reset", "write_flash", "0x10000", "{firmware}",
            ],
            match: DeviceMatch(vid: "303A", kind: SerialDevice.kind), installHint: "apt install esptool (or pip install esptool)"),
        FlasherProfile(
            name: "esp8266-esptool",
            command: [
                "esptool", "--chip", "esp8266", "--port", "{port}", "--baud", "{baud}", "--before", "default_reset",
                "--after", "hard_reset", "write_flash", "0x0", "{firmware}",
            ],
            match: nil, installHint: "apt install esptool (or pip install esptool)"),
        FlasherProfile(
            name: "arduino-avrdude",
            command: ["avrdude", "-p", "atmega328p", "-c", "arduino", "-P", "{port}", "-b", "{baud}", "-D", "-U", "flash:w:{firmware}:i"],
            match: DeviceMatch(board: "arduino-uno", kind: SerialDevice.kind), installHint: "apt install avrdude"),
        FlasherProfile(
            name: "samd-bossac",
            command: ["bossac", "--port={port}", "-U", "-i", "-e", "-w", "-v", "-b", "{firmware}", "-R"],
            match: nil, installHint: "apt install bossa-cli"),
        FlasherProfile(
            name: "rp2040-picotool",
            command: ["picotool", "load", "-x", "{firmware}", "-f"],
            match: DeviceMatch(vid: "2E8A", kind: SerialDevice.kind), installHint: "apt install picotool"),
        FlasherProfile(
            name: "dfu-util", command: ["dfu-util", "-a", "0", "-D", "{firmware}", "-R"],
            match: nil, installHint: "apt install dfu-util"),
        FlasherProfile(
            name: "stm32-openocd",
            command: ["openocd", "-f", "interface/stlink.cfg", "-f", "target/stm32f1x.cfg", "-c", "program {firmware} verify reset exit"],
            match: nil, installHint: "apt install openocd"),
        FlasherProfile(
            name: "stm32flash", command: ["stm32flash", "-w", "{firmware}", "-v", "-g", "0x0", "-b", "{baud}", "{port}"],
            match: nil, installHint: "apt install stm32flash"),
    ]
}
