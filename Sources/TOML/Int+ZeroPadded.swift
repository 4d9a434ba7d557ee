extension Int {
    /// The decimal digits of a non-negative number, padded with leading zeros to `width`.
    func zeroPadded(to width: Int) -> String {
        let digits = String(self)
        guard digits.count < width else { return digits }
        return String(repeating: "0", count: width - digits.count) + digits
    }
}
