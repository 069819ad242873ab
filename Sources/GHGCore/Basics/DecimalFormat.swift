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
        // Swift's description is the shortest round-trip representation and is locale-independent; it is rewritten
        // here, byte by byte, into positional notation.
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

extension DecimalFormat {
    /// Appends the bytes of ``string(_:)`` to a buffer (the path of large outputs).
    public static func append(_ x: Double, to bytes: inout [UInt8]) {
        var s = string(x)
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
