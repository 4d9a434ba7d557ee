import Glibc

/// A udev rules file as rules: logical lines (backslash continuations joined, comments and
/// blank lines dropped) split into `KEY op "value"` tokens.
struct UdevRulesFile {
    /// One `KEY op "value"` item of a rule, e.g. `ATTRS{idVendor}=="2341"`.
    struct Token: Sendable, Equatable {
        /// The key with its attribute, e.g. `ATTRS{idVendor}` or `RUN`.
        let key: String
        /// The operator: `==`, `!=`, `=`, `+=`, `-=` or `:=`.
        let op: String
        /// The value between the quotes.
        let value: String
    }

    /// One logical line.
    struct Rule: Sendable {
        /// The 1-based number of its first physical line.
        let line: Int
        /// Its tokens, in order.
        let tokens: [Token]
        /// Whatever is left once the tokens and the commas between them are removed: empty for a
        /// well-formed rule.
        let leftover: String

        /// The value of the first token with `key` and `op`.
        func value(_ key: String, _ op: String) -> String? {
            tokens.first { $0.key == key && $0.op == op }?.value
        }
    }

    /// A rule that grants board access: it matches `ATTRS{idVendor}` (and maybe
    /// `ATTRS{idProduct}`) and sets `ENV{PIO_AGENT_ACCESS}="1"`.
    struct AccessGrant: Sendable {
        /// The line of the rule.
        let line: Int
        /// The `ATTRS{idVendor}` pattern.
        let vendor: String
        /// The `ATTRS{idProduct}` pattern; nil for a vendor-wide grant.
        let product: String?

        /// Whether the product pattern is a glob rather than one id.
        var productIsPattern: Bool {
            product.map { $0.contains { "*?[".contains($0) } } ?? true
        }

        /// Whether this grant matches the ids, as udev would (fnmatch on lowercase sysfs hex).
        func matches(vendorID: UInt16, productID: UInt16?) -> Bool {
            guard fnmatch(vendor, Self.sysfsHex(vendorID), 0) == 0 else { return false }
            guard let product else { return true }
            guard let productID else { return false }
            return fnmatch(product, Self.sysfsHex(productID), 0) == 0
        }

        /// An id the way sysfs prints `idVendor`/`idProduct`: four lowercase hex digits.
        static func sysfsHex(_ id: UInt16) -> String {
            let digits = String(id, radix: 16)
            return String(repeating: "0", count: 4 - digits.count) + digits
        }
    }

    /// Every rule, in file order.
    let rules: [Rule]

    /// Parses `text`.
    init(text: String) {
        rules = text.logicalLines(commentPrefixes: ["#"]).map { Self.parse($0.text, line: $0.line) }
    }

    /// The rules that grant board access.
    var accessGrants: [AccessGrant] {
        rules.compactMap { rule in
            guard rule.value("ENV{PIO_AGENT_ACCESS}", "=") == "1", let vendor = rule.value("ATTRS{idVendor}", "==")
            else { return nil }
            return AccessGrant(line: rule.line, vendor: vendor, product: rule.value("ATTRS{idProduct}", "=="))
        }
    }

    private static func parse(_ text: String, line: Int) -> Rule {
        let tokenPattern = /([A-Z_]+(?:\{[^}]*\})?)\s*(==|!=|\+=|-=|:=|=)\s*"([^"]*)"/
        var tokens: [Token] = []
        var leftover = ""
        var rest = Substring(text)
        while let match = rest.firstMatch(of: tokenPattern) {
            leftover += rest[..<match.range.lowerBound]
            tokens.append(Token(key: String(match.1), op: String(match.2), value: String(match.3)))
            rest = rest[match.range.upperBound...]
        }
        leftover += rest
        return Rule(line: line, tokens: tokens, leftover: String(leftover.filter { $0 != "," && $0 != " " }))
    }
}
