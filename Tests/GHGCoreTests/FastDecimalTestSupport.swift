import GHGCore
// Deterministic generators and comparison helpers for FastDecimal's tests, release checker and benchmark.

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, deterministic.
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform-ish in 0..<n (modulo bias is irrelevant here).
    @inline(__always)
    public mutating func below(_ n: UInt64) -> UInt64 { next() % n }
    @inline(__always)
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(below(UInt64(range.upperBound - range.lowerBound + 1)))
    }
    /// Uniform in [0, 1).
    @inline(__always)
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    @inline(__always)
    public mutating func coin() -> Bool { next() & 1 == 0 }
}

// MARK: - Formatting

/// `d · 10^k` with trailing zeros of `d` moved into `k`.
public func normalized(_ x: (digits: UInt64, exponent: Int, fivePowerShortcuts: Int, exactComparisons: Int)) -> (digits: UInt64, exponent: Int) {
    var d = x.digits, k = x.exponent
    while d % 10 == 0 { d /= 10; k += 1 }
    return (d, k)
}

public enum FormatCheck {
    /// nil when `FastDecimal.write(x)` produces exactly the bytes of `ReferenceDecimalFormat.string(x)`;
    /// otherwise (fast, reference). `buffer` needs `FastDecimal.maxLength` bytes.
    public static func mismatch(_ x: Double, buffer: UnsafeMutablePointer<UInt8>) -> (fast: String, reference: String)? {
        let n = FastDecimal.write(x, to: buffer)
        precondition(n <= FastDecimal.maxLength)
        let reference = ReferenceDecimalFormat.string(x)
        var equal = reference.utf8.count == n
        if equal {
            var i = 0
            for b in reference.utf8 {
                if buffer[i] != b { equal = false; break }
                i += 1
            }
        }
        return equal ? nil : (String(decoding: UnsafeBufferPointer(start: buffer, count: n), as: UTF8.self), reference)
    }

    /// nil when the 128-bit path and the all-multi-precision path agree on the shortest digits of |x|.
    public static func arithmeticMismatch(_ x: Double) -> String? {
        let m = x.magnitude
        guard m.isFinite && m != 0 else { return nil }
        let a = normalized(FastDecimal._shortestDigits(m)), b = normalized(FastDecimal._shortestDigits(m, exactArithmetic: true))
        return (a.digits == b.digits && a.exponent == b.exponent)
            ? nil : "\(x): fast \(a.digits)e\(a.exponent) exact \(b.digits)e\(b.exponent)"
    }
}

/// Families of doubles to format. Each generator is deterministic given the generator state.
public enum FormatFamily: String, CaseIterable, Sendable {
    case randomBits = "random finite bit patterns"
    case threeDecimals = "uniform 0..1e6 with 3 decimals"
    case productsOfThreeDecimals = "products of 3-decimal numbers"
    case sumsOfThreeDecimals = "sums/differences of 3-decimal numbers"
    case smallMultiples = "small integers times 0.1, 0.01, 0.3, 1/3, ..."
    case tinyRange = "1e-7..1e-3"
    case decimalText = "short decimal strings read with Double(String)"
    case integers = "integers up to 2^53"
    case largePositional = "1e15..1e17 (long positional output)"
    case roundLarge = "n * 10^j, j = 15...40 (exact large integers)"
    case quarterTies = "[2^49, 2^51) + 0.25/0.75 (closest-digit ties)"
    case boundaryMidpoints = "doubles whose rounding-interval bound is a short decimal"
    case subnormals = "subnormals"
    case anyMagnitude = "random significand, any exponent (log-uniform)"

    static let multipliers: [Double] = [0.1, 0.01, 0.001, 0.2, 0.3, 0.7, 1.1, 0.05, 1.0 / 3.0, 2.0 / 3.0, 0.0001,
                                        1e-5, 1e-6, 1.5, 3.6, 44.0 / 12.0, 28, 265, 0.9, 1e-9]
    static let decimalPowers: [Double] = (0...22).map { Double("1e-\($0)")! }

    public func next(_ r: inout SplitMix64) -> Double {
        let x = magnitude(&r)
        return r.coin() ? x : -x
    }

