/// Decimal numbers parsed straight from bytes, with the semantics of ``NumberParser`` (digits, one point, a sign,
/// an exponent; no grouping, no hexadecimal, no `nan`/`inf`; finite) and the correctly rounded result of
/// `Double(String)`.
///
/// The common case (at most 15 significant digits, at most 22 decimals, no exponent) is Clinger's fast path: the
/// digits as an integer, exactly representable, divided by an exact power of ten, one correctly rounded operation.
/// Everything else goes through `Double(String)`.
enum FastNumber {
    private static let powers: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    /// The value of the (already trimmed) bytes, or nil.
    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if p[0] == 0x2D || p[0] == 0x2B { negative = p[0] == 0x2D; i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0, significant = 0, decimals = 0
        var point = false
        while i < n {
            let b = p[i]
            if b >= 0x30 && b <= 0x39 {
                digits += 1
                if significant > 0 || b != 0x30 { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
                if point { decimals += 1 }
            } else if b == 0x2E && !point {
                point = true
            } else {
                return slow(p, n)
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        guard significant <= 15, decimals <= 22 else { return slow(p, n) }
        let v = Double(mantissa) / powers[decimals]
        return negative ? -v : v
    }

    private static func slow(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        NumberParser.parse(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
    }
}
