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
    ///
    /// A number is a run of ASCII digits with one inner `.` that neither follows a letter, `_`, `.` or digit nor is
    /// followed by a letter, `_` or `.`; letters are Unicode letters (`Character.isLetter`), so `吨12.5` and `12.5吨`
    /// are left alone. The text is read as UTF-8 bytes; a text with a scalar that could join a neighbour into one
    /// character (a combining mark, a joiner) is read character by character instead, with the same rule.
    ///
    /// - Complexity: O(n) in the text's UTF-8 length.
    public static func readableText(_ text: String) -> String {
        var text = text
        if let bytes = text.withUTF8({ readableBytes($0) }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        return readableTextByCharacter(text)
    }

    /// Whether a non-ASCII scalar stands alone as one character whatever its neighbours (never a combining mark,
    /// joiner or prepended mark): Latin-1 to the spacing modifiers, general punctuation, letterlike symbols, arrows
    /// and mathematical operators, CJK symbols and kana without their voicing marks, CJK ideographs, Hangul
    /// syllables and the full-width forms.
    static func standsAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0x80...0x2FF, 0x2000...0x200B, 0x200E...0x20CF, 0x2100...0x2BFF, 0x3000...0x3029, 0x3030...0x3098,
             0x309B...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF00...0xFF9D:
            return true
        default:
            return false
        }
    }

    /// ``readableText(_:)`` on UTF-8 bytes; nil when a scalar does not ``standsAlone(_:)`` (or the bytes are not
    /// valid UTF-8), and the caller reads characters instead.
    static func readableBytes(_ u: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let n = u.count
        // The scalar starting at byte i (a valid lead byte) and its length.
        func scalar(at i: Int) -> (UInt32, Int)? {
            let b = UInt32(u[i])
            let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0
            guard len > 0, i + len <= n else { return nil }
            var v = b & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F)
            for k in 1..<len {
                let c = UInt32(u[i + k])
                guard c & 0xC0 == 0x80 else { return nil }
                v = v << 6 | c & 0x3F
            }
            return (v, len)
        }
        var i = 0
        while i < n {
            if u[i] < 0x80 { i += 1; continue }
            guard let (v, len) = scalar(at: i), standsAlone(v) else { return nil }
            i += len
        }
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
        @inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
        func isLetter(_ v: UInt32) -> Bool { Unicode.Scalar(v).map { Character($0).isLetter } ?? false }
        var out: [UInt8] = []
        out.reserveCapacity(n)
        i = 0
        while i < n {
            let b = u[i]
            guard isDigit(b) else { out.append(b); i += 1; continue }
            if i > 0 {
                let p = u[i - 1]
                var follows: Bool
                if p < 0x80 {
                    follows = isASCIILetter(p) || p == 0x5F || p == 0x2E || isDigit(p)
                } else {
                    var k = i - 1
                    while u[k] & 0xC0 == 0x80 { k -= 1 }
                    follows = isLetter(scalar(at: k)!.0)
                }
                if follows { out.append(b); i += 1; continue }
            }
            var j = i, dots = 0
            while j < n, isDigit(u[j]) || (u[j] == 0x2E && j + 1 < n && isDigit(u[j + 1])) {
                if u[j] == 0x2E { dots += 1 }
                j += 1
            }
            var followed = false
            if j < n {
                let q = u[j]
                followed = q < 0x80 ? isASCIILetter(q) || q == 0x5F || q == 0x2E : isLetter(scalar(at: j)!.0)
            }
            let token = UnsafeBufferPointer(rebasing: u[i..<j])
            if dots == 1, !followed, let v = Double(String(decoding: token, as: UTF8.self)) {
                out.append(contentsOf: readable(v).utf8)
            } else {
                out.append(contentsOf: token)
            }
            i = j
        }
        return out
    }

    /// ``readableText(_:)`` character by character: the rule's definition, for texts with joining scalars.
    static func readableTextByCharacter(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
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