    func magnitude(_ r: inout SplitMix64) -> Double {
        switch self {
        case .randomBits:
            while true {
                let x = Double(bitPattern: r.next())
                if x.isFinite { return x }
            }
        case .threeDecimals:
            return Double(r.below(1_000_000_001)) / 1000
        case .productsOfThreeDecimals:
            return (Double(r.below(1_000_000_001)) / 1000) * (Double(r.below(1_000_000_001)) / 1000)
        case .sumsOfThreeDecimals:
            let a = Double(r.below(1_000_000_001)) / 1000, b = Double(r.below(1_000_000_001)) / 1000
            return r.coin() ? a + b : a - b
        case .smallMultiples:
            return Double(r.below(100_001)) * FormatFamily.multipliers[Int(r.below(UInt64(FormatFamily.multipliers.count)))]
        case .tinyRange:
            return (1 + 9 * r.unit()) * FormatFamily.decimalPowers[r.int(3...7)]
        case .decimalText:
            var s = ""
            let intDigits = r.int(0...9), fracDigits = r.int(0...8)
            for _ in 0..<intDigits { s.append(Character(Unicode.Scalar(UInt8(48 + r.below(10))))) }
            if intDigits == 0 { s = "0" }
            if fracDigits > 0 {
                s.append(".")
                for _ in 0..<fracDigits { s.append(Character(Unicode.Scalar(UInt8(48 + r.below(10))))) }
            }
            if r.below(4) == 0 { s += "e\(r.int(-30...30))" }
            return Double(s)!
        case .integers:
            return Double(r.next() >> (11 + r.below(53)))
        case .largePositional:
            let lo = (1e15).bitPattern, hi = (1e17).bitPattern
            return Double(bitPattern: lo + r.below(hi - lo + 1))
        case .roundLarge:
            return Double("\(r.below(r.coin() ? 1000 : 10_000_000))e\(r.int(15...40))")!
        case .quarterTies:
            let n = (1 << 49) + r.below(3 << 49)
            return Double(n) + (r.coin() ? 0.25 : 0.75)
        case .boundaryMidpoints:
            // v = c·2^q with (2c ± 1)·2^(q-1) = d·10^j, d odd: q = j + 1, 2c ± 1 = d·5^j ∈ (2^53, 2^54).
            while true {
                let j = r.int(1...22)
                let p5 = FastDecimalPowers.five[j]
                let lo = ((1 as UInt64) << 53) / p5 + 1, hi = ((1 as UInt64) << 54) / p5
                guard hi > lo else { continue }
                var d = lo + r.below(hi - lo)
                d |= 1
                let odd = d * p5
                guard odd > 1 << 53 && odd < 1 << 54 else { continue }
                let c = r.coin() ? (odd - 1) / 2 : (odd + 1) / 2
                guard c >= 1 << 52 && c < 1 << 53 else { continue }
                return Double(sign: .plus, exponent: j + 1, significand: Double(c))
            }
        case .subnormals:
            return Double(bitPattern: r.below(1 << 52) + 1)
        case .anyMagnitude:
            let e = UInt64(r.int(0...2046))
            return Double(bitPattern: e << 52 | (r.next() & 0x000F_FFFF_FFFF_FFFF))
        }
    }
}

public enum FastDecimalPowers {
    public static let five: [UInt64] = (0...27).map { e in (0..<e).reduce(UInt64(1)) { a, _ in a * 5 } }
}

/// Deterministic special values: powers of ten and two with neighbours, extremes, integers around 2^53, ...
public func specialFormatValues() -> [Double] {
    var v: [Double] = [0, -0.0, .nan, -.nan, .infinity, -.infinity, .signalingNaN,
                       .greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude,
                       .ulpOfOne, 1, 0.1, 0.2, 0.3, 0.1 * 3, 244068.0, 1e-05, 1.5e+16, 1e23, 9007199254740992.0, Double("5e-324")!,
                       1.7976931348623157e308, 2.2250738585072014e-308, Double("2.225073858507201e-308")!]
    for e in -323...308 { v.append(Double("1e\(e)")!) }
    for e in -1074...1023 { v.append(Double(sign: .plus, exponent: e, significand: 1)) }
    for i in 0...1000 { v.append(Double(i)); v.append(Double((1 << 53) - i)); v.append(Double((1 << 53) + 2 * i)) }
    for i in 0...200 { v.append(Double(bitPattern: UInt64(i))); v.append(Double(bitPattern: (1 << 52) &+ UInt64(i) &- 100)) }
    for d in 1...9 { for e in -30...30 { v.append(Double("\(d)e\(e)")!); v.append(Double("\(d).5e\(e)")!) } }
    let base = v
    for x in base where x.isFinite && x != 0 { v.append(x.nextUp); v.append(x.nextDown) }
    return v + v.map { -$0 }
}

// MARK: - Parsing

public enum ParseCheck {
    /// nil when `FastDecimal.parse(bytes)` equals `ReferenceNumberParser.parse(String(decoding: bytes))`
    /// bit for bit (or both are nil); otherwise a description.
    public static func mismatch(_ bytes: [UInt8]) -> String? {
        let fast = bytes.withUnsafeBufferPointer { FastDecimal.parse($0) }
        let text = String(decoding: bytes, as: UTF8.self)
        let reference = ReferenceNumberParser.parse(text)
        if fast?.bitPattern == reference?.bitPattern { return nil }
        return "input \(bytes) \"\(text)\": fast \(fast.map { "\($0)" } ?? "nil") reference \(reference.map { "\($0)" } ?? "nil")"
    }
}

