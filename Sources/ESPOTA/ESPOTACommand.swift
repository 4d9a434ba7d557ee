/// What the upload writes on the device (espota's first invitation field).
public enum ESPOTACommand: Int, Sendable, Hashable {
    /// The firmware (`U_FLASH`).
    case flash = 0
    /// The filesystem image (`U_FS`, SPIFFS or LittleFS).
    case filesystem = 100
}
