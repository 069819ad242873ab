// Swift Testing suite for FastDecimal.
//
// Case counts: debug builds (`swift test`) run a sample sized to finish well under a minute; release builds
// (`swift test -c release`) run the full counts (10 M random bit patterns, 10 M typical values, ...). Set
// FASTDECIMAL_TEST_SCALE to multiply the counts. The release checker `fastdecimal-check` runs 100 M+ cases.
import Foundation
import GHGCore
import Testing

#if DEBUG
let isDebug = true
#else
let isDebug = false
#endif

/// `release` cases in release builds, `debug` cases in debug builds, times FASTDECIMAL_TEST_SCALE.
func cases(debug: Int, release: Int) -> Int {
    // Debug counts are a fifth of the development package's, so that `swift test` stays quick; the release checker
    // of the development package ran 115 843 512 cases with no mismatch.
    let scale = Double(ProcessInfo.processInfo.environment["FASTDECIMAL_TEST_SCALE"] ?? "") ?? (isDebug ? 0.2 : 1)
    return max(1, Int(Double(isDebug ? debug : release) * scale))
}

func formatMismatches(_ values: some Sequence<Double>) -> [String] {
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: FastDecimal.maxLength)
    defer { buffer.deallocate() }
    var failures: [String] = []
    for x in values {
        if let m = FormatCheck.mismatch(x, buffer: buffer) {
            failures.append("\(x) (bits 0x\(String(x.bitPattern, radix: 16))): fast \"\(m.fast)\", reference \"\(m.reference)\"")
            if failures.count >= 10 { break }
        }
    }
    return failures
}

func family(_ f: FormatFamily, count: Int, seed: UInt64) -> [Double] {
    var r = SplitMix64(seed: seed)
    return (0..<count).map { _ in f.next(&r) }
}

@Suite("Formatting")
struct FormattingTests {
    @Test("Documented examples")
    func examples() {
        let expected: [(Double, String)] = [
            (-0.0, "0"), (0, "0"), (244068.0, "244068"), (1e-05, "0.00001"), (1.5e+16, "15000000000000000"),
            (.nan, "nan"), (-Double.nan, "nan"), (.infinity, "inf"), (-.infinity, "-inf"), (0.1 * 3, "0.30000000000000004"),
            (123.456, "123.456"), (-2.5, "-2.5"), (1e23, "100000000000000000000000"), (0.001, "0.001"),
            (.leastNonzeroMagnitude, "0." + String(repeating: "0", count: 323) + "5"), (1e16, "10000000000000000"),
            (9007199254740992.0, "9007199254740992"), (1.7976931348623157e308, "17976931348623157" + String(repeating: "0", count: 292)),
        ]
        for (x, s) in expected {
            #expect(FastDecimal.string(x) == s, "\(x)")
            #expect(ReferenceDecimalFormat.string(x) == s, "reference \(x)")
        }
    }

    @Test("Special values: powers of ten and two with neighbours, extremes, integers around 2^53, subnormals")
    func specialValues() {
        #expect(formatMismatches(specialFormatValues()) == [])
    }

    @Test("Random finite bit patterns")
    func randomBits() {
        #expect(formatMismatches(family(.randomBits, count: cases(debug: 150_000, release: 10_000_000), seed: 1)) == [])
    }

    @Test("Typical values (3-decimal, products, sums, small multiples, 1e-7..1e-3, short decimal text)",
          arguments: [FormatFamily.threeDecimals, .productsOfThreeDecimals, .sumsOfThreeDecimals, .smallMultiples,
                      .tinyRange, .decimalText])
    func typical(_ f: FormatFamily) {
        let n = cases(debug: 40_000, release: f == .decimalText ? 1_000_000 : 1_800_000)   // 10 M in release
        #expect(formatMismatches(family(f, count: n, seed: 2)) == [])
    }

    @Test("Other families (integers, 1e15..1e17, exact large integers, ties, interval bounds, subnormals, any magnitude)",
          arguments: [FormatFamily.integers, .largePositional, .roundLarge, .quarterTies, .boundaryMidpoints, .subnormals,
                      .anyMagnitude])
    func others(_ f: FormatFamily) {
        #expect(formatMismatches(family(f, count: cases(debug: 25_000, release: 1_000_000), seed: 3)) == [])
    }

