// The oracle of the FastDecimal tests: the project's number formatter and parser as they were before FastDecimal
// (positional rewrite of `Double.description`; `Double(String)` behind a character filter), kept verbatim.
import GHGCore
// The project's current number formatting and parsing (ghg-inventory: DecimalFormat.string, NumberParser.parse,
// String.trimmingSpaces), copied verbatim except for the type names. These are the oracles FastDecimal must match
// byte for byte / bit for bit.

public enum ReferenceDecimalFormat {
    public static func string(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var negative = false, pointPosition = -1, exponent = 0, exponentSign = 1, inExponent = false
        for c in x.description.utf8 {
            switch c {
            case UInt8(ascii: "-") where inExponent: exponentSign = -1
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "+"): continue
            case UInt8(ascii: "."): pointPosition = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            default:
                if inExponent { exponent = exponent * 10 + Int(c - 48) } else { digits.append(c) }
            }
        }
        let intCount = (pointPosition < 0 ? digits.count : pointPosition) + exponentSign * exponent
        var lead = 0
        while lead < digits.count - 1 && digits[lead] == UInt8(ascii: "0") { lead += 1 }
        let integerDigits = intCount - lead
        var end = digits.count
        while end - lead > 1 && digits[end - 1] == UInt8(ascii: "0") && end - lead > max(integerDigits, 1) { end -= 1 }
        let significant = digits[lead..<end]
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if integerDigits <= 0 {
            out += Array("0.".utf8)
            out += repeatElement(UInt8(ascii: "0"), count: -integerDigits)
            out += significant
        } else if integerDigits >= significant.count {
            out += significant
            out += repeatElement(UInt8(ascii: "0"), count: integerDigits - significant.count)
        } else {
            out += significant.prefix(integerDigits)
            out.append(UInt8(ascii: "."))
            out += significant.dropFirst(integerDigits)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, carriage returns and ideographic spaces.
    public var referenceTrimmingSpaces: String {
        let scalars = unicodeScalars
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" || c == "\u{3000}" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }
}

public enum ReferenceNumberParser {
    /// The value, or nil when the text is not a finite decimal number.
    public static func parse(_ text: String) -> Double? {
        let t = text.referenceTrimmingSpaces
        guard !t.isEmpty, t.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
              t.unicodeScalars.contains(where: { ("0"..."9").contains($0) }),
              let x = Double(t), x.isFinite else { return nil }
        return x
    }
}
