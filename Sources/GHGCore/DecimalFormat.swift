/// The one number formatter of every output: the shortest decimal that reads back as the same `Double`, written in
/// plain positional notation, with no locale, no grouping and no exponent.
///
/// `244068.0` prints as `244068`, `0.0202` as `0.0202`, `1e-05` as `0.00001`, `1.5e+16` as `15000000000000000`.
/// Because it round-trips, a value read back from `inventory.csv` is bit-for-bit the computed one.
public enum DecimalFormat {
    /// Formats a finite value; `nan`, `inf` and `-inf` for the others.
    public static func string(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        // Swift's description is the shortest round-trip representation and is locale-independent.
        let text = x.description
        var negative = false
        var digits: [Character] = []
        var pointPosition: Int?
        var exponent = 0
        var chars = Substring(text)
        if chars.first == "-" { negative = true; chars = chars.dropFirst() }
        if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(chars[chars.index(after: e)...])!
            chars = chars[..<e]
        }
        for c in chars {
            if c == "." { pointPosition = digits.count } else { digits.append(c) }
        }
        let intCount = (pointPosition ?? digits.count) + exponent
        // Strip leading zeros, adjusting the integer-digit count.
        var lead = 0
        while lead < digits.count - 1 && digits[lead] == "0" { lead += 1 }
        digits.removeFirst(lead)
        let integerDigits = intCount - lead
        while digits.count > 1 && digits.last == "0" && digits.count > max(integerDigits, 1) { digits.removeLast() }
        var out = negative ? "-" : ""
        if integerDigits <= 0 {
            out += "0." + String(repeating: "0", count: -integerDigits) + String(digits)
        } else if integerDigits >= digits.count {
            out += String(digits) + String(repeating: "0", count: integerDigits - digits.count)
        } else {
            out += String(digits[..<integerDigits]) + "." + String(digits[integerDigits...])
        }
        return out
    }
}