    @Test("128-bit arithmetic agrees with exact multi-precision arithmetic")
    func arithmetic() {
        var r = SplitMix64(seed: 4)
        var values = specialFormatValues()
        for i in 0..<cases(debug: 10_000, release: 300_000) {
            values.append(FormatFamily.allCases[i % FormatFamily.allCases.count].next(&r))
        }
        var failures: [String] = []
        for x in values { if let m = FormatCheck.arithmeticMismatch(x) { failures.append(m); if failures.count > 10 { break } } }
        #expect(failures == [])
    }

    @Test("The multi-precision fallback is never needed on sampled inputs")
    func noExactComparisons() {
        var r = SplitMix64(seed: 5)
        var total = 0
        for i in 0..<cases(debug: 50_000, release: 2_000_000) {
            let x = FormatFamily.allCases[i % FormatFamily.allCases.count].next(&r)
            if x != 0 && x.isFinite { total += FastDecimal._shortestDigits(x.magnitude).exactComparisons }
        }
        #expect(total == 0)
    }

    @Test("write stays within max(length, 35) bytes; maxLength is exact; append/string agree with write")
    func bufferBounds() {
        let capacity = 512
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var r = SplitMix64(seed: 6)
        var values = specialFormatValues()
        for i in 0..<cases(debug: 20_000, release: 500_000) { values.append(FormatFamily.allCases[i % FormatFamily.allCases.count].next(&r)) }
        var longest = 0, overruns = 0, disagreements = 0, longMidRange = 0
        for x in values {
            buffer.initialize(repeating: 0xAA, count: capacity)
            let n = FastDecimal.write(x, to: buffer)
            longest = max(longest, n)
            if x.magnitude >= 1e-7 && x.magnitude < 1e17 && n > 26 { longMidRange += 1 }   // documented bound
            for j in max(n, 35)..<capacity where buffer[j] != 0xAA { overruns += 1; break }
            var bytes: [UInt8] = [1, 2]
            FastDecimal.append(x, to: &bytes)
            let written = Array(UnsafeBufferPointer(start: buffer, count: n))
            if bytes != [1, 2] + written || FastDecimal.string(x) != String(decoding: written, as: UTF8.self) { disagreements += 1 }
        }
        #expect(overruns == 0)
        #expect(disagreements == 0)
        #expect(longMidRange == 0)
        #expect(longest == FastDecimal.maxLength)
        #expect(FastDecimal.write(-.leastNonzeroMagnitude, to: buffer) == FastDecimal.maxLength)
    }
}

// MARK: - Tables and logarithms, re-derived with an independent bignum

/// Minimal arbitrary-precision natural number for verification (little-endian 32-bit limbs).
struct Big: Comparable {
    var limbs: [UInt32]
    init(_ x: UInt64) { limbs = [UInt32(truncatingIfNeeded: x), UInt32(truncatingIfNeeded: x >> 32)]; trim() }
    init(high: UInt64, low: UInt64) { self = Big(high).shifted(64) + Big(low) }
    mutating func trim() { while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() } }
    static func pow(_ base: UInt64, _ e: Int) -> Big { var r = Big(1); for _ in 0..<e { r = r * Big(base) }; return r }
    func shifted(_ bits: Int) -> Big {
        var r = self
        for _ in 0..<bits / 32 { r.limbs.insert(0, at: 0) }
        let s = bits % 32
        if s > 0 {
            var carry: UInt32 = 0
            for i in r.limbs.indices {
                let v = r.limbs[i]
                r.limbs[i] = v << s | carry
                carry = v >> (32 - s)
            }
            r.limbs.append(carry)
        }
        r.trim()
        return r
    }
    var bitLength: Int { (limbs.count - 1) * 32 + (32 - limbs.last!.leadingZeroBitCount) }
    static func + (a: Big, b: Big) -> Big {
        var r = Big(0); r.limbs = []
        var carry: UInt64 = 0
        for i in 0..<max(a.limbs.count, b.limbs.count) {
            let s = UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
            r.limbs.append(UInt32(truncatingIfNeeded: s)); carry = s >> 32
        }
        r.limbs.append(UInt32(carry)); r.trim()
        return r
    }
    static func * (a: Big, b: Big) -> Big {
        var out = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count + 1)
        for i in a.limbs.indices {
            var carry: UInt64 = 0
            for j in b.limbs.indices {
                let t = UInt64(a.limbs[i]) * UInt64(b.limbs[j]) + out[i + j] + carry
                out[i + j] = t & 0xFFFF_FFFF; carry = t >> 32
            }
            var k = i + b.limbs.count
            while carry > 0 { let t = out[k] + carry; out[k] = t & 0xFFFF_FFFF; carry = t >> 32; k += 1 }
        }
        var r = Big(0); r.limbs = out.map { UInt32($0) }; r.trim()
        return r
    }
    static func < (a: Big, b: Big) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in a.limbs.indices.reversed() where a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] }
        return false
    }
}

