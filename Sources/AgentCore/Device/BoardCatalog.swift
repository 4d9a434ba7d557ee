/// A guess of the board or bridge behind a USB serial port, from its vendor and product ids.
///
/// The guess is a short lowercase slug (`"arduino-uno"`, `"esp32-s3"`, `"cp210x"`) that a
/// flasher profile can match on. An entry for an exact vendor and product beats a vendor-wide
/// one: a bridge or a known board is named precisely, and any other product of a board vendor
/// still gets the vendor's slug (`"arduino"`, `"espressif"`).
///
/// It is only a guess: a CP2102 says nothing about the ESP32 or the sensor behind it, and
/// vendor ids are reused by clones. Configuration can always name the board of a port.
///
/// `udev-rules/99-pio-agent.rules` grants access to the same devices; the packaging tests
/// check that every id here is granted there and that every id granted there has a guess here.
public struct BoardCatalog: Sendable {
    /// One line of the catalog: a vendor id, optionally a product id, and the slug they identify.
    public struct Entry: Sendable, Hashable {
        /// The USB vendor id (`idVendor` in sysfs).
        public let vendorID: UInt16
        /// The USB product id (`idProduct` in sysfs); `nil` stands for any product of the vendor.
        public let productID: UInt16?
        /// The board or bridge slug: lowercase letters, digits and dashes, e.g. `"arduino-uno"`.
        public let board: String

        /// Creates an entry; pass `productID: nil` for a guess that covers the whole vendor.
        public init(vendorID: UInt16, productID: UInt16?, board: String) {
            self.vendorID = vendorID
            self.productID = productID
            self.board = board
        }
    }

    /// The entries the catalog was made from, in the order given.
    public let entries: [Entry]

    private let exactBoards: [UInt32: String]
    private let vendorBoards: [UInt16: String]

    /// Creates a catalog from `entries`. When several entries have the same vendor and product
    /// (or are vendor-wide for the same vendor), the first of them wins.
    public init(entries: [Entry]) {
        var exactBoards: [UInt32: String] = [:]
        var vendorBoards: [UInt16: String] = [:]
        for entry in entries {
            if let productID = entry.productID {
                let key = Self.key(vendorID: entry.vendorID, productID: productID)
                if exactBoards[key] == nil {
                    exactBoards[key] = entry.board
                }
            } else if vendorBoards[entry.vendorID] == nil {
                vendorBoards[entry.vendorID] = entry.board
            }
        }
        self.entries = entries
        self.exactBoards = exactBoards
        self.vendorBoards = vendorBoards
    }

    /// The board slug for `vid:pid`, preferring an exact product match over a vendor-wide one;
    /// nil when unknown.
    public func board(vendorID: UInt16, productID: UInt16) -> String? {
        exactBoards[Self.key(vendorID: vendorID, productID: productID)] ?? vendorBoards[vendorID]
    }

    private static func key(vendorID: UInt16, productID: UInt16) -> UInt32 {
        UInt32(vendorID) << 16 | UInt32(productID)
    }
}

extension BoardCatalog {
    /// The catalog the agent ships with: common USB-serial bridges, development boards, their
    /// bootloaders and debug probes.
    ///
    /// Sources for the ids: the Linux usb.ids list and drivers (cp210x, ch341, pl2303, ftdi_sio),
    /// WCH's ch343 driver, the vid/pid lines of the Arduino, Adafruit, SparkFun and Seeed cores'
    /// boards.txt, PJRC's Teensy core, Raspberry Pi's usb-pid list and Pico SDK, ESP-IDF and
    /// esptool, OpenOCD's and avrdude's probe tables.
    public static let standard = BoardCatalog(entries: standardEntries())

