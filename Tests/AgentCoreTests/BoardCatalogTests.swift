import AgentCore
import Testing

@Suite("BoardCatalog")
struct BoardCatalogTests {
    @Test("an exact vendor:product entry beats a vendor-wide one, whatever their order")
    func exactBeatsVendorWide() {
        let vendorFirst = BoardCatalog(entries: [
            .init(vendorID: 0x1234, productID: nil, board: "acme"),
            .init(vendorID: 0x1234, productID: 0x0001, board: "acme-one"),
        ])
        let exactFirst = BoardCatalog(entries: vendorFirst.entries.reversed())

        for catalog in [vendorFirst, exactFirst] {
            #expect(catalog.board(vendorID: 0x1234, productID: 0x0001) == "acme-one")
            #expect(catalog.board(vendorID: 0x1234, productID: 0x0002) == "acme")
        }
    }

    @Test("the standard catalog prefers the board over the vendor")
    func standardExactBeatsVendorWide() {
        let catalog = BoardCatalog.standard
        #expect(catalog.board(vendorID: 0x2341, productID: 0x0043) == "arduino-uno")
        #expect(catalog.board(vendorID: 0x2341, productID: 0xFFFF) == "arduino")
        #expect(catalog.board(vendorID: 0x303A, productID: 0x0009) == "esp32-s3")
        #expect(catalog.board(vendorID: 0x303A, productID: 0x8001) == "espressif")
    }

    @Test("unknown ids give nil")
    func unknownIsNil() {
        let catalog = BoardCatalog(entries: [.init(vendorID: 0x1234, productID: 0x0001, board: "acme-one")])
        #expect(catalog.board(vendorID: 0x1234, productID: 0x0002) == nil)
        #expect(catalog.board(vendorID: 0x4321, productID: 0x0001) == nil)
        #expect(BoardCatalog(entries: []).board(vendorID: 0x2341, productID: 0x0043) == nil)

        // A Linux root hub, a Logitech receiver, and a Silicon Labs product that is no UART
        // bridge (bridge vendors have no vendor-wide guess).
        #expect(BoardCatalog.standard.board(vendorID: 0x1D6B, productID: 0x0002) == nil)
        #expect(BoardCatalog.standard.board(vendorID: 0x046D, productID: 0xC52B) == nil)
        #expect(BoardCatalog.standard.board(vendorID: 0x10C4, productID: 0x8A2A) == nil)
        #expect(BoardCatalog.standard.board(vendorID: 0x0483, productID: 0x0001) == nil)
    }

    @Test("the first of two entries for the same ids wins")
    func firstDuplicateWins() {
        let catalog = BoardCatalog(entries: [
            .init(vendorID: 0x1234, productID: 0x0001, board: "first"),
            .init(vendorID: 0x1234, productID: 0x0001, board: "second"),
            .init(vendorID: 0x1234, productID: nil, board: "vendor-first"),
            .init(vendorID: 0x1234, productID: nil, board: "vendor-second"),
        ])
        #expect(catalog.board(vendorID: 0x1234, productID: 0x0001) == "first")
        #expect(catalog.board(vendorID: 0x1234, productID: 0x0002) == "vendor-first")
    }

    /// A vendor:product pair and the slug the standard catalog must give it.
    struct KnownID: Sendable, CustomTestStringConvertible {
        let vendorID: UInt16
        let productID: UInt16
        let board: String

        init(_ vendorID: UInt16, _ productID: UInt16, _ board: String) {
            self.vendorID = vendorID
            self.productID = productID
            self.board = board
        }

        var testDescription: String {
            func hex(_ id: UInt16) -> String {
                let digits = String(id, radix: 16, uppercase: true)
                return String(repeating: "0", count: 4 - digits.count) + digits
            }
            return "\(hex(vendorID)):\(hex(productID)) → \(board)"
        }
    }

    @Test(
        "known boards and bridges",
        arguments: [
            KnownID(0x2341, 0x0043, "arduino-uno"),
            KnownID(0x2341, 0x0001, "arduino-uno"),
            KnownID(0x2A03, 0x0043, "arduino-uno"),
            KnownID(0x2341, 0x0042, "arduino-mega2560"),
            KnownID(0x2341, 0x8036, "arduino-leonardo"),
            KnownID(0x2341, 0x8037, "arduino-micro"),
            KnownID(0x2341, 0x0058, "arduino-nano-every"),
            KnownID(0x2341, 0x804D, "arduino-zero"),
            KnownID(0x2341, 0x003D, "arduino-due"),
            KnownID(0x2341, 0x8057, "arduino-nano-33-iot"),
            KnownID(0x303A, 0x1001, "esp32"),
            KnownID(0x303A, 0x0002, "esp32-s2"),
            KnownID(0x2E8A, 0x000A, "rp2040"),
            KnownID(0x2E8A, 0x0005, "rp2040"),
            KnownID(0x2E8A, 0x0003, "rp2040"),
            KnownID(0x2E8A, 0x000F, "rp2350"),
            KnownID(0x0483, 0x3748, "stlink-v2"),
            KnownID(0x0483, 0x374B, "stlink-v2-1"),
            KnownID(0x0483, 0x374E, "stlink-v3"),
            KnownID(0x0483, 0xDF11, "stm32-dfu"),
            KnownID(0x16C0, 0x0483, "teensy"),
            KnownID(0x1915, 0x521F, "nrf52840-dongle"),
            KnownID(0x1366, 0x1015, "jlink"),
            KnownID(0x0D28, 0x0204, "daplink"),
            KnownID(0x16D0, 0x0753, "digispark"),
            KnownID(0x10C4, 0xEA60, "cp210x"),
            KnownID(0x1A86, 0x7523, "ch340"),
            KnownID(0x1A86, 0x55D4, "ch9102"),
            KnownID(0x1A86, 0x55D3, "ch343"),
            KnownID(0x0403, 0x6001, "ft232r"),
            KnownID(0x0403, 0x6010, "ft2232"),
            KnownID(0x0403, 0x6011, "ft4232"),
            KnownID(0x0403, 0x6014, "ft232h"),
            KnownID(0x0403, 0x6015, "ft231x"),
            KnownID(0x067B, 0x2303, "pl2303"),
        ]
    )
    func knownIDs(_ known: KnownID) {
        #expect(BoardCatalog.standard.board(vendorID: known.vendorID, productID: known.productID) == known.board)
    }

    @Test("the standard catalog lists each vendor:product, and each vendor-wide guess, once")
    func noDuplicateEntries() {
        var seen: Set<String> = []
        var duplicates: [String] = []
        for entry in BoardCatalog.standard.entries {
            let key = "\(entry.vendorID):\(entry.productID.map(String.init) ?? "*")"
            if !seen.insert(key).inserted {
                duplicates.append("\(key) (\(entry.board))")
            }
        }
        #expect(duplicates.isEmpty, "duplicate entries: \(duplicates)")
        #expect(BoardCatalog.standard.entries.count > 100)
    }

    @Test("slugs are short lowercase identifiers")
    func slugsAreWellFormed() {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        for entry in BoardCatalog.standard.entries {
            let slug = entry.board
            let wellFormed =
                !slug.isEmpty && slug.count <= 40 && slug.allSatisfy(allowed.contains)
                && slug.first != "-" && slug.last != "-" && !slug.contains("--")
            #expect(wellFormed, "bad slug \"\(slug)\"")
        }
    }
}