/// A positive rational num/den for exact comparisons.
struct Ratio {
    var num: Big, den: Big
    static func pow10(_ e: Int) -> Ratio { e >= 0 ? Ratio(num: Big.pow(10, e), den: Big(1)) : Ratio(num: Big(1), den: Big.pow(10, -e)) }
    static func pow2(_ e: Int) -> Ratio { e >= 0 ? Ratio(num: Big(1).shifted(e), den: Big(1)) : Ratio(num: Big(1), den: Big(1).shifted(-e)) }
    static func <= (a: Ratio, b: Ratio) -> Bool { !(b.num * a.den < a.num * b.den) }
    static func < (a: Ratio, b: Ratio) -> Bool { a.num * b.den < b.num * a.den }
    func times(_ n: UInt64, over d: UInt64) -> Ratio { Ratio(num: num * Big(n), den: den * Big(d)) }
}

@Suite("Tables")
struct TableTests {
    @Test("Power-of-ten table: g(e) = ⌊10^e · 2^(127 - ⌊log2 10^e⌋)⌋, exact iff 0 ≤ e ≤ 55")
    func powerTableMatchesExactArithmetic() {
        var bad: [Int] = []
        for e in FastDecimal._powerTableRange {
            let entry = FastDecimal._powerTableEntry(e)
            let g = Big(high: entry.high, low: entry.low)
            let p = Ratio.pow10(e)
            // f = ⌊log2 10^e⌋ computed independently from bit lengths.
            let f = e >= 0 ? p.num.bitLength - 1 : -p.den.bitLength
            // A/B = 10^e · 2^(127 - f)
            let a = p.num.shifted(max(127 - f, 0)), b = p.den.shifted(max(f - 127, 0))
            let ok = !(a < g * b) && a < (g + Big(1)) * b && g.bitLength == 128 && ((g * b == a) == (0...55).contains(e))
            if !ok { bad.append(e) }
        }
        #expect(bad == [])
    }

    @Test("Fixed-point logarithms are exact over their ranges")
    func logarithms() {
        var bad: [String] = []
        for q in stride(from: -1200, through: 1200, by: isDebug ? 3 : 1) {
            let l = FastDecimal._logarithms(q)
            let two = Ratio.pow2(q)
            if !(Ratio.pow10(l.floorLog10Pow2) <= two && two < Ratio.pow10(l.floorLog10Pow2 + 1)) { bad.append("log10 2^\(q)") }
            let threeQuarters = two.times(3, over: 4)
            let k = l.floorLog10ThreeQuartersPow2
            if !(Ratio.pow10(k) <= threeQuarters && threeQuarters < Ratio.pow10(k + 1)) { bad.append("log10 3/4·2^\(q)") }
        }
        for q in [-1074, -1073, 971, 970, 0, 1, -1, 2, -2] {     // the ends of the range used, always
            let l = FastDecimal._logarithms(q)
            if !(Ratio.pow10(l.floorLog10Pow2) <= Ratio.pow2(q) && Ratio.pow2(q) < Ratio.pow10(l.floorLog10Pow2 + 1)) { bad.append("end \(q)") }
        }
        for e in -400...400 {
            let f = FastDecimal._logarithms(e).floorLog2Pow10
            let p = Ratio.pow10(e)
            if !(Ratio.pow2(f) <= p && p < Ratio.pow2(f + 1)) { bad.append("log2 10^\(e)") }
        }
        #expect(bad == [])
    }
}