    private static func standardEntries() -> [Entry] {
        var entries: [Entry] = []

        // USB-serial bridges: named after the chip, never vendor-wide (these vendors make much else).
        entries += products(0x10C4, "cp210x", 0xEA60, 0xEA61, 0xEA63)
        entries += products(0x10C4, "cp2105", 0xEA70)
        entries += products(0x10C4, "cp2108", 0xEA71)
        entries += products(0x1A86, "ch340", 0x7523, 0x7522)
        entries += products(0x1A86, "ch341", 0x5523)
        entries += products(0x1A86, "ch342", 0x55D2)
        entries += products(0x1A86, "ch343", 0x55D3)
        entries += products(0x1A86, "ch9102", 0x55D4)
        entries += products(0x1A86, "ch344", 0x55D5)
        entries += products(0x0403, "ft232r", 0x6001)
        entries += products(0x0403, "ft2232", 0x6010)
        entries += products(0x0403, "ft4232", 0x6011)
        entries += products(0x0403, "ft232h", 0x6014)
        entries += products(0x0403, "ft231x", 0x6015)
        entries += products(0x067B, "pl2303", 0x2303)
        entries += products(0x067B, "pl2303g", 0x23A3, 0x23B3, 0x23C3, 0x23D3, 0x23E3, 0x23F3)

        // Arduino: 0x2341 Arduino SA, 0x2A03 arduino.org. 0x00xx is usually the bootloader and
        // 0x80xx the sketch of the same board.
        entries += products(0x2341, "arduino-uno", 0x0043, 0x0001, 0x0243)
        entries += products(0x2A03, "arduino-uno", 0x0043)
        entries += products(0x2341, "arduino-mega2560", 0x0010, 0x0042, 0x0210, 0x0242)
        entries += products(0x2A03, "arduino-mega2560", 0x0010, 0x0042)
        entries += products(0x2341, "arduino-leonardo", 0x0036, 0x8036)
        entries += products(0x2A03, "arduino-leonardo", 0x0036, 0x8036)
        entries += products(0x2341, "arduino-micro", 0x0037, 0x8037, 0x0237, 0x8237)
        entries += products(0x2A03, "arduino-micro", 0x0037, 0x8037)
        entries += products(0x2341, "arduino-yun", 0x0041, 0x8041)
        entries += products(0x2A03, "arduino-yun", 0x0041, 0x8041)
        entries += products(0x2341, "arduino-nano-every", 0x0058)
        entries += products(0x2341, "arduino-zero", 0x804D, 0x004D, 0x824D, 0x024D)
        entries += products(0x2341, "arduino-due", 0x003D, 0x003E)
        entries += products(0x2A03, "arduino-due", 0x003D, 0x003E)
        entries += products(0x2341, "arduino-mkrzero", 0x804F, 0x004F)
        entries += products(0x2341, "arduino-mkr-wifi-1010", 0x8054, 0x0054)
        entries += products(0x2341, "arduino-nano-33-iot", 0x8057, 0x0057)
        entries += products(0x2341, "arduino-nano-33-ble", 0x805A)
        entries += products(0x2341, "arduino-nano-rp2040-connect", 0x805E, 0x005E)
        entries += products(0x2341, "arduino-portenta-h7", 0x025B, 0x035B, 0x045B, 0x055B)
        entries += products(0x2341, "arduino-giga-r1", 0x0266, 0x0366, 0x0466)
        entries += products(0x2341, "arduino-uno-r4-minima", 0x0069, 0x0369)
        entries += products(0x2341, "arduino-uno-r4-wifi", 0x1002, 0x006D)
        entries += products(0x2341, "arduino-nano-esp32", 0x0070)
        entries.append(anyProduct(of: 0x2341, "arduino"))
        entries.append(anyProduct(of: 0x2A03, "arduino"))

        // Espressif native USB: 0x1001 is the USB-Serial/JTAG unit of the ESP32-S3, -C3, -C6 and
        // -H2 (one id for all of them); 0x0002 and 0x0009 the ROM download mode of the S2 and S3.
        entries += products(0x303A, "esp32", 0x1001)
        entries += products(0x303A, "esp32-s2", 0x0002)
        entries += products(0x303A, "esp32-s3", 0x0009)
        entries.append(anyProduct(of: 0x303A, "espressif"))

        // Raspberry Pi: boot ROM (0x0003 RP2040, 0x000F RP2350), MicroPython (0x0005), Pico SDK
        // stdio over USB (0x000A on RP2040, 0x0009 otherwise), Debug Probe (CMSIS-DAP).
        entries += products(0x2E8A, "rp2040", 0x000A, 0x0005, 0x0003)
        entries += products(0x2E8A, "rp2350", 0x0009, 0x000F)
        entries += products(0x2E8A, "rpi-debug-probe", 0x000C)
        entries.append(anyProduct(of: 0x2E8A, "raspberrypi"))

        // STMicroelectronics: ST-LINK probes (with their virtual COM port), the STM32 system
        // bootloader in DFU mode and the virtual COM port of STM32 USB CDC firmware.
        entries += products(0x0483, "stlink-v1", 0x3744)
        entries += products(0x0483, "stlink-v2", 0x3748)
        entries += products(0x0483, "stlink-v2-1", 0x374B, 0x3752)
        entries += products(0x0483, "stlink-v3", 0x374D, 0x374E, 0x374F, 0x3753, 0x3754)
        entries += products(0x0483, "stm32-dfu", 0xDF11)
        entries += products(0x0483, "stm32", 0x5740)

        // Adafruit (0x00xx UF2 bootloader, 0x80xx sketch/CircuitPython).
        entries += products(0x239A, "adafruit-feather-m0", 0x800B)
        entries += products(0x239A, "adafruit-feather-m0-express", 0x801B)
        entries += products(0x239A, "adafruit-metro-m0-express", 0x8013)
        entries += products(0x239A, "adafruit-itsybitsy-m0", 0x800F)
        entries += products(0x239A, "adafruit-trinket-m0", 0x801E)
        entries += products(0x239A, "adafruit-qtpy-m0", 0x80CB)
        entries += products(0x239A, "adafruit-circuitplayground-express", 0x8018)
        entries += products(0x239A, "adafruit-metro-m4", 0x8020)
        entries += products(0x239A, "adafruit-feather-m4-express", 0x8022)
        entries += products(0x239A, "adafruit-itsybitsy-m4", 0x802B)
        entries += products(0x239A, "adafruit-feather-nrf52840", 0x8029)
        entries += products(0x239A, "adafruit-circuitplayground-bluefruit", 0x8045)
        entries += products(0x239A, "adafruit-feather-esp32-s2", 0x80EB)
        entries += products(0x239A, "adafruit-qtpy-esp32-s2", 0x8111)
        entries += products(0x239A, "adafruit-feather-esp32-s3", 0x811B)
        entries.append(anyProduct(of: 0x239A, "adafruit"))

        // Teensy: 0x16C0 is a shared vendor id, so only PJRC's products are listed: USB serial
        // (one, two, three ports), serial + HID, MIDI + serial, audio + MIDI + serial, and the
        // HalfKay bootloader.
        entries += products(0x16C0, "teensy", 0x0483, 0x048B, 0x048C, 0x0487, 0x0489, 0x048A, 0x0478)

        // SparkFun, Seeed Studio, Nordic Semiconductor, SEGGER.
        entries += products(0x1B4F, "sparkfun-pro-micro", 0x9203, 0x9204, 0x9205, 0x9206)
        entries.append(anyProduct(of: 0x1B4F, "sparkfun"))
        entries += products(0x2886, "seeed-wio-terminal", 0x802D, 0x002D)
        entries += products(0x2886, "seeed-xiao-samd21", 0x802F, 0x002F)
        entries.append(anyProduct(of: 0x2886, "seeed"))
        entries += products(0x1915, "nrf52840-dongle", 0x521F)
        entries.append(anyProduct(of: 0x1915, "nordic"))
        entries.append(anyProduct(of: 0x1366, "jlink"))

        // Microchip/Atmel probes and bootloaders. Not vendor-wide: 0x03EB also covers the touch
        // controllers of many laptops.
        entries += products(0x03EB, "avrisp-mkii", 0x2104)
        entries += products(0x03EB, "avr-dragon", 0x2107)
        entries += products(0x03EB, "jtagice3", 0x2110)
        entries += products(0x03EB, "edbg", 0x2111, 0x2157)
        entries += products(0x03EB, "atmel-ice", 0x2141)
        entries += products(0x03EB, "medbg", 0x2145)
        entries += products(0x03EB, "nedbg", 0x2175)
        entries += products(0x03EB, "atmega16u2-dfu", 0x2FEF)
        entries += products(0x03EB, "atmega32u2-dfu", 0x2FF0)
        entries += products(0x03EB, "atmega32u4-dfu", 0x2FF4)
        entries += products(0x03EB, "sam-ba", 0x6124)

        // Other probes and bootloaders.
        entries += products(0x0D28, "daplink", 0x0204)
        entries += products(0x16D0, "digispark", 0x0753)

        return entries
    }

    private static func products(_ vendorID: UInt16, _ board: String, _ productIDs: UInt16...) -> [Entry] {
        productIDs.map { Entry(vendorID: vendorID, productID: $0, board: board) }
    }

    private static func anyProduct(of vendorID: UInt16, _ board: String) -> Entry {
        Entry(vendorID: vendorID, productID: nil, board: board)
    }
}