public enum ParseFamily: String, CaseIterable, Sendable {
    case shaped = "random decimal text of many shapes (signs, points, exponents, spaces, leading zeros)"
    case junk = "mutated/junk text (separators, hex, nan, inf, stray signs)"
    case halfway = "exact halfway points between doubles and their neighbours (17-40+ digits)"
    case formatted = "FastDecimal.string(x) of random x (round trip)"
    case description = "Double.description of random x"
    case typical = "typical table values (1-17 digits, 0-6 decimals)"

    public func next(_ r: inout SplitMix64) -> [UInt8] {
        switch self {
        case .shaped: return shapedText(&r)
        case .junk: return junkText(&r)
        case .halfway: return halfwayText(&r)
        case .formatted: return Array(FastDecimal.string(FormatFamily.allCases[Int(r.below(UInt64(FormatFamily.allCases.count)))].next(&r)).utf8)
        case .description: return Array(FormatFamily.anyMagnitude.next(&r).description.utf8)
        case .typical:
            var s: [UInt8] = []
            if r.below(8) == 0 { s.append(UInt8(ascii: "-")) }
            let intDigits = r.int(1...11)
            for i in 0..<intDigits { s.append(UInt8(48 + (i == 0 && intDigits > 1 ? 1 + r.below(9) : r.below(10)))) }
            let frac = r.int(0...6)
            if frac > 0 { s.append(UInt8(ascii: ".")); for _ in 0..<frac { s.append(UInt8(48 + r.below(10))) } }
            return s
        }
    }
}

let spaceChoices: [[UInt8]] = [[], [], [], [0x20], [0x09], [0x0D, 0x0A], [0x0A], [0xE3, 0x80, 0x80], [0x20, 0x20, 0xE3, 0x80, 0x80]]

func digits(_ r: inout SplitMix64, _ n: Int, _ out: inout [UInt8]) {
    for _ in 0..<n { out.append(UInt8(48 + r.below(10))) }
}

func shapedText(_ r: inout SplitMix64) -> [UInt8] {
    var s: [UInt8] = spaceChoices[Int(r.below(UInt64(spaceChoices.count)))]
    switch r.below(4) { case 0: s.append(UInt8(ascii: "-")); case 1: s.append(UInt8(ascii: "+")); default: break }
    let leadingZeros = r.below(4) == 0 ? r.int(1...25) : 0
    for _ in 0..<leadingZeros { s.append(UInt8(ascii: "0")) }
    let intDigits = r.below(6) == 0 ? 0 : r.int(1...25)
    digits(&r, intDigits, &s)
    if r.below(3) != 0 {
        s.append(UInt8(ascii: "."))
        if r.below(4) == 0 { for _ in 0..<r.int(1...20) { s.append(UInt8(ascii: "0")) } }
        digits(&r, r.below(5) == 0 ? 0 : r.int(1...25), &s)
    }
    if r.below(2) == 0 {
        s.append(r.coin() ? UInt8(ascii: "e") : UInt8(ascii: "E"))
        switch r.below(3) { case 0: s.append(UInt8(ascii: "-")); case 1: s.append(UInt8(ascii: "+")); default: break }
        let e: Int
        switch r.below(6) {
        case 0: e = r.int(0...400)
        case 1: e = r.int(280...345)
        case 2: e = r.int(0...9)
        default: e = r.int(0...40)
        }
        if r.below(10) == 0 { s.append(UInt8(ascii: "0")) }
        s += Array(String(e).utf8)
    }
    s += spaceChoices[Int(r.below(UInt64(spaceChoices.count)))]
    return s
}

let junkList: [String] = ["", " ", "\u{3000}", "-", "+", ".", "+.e1", ".e1", "e5", "1e", "1e+", "1e-", "1.2.3", "--1",
                          "+-1", "1-", "1e5.5", "1,000", "1 000", "0x10", "0X1p3", "nan", "NaN", "-nan", "inf", "-inf",
                          "infinity", "1e400", "-1e400", "1e-400", "-1e-400", ".5", "5.", "-.5", "+5.", "5.e3", "1_000",
                          "１２", "1\u{301}", "\u{3000}1\u{3000}", "\r\n1\r\n", "1e99999999", "0e99999999999999999999",
                          "1e0000000000000000000000005", "-0", "+0", "0.0e0", "-0e-0", "00000.00000", "1..5", "1e5e5",
                          "1.7976931348623158e308", "1.7976931348623159e308", "2.4703282292062327e-324",
                          "2.4703282292062328e-324", "4.9406564584124654e-324", "2.2250738585072011e-308",
                          "9007199254740993", "9007199254740993.0", "9007199254740993e0", "90071992547409930e-1",
                          "0.1e1", "1.", "\t7\t", "7\u{0}", "\u{FEFF}7", "7 8", "1e-5 ", " -3.25E+02 "]