// MARK: - Parsing

func parseMismatches(_ texts: some Sequence<[UInt8]>) -> [String] {
    var failures: [String] = []
    for t in texts {
        if let m = ParseCheck.mismatch(t) { failures.append(m); if failures.count >= 10 { break } }
    }
    return failures
}

@Suite("Parsing")
struct ParsingTests {
    @Test("Documented accept/reject behaviour")
    func examples() {
        let expected: [(String, Double?)] = [
            ("1,000", nil), ("0x10", nil), ("nan", nil), ("inf", nil), ("1e400", nil), ("-1e400", nil), ("", nil),
            ("   ", nil), ("-", nil), ("+.e1", nil), (".", nil), ("e5", nil), ("1e", nil), ("1.2.3", nil), ("--1", nil),
            ("1e-400", 0.0), ("-1e-400", -0.0), (".5", 0.5), ("5.", 5), ("-0", -0.0), ("+0", 0), ("5.e3", 5000),
            (" \t1.1E-03\r\n\u{3000}", 0.0011), ("1e0000000000000000000000005", 1e5), ("0e99999999999999999999", 0),
            ("9007199254740993", 9007199254740992), ("0.1", 0.1), ("-123.456", -123.456),
            ("1.7976931348623157e308", .greatestFiniteMagnitude), ("1.7976931348623159e308", nil),
            ("4.9406564584124654e-324", .leastNonzeroMagnitude), ("1 000", nil), ("１２", nil),
        ]
        for (text, value) in expected {
            let fast = FastDecimal.parse(text)
            #expect(fast?.bitPattern == value?.bitPattern, "\"\(text)\" -> \(String(describing: fast))")
            #expect(ReferenceNumberParser.parse(text)?.bitPattern == value?.bitPattern, "reference \"\(text)\"")
            #expect(FastDecimal.parse(Substring(text))?.bitPattern == value?.bitPattern, "substring \"\(text)\"")
        }
    }

    @Test("Random texts of many shapes agree with the reference", arguments: ParseFamily.allCases)
    func families(_ f: ParseFamily) {
        var r = SplitMix64(seed: 7)
        let n = cases(debug: f == .halfway ? 8_000 : 30_000, release: 1_000_000)
        #expect(parseMismatches((0..<n).lazy.map { _ in f.next(&r) }) == [])
    }

    @Test("Junk list, every prefix and suffix, and invalid UTF-8")
    func junk() {
        var texts: [[UInt8]] = []
        let samples = ["1,000", "0x10", "nan", "+.e1", " -3.25E+02 ", "\u{3000}1e5\u{3000}", "1.5e-7", "12345678901234567890123"]
        for s in samples {
            let b = Array(s.utf8)
            for i in 0...b.count { texts.append(Array(b[..<i])); texts.append(Array(b[i...])) }
        }
        texts += [[0xE3], [0xE3, 0x80], [0x31, 0xE3, 0x80], [0xE3, 0x80, 0x80, 0x31, 0xE3, 0x80], [0xFF, 0x31],
                  [0x31, 0xFF], [0xE3, 0xE3, 0x80, 0x80, 0x31], [0x31, 0x00], [0xC2, 0xA0, 0x31]]
        #expect(parseMismatches(texts) == [])
    }

    @Test("Round trip parse(string(x)) == x")
    func roundTrip() {
        var r = SplitMix64(seed: 8)
        var bad: [String] = []
        for i in 0..<cases(debug: 100_000, release: 3_000_000) {
            let x = FormatFamily.allCases[i % FormatFamily.allCases.count].next(&r)
            let y = FastDecimal.parse(FastDecimal.string(x))
            if y?.bitPattern != (x == 0 ? 0 : x).bitPattern { bad.append("\(x) -> \(String(describing: y))") }
            if bad.count > 10 { break }
        }
        #expect(bad == [])
    }
}
