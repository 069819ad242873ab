/// The one number formatter of every output: the shortest decimal that reads back as the same `Double`, written in
/// plain positional notation, with no locale, no grouping and no exponent.
///
/// `244068.0` prints as `244068`, `0.0202` as `0.0202`, `1e-05` as `0.00001`, `1.5e+16` as `15000000000000000`.
/// Because it round-trips, a value read back from `inventory.csv` is bit-for-bit the computed one.
public enum DecimalFormat {
    /// Formats a finite value; `nan`, `inf` and `-inf` for the others.
    ///
    /// The digits are found by ``FastDecimal`` (Schubfach, shortest then closest, ties to even: the same as Swift's
    /// `description`) and written straight into bytes.
    public static func string(_ x: Double) -> String { FastDecimal.string(x) }
}

extension DecimalFormat {
    /// Appends the bytes of ``string(_:)`` to a buffer (the path of large outputs).
    @inline(__always)
    public static func append(_ x: Double, to bytes: inout [UInt8]) { FastDecimal.append(x, to: &bytes) }
}

extension DecimalFormat {
    /// A value rounded for reading: at most six significant digits, in plain notation (`11299.014000000001` →
    /// `11299`, `0.112` → `0.112`, `-28952.0001` → `-28952`). For text a person reads (`explain`); files keep
    /// ``string(_:)``.
    public static func readable(_ x: Double) -> String {
        guard x.isFinite, x != 0 else { return string(x) }
        var magnitude = 0
        var a = abs(x)
        while a >= 10 { a /= 10; magnitude += 1 }
        while a < 1 { a *= 10; magnitude -= 1 }
        let decimals = max(0, 5 - magnitude)
        guard decimals < 300 else { return string(x) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var rounded = (x * scale).rounded() / scale
        if magnitude > 5 {
            var unit = 1.0
            for _ in 0..<(magnitude - 5) { unit *= 10 }
            rounded = (x / unit).rounded() * unit
        }
        return string(rounded)
    }

    /// `text` with every decimal number in it (`1234.5678901`, not a code such as `1.A.1` or a version `1.2.0`)
    /// shown ``readable(_:)``.
    public static func readableText(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        // The ASCII characters with a numeric type are exactly 0–9: compared as bytes, without the Unicode
        // property lookup `isNumber` makes (explain renders a formula per line; a province has 30 000).
        func isDigit(_ c: Character) -> Bool { c.asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        while i < chars.count {
            let c = chars[i]
            let previous: Character? = i > 0 ? chars[i - 1] : nil
            let startsNumber = isDigit(c) && !(previous.map { $0.isLetter || $0 == "_" || $0 == "." || isDigit($0) } ?? false)
            guard startsNumber else { out.append(c); i += 1; continue }
            var j = i, dots = 0
            while j < chars.count, isDigit(chars[j]) || (chars[j] == "." && j + 1 < chars.count && isDigit(chars[j + 1])) {
                if chars[j] == "." { dots += 1 }
                j += 1
            }
            let token = String(chars[i..<j])
            let next: Character? = j < chars.count ? chars[j] : nil
            if dots == 1, !(next.map { $0.isLetter || $0 == "_" || $0 == "." } ?? false), let v = Double(token) {
                out += readable(v)
            } else {
                out += token
            }
            i = j
        }
        return out
    }
}