let junkChars: [UInt8] = Array("0123456789+-.eE ,xXa_\t".utf8) + [0xE3, 0x80, 0xFF]

func junkText(_ r: inout SplitMix64) -> [UInt8] {
    var s = Array(junkList[Int(r.below(UInt64(junkList.count)))].utf8)
    if r.below(3) == 0 { s = shapedText(&r) }
    for _ in 0..<r.int(0...2) {
        let c = junkChars[Int(r.below(UInt64(junkChars.count)))]
        switch r.below(3) {
        case 0: s.insert(c, at: Int(r.below(UInt64(s.count + 1))))
        case 1: if !s.isEmpty { s[Int(r.below(UInt64(s.count)))] = c }
        default: if !s.isEmpty { s.remove(at: Int(r.below(UInt64(s.count)))) }
        }
    }
    return s
}

/// Decimal digits of `a · 5^p5 · 2^p2` (a ≥ 1), most significant first, via base-10^9 limbs.
func decimalDigits(_ a: UInt64, times5 p5: Int, times2 p2: Int) -> [UInt8] {
    var limbs: [UInt64] = [a % 1_000_000_000, (a / 1_000_000_000) % 1_000_000_000, a / 1_000_000_000_000_000_000]
    func mul(_ f: UInt64) {
        var carry: UInt64 = 0
        for i in 0..<limbs.count {
            let t = limbs[i] * f + carry
            limbs[i] = t % 1_000_000_000
            carry = t / 1_000_000_000
        }
        while carry > 0 { limbs.append(carry % 1_000_000_000); carry /= 1_000_000_000 }
    }
    var p = p5
    while p >= 13 { mul(1_220_703_125); p -= 13 }   // 5^13
    for _ in 0..<p { mul(5) }
    var q = p2
    while q >= 29 { mul(1 << 29); q -= 29 }
    for _ in 0..<q { mul(2) }
    while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
    var s = Array(String(limbs.last!).utf8)
    for limb in limbs.dropLast().reversed() {
        let t = Array(String(limb).utf8)
        s += Array(repeating: UInt8(ascii: "0"), count: 9 - t.count) + t
    }
    return s
}

/// Text of the exact midpoint between a random double and its successor, or a value just off it.
func halfwayText(_ r: inout SplitMix64) -> [UInt8] {
    let biased = r.below(3) == 0 ? r.int(1...2046) : r.int(1023 - 120...1023 + 120)
    let c = (1 << 52) | (r.next() & 0x000F_FFFF_FFFF_FFFF)
    let q = biased - 1075
    // midpoint = (2c+1) · 2^(q-1)
    let odd = 2 * c + 1
    var digitsText: [UInt8], pointFromRight: Int
    if q - 1 >= 0 {
        digitsText = decimalDigits(odd, times5: 0, times2: q - 1); pointFromRight = 0
    } else {
        digitsText = decimalDigits(odd, times5: 1 - q, times2: 0); pointFromRight = 1 - q
    }
    switch r.below(4) {
    case 0: break                                            // exact midpoint
    case 1: digitsText.append(UInt8(ascii: "1")); pointFromRight += 1   // just above
    case 2:                                                   // just below: ...5 -> ...4999
        if digitsText.last == UInt8(ascii: "5") { digitsText[digitsText.count - 1] = UInt8(ascii: "4"); digitsText += Array("999".utf8); pointFromRight += 3 }
    default:                                                  // truncated to 17...25 significant digits
        let keep = r.int(17...25)
        if digitsText.count > keep { pointFromRight -= digitsText.count - keep; digitsText.removeLast(digitsText.count - keep) }
    }
    // Render as d.ddd e N (scientific) or plain, randomly.
    let exponent10 = digitsText.count - 1 - pointFromRight
    if r.coin() || exponent10 > 40 || exponent10 < -40 {
        var s: [UInt8] = [digitsText[0], UInt8(ascii: ".")] + digitsText.dropFirst()
        s += Array("e\(exponent10)".utf8)
        return s
    }
    if pointFromRight <= 0 { return digitsText + Array(repeating: UInt8(ascii: "0"), count: -pointFromRight) }
    if pointFromRight >= digitsText.count {
        return Array("0.".utf8) + Array(repeating: UInt8(ascii: "0"), count: pointFromRight - digitsText.count) + digitsText
    }
    let split = digitsText.count - pointFromRight
    return Array(digitsText[..<split]) + [UInt8(ascii: ".")] + Array(digitsText[split...])
}
