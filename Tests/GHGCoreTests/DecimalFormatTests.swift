import GHGTestSupport
import Testing
@testable import GHGCore

@Suite("DecimalFormat")
struct DecimalFormatTests {
    @Test("exact strings", arguments: [
        (244068.0, "244068"),               // methodology.md TV01
        (0.0202, "0.0202"),
        (1e-05, "0.00001"),
        (1.5e16, "15000000000000000"),
        (-3.5, "-3.5"),
        (0, "0"),
        (2.58, "2.58"),                     // methodology.md TV01b
        (0.1 + 0.2, "0.30000000000000004"),
        (1e16, "10000000000000000"),
        (-0.000123, "-0.000123"),
        (30959.096, "30959.096"),
        (100, "100"),
        (1e18, "1000000000000000000"),
        (1e-12, "0.000000000001"),
        (123456.789e3, "123456789"),
    ] as [(Double, String)])
    func exact(_ x: Double, _ expected: String) {
        #expect(DecimalFormat.string(x) == expected)
    }

    @Test func nonFiniteAndNegativeZero() {
        #expect(DecimalFormat.string(.nan) == "nan")
        #expect(DecimalFormat.string(.infinity) == "inf")
        #expect(DecimalFormat.string(-.infinity) == "-inf")
        #expect(DecimalFormat.string(-0.0) == "0")
    }

    @Test func generatorIsDeterministic() {
        // SplitMix64 reference outputs for seed 0 (first two values of the published reference implementation).
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func roundTripsTenThousandValues() {
        var g = SplitMix64(seed: 0x5EED_2024)
        var failures: [String] = []
        var checked = 0
        var smallest = Double.infinity, largest = 0.0
        while checked < 10_000 {
            let x: Double
            if checked % 2 == 0 {
                // Any bit pattern between 2^-39 (1.8e-12) and 2^59 (5.8e17): full 53-bit significands.
                let significand = 1.0 + Double(g.next() >> 11) * 0x1p-53
                x = Double(sign: g.next() & 1 == 0 ? .plus : .minus, exponent: g.int(-39...58),
                           significand: significand)
            } else {
                // Short decimals as statistics print them: 1 to 17 digits times a power of ten, in [1e-12, 1e18).
                let digits = g.int(1...17)
                var mantissa = ""
                for i in 0..<digits { mantissa += String(g.int((i == 0 ? 1 : 0)...9)) }
                let exponent = g.int(-12...(18 - digits))
                let sign = g.next() & 1 == 0 ? "" : "-"
                guard let v = Double("\(sign)\(mantissa)e\(exponent)") else { continue }
                x = v
            }
            checked += 1
            smallest = min(smallest, abs(x))
            largest = max(largest, abs(x))
            let s = DecimalFormat.string(x)
            if Double(s) != x || s.contains("e") || s.contains("E") {
                if failures.count < 10 { failures.append("\(x.description) → \(s)") }
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(smallest < 1e-11 && smallest >= 1e-12)
        #expect(largest > 1e17 && largest <= 1e18)
    }

    @Test("readable: six significant digits for explain's text; codes and versions in a text are left alone")
    func readable() {
        #expect(DecimalFormat.readable(11299.014000000001) == "11299")
        #expect(DecimalFormat.readable(0.11199999999999999) == "0.112")
        #expect(DecimalFormat.readable(1234567.8) == "1234570")
        #expect(DecimalFormat.readable(-28952.0001) == "-28952")
        #expect(DecimalFormat.readable(0.000123456789) == "0.000123457")
        #expect(DecimalFormat.readable(0) == "0")
        #expect(DecimalFormat.readableText("1.A.1 ipcc-2006@1.2.0 E 1234.56789 GJ × 44/12 = -0.33333333333 t")
            == "1.A.1 ipcc-2006@1.2.0 E 1234.57 GJ × 44/12 = -0.333333 t")
    }

    @Test("readableText on bytes equals the character-by-character rule, for Chinese, symbols, combining marks and joiners")
    func readableTextBytes() {
        #expect(DecimalFormat.readableText("吨12.345678 12.345678吨 ×12.345678× a1.25 1.25_ 0.1234567.")
            == "吨12.345678 12.345678吨 ×12.3457× a1.25 1.25_ 0.1234567.")
        // A combining acute accent joins the digit before it into a character that is not a digit, which ends the
        // number 1.2345678 (that text takes the character path).
        #expect(DecimalFormat.readableText("x 1.23456789\u{301} 9.87654321") == "x 1.234579\u{301} 9.87654")
        // Pseudo-random texts over pieces chosen to sit next to each other in every way.
        let pieces = ["1", "7", "0", ".", "_", "a", "Z", " ", "×", "吨", "ç", "\u{301}", "\u{200D}", "\u{600}",
                      "\r\n", "\n", "—", "ｇ", "가", "\u{11A8}", "12.5", "3.14159265", "-", "=", "(", "é"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<20_000 {
            let text = (0..<(next() % 12)).map { _ in pieces[next() % pieces.count] }.joined()
            #expect(DecimalFormat.readableText(text) == DecimalFormat.readableTextByCharacter(text),
                    "\(text.debugDescription)")
        }
    }
}
