import Testing
@testable import GHGCharts

@Suite("Number formatting and scales")
struct FormattingTests {
    @Test func coordinates() {
        #expect(SVGNumber.format(0) == "0")
        #expect(SVGNumber.format(-0.0) == "0")
        #expect(SVGNumber.format(-0.04) == "0")
        #expect(SVGNumber.format(-0.05) == "-0.1")
        #expect(SVGNumber.format(1.25) == "1.3")
        #expect(SVGNumber.format(-3.14159) == "-3.1")
        #expect(SVGNumber.format(720) == "720")
        #expect(SVGNumber.format(12.0000001) == "12")
        #expect(SVGNumber.format(1e20) == "1000000000")
        #expect(SVGNumber.format(.nan) == "0")
        #expect(SVGNumber.format(-.infinity) == "0")
    }

    @Test func values() {
        #expect(ValueFormat.fixed(12_345, decimals: 0) == "12,345")
        #expect(ValueFormat.fixed(-1_234_567.891, decimals: 2) == "-1,234,567.89")
        #expect(ValueFormat.fixed(999, decimals: 0) == "999")
        #expect(ValueFormat.fixed(1000, decimals: 1) == "1,000.0")
        #expect(ValueFormat.fixed(-0.001, decimals: 1) == "0.0")
        #expect(ValueFormat.fixed(2005, decimals: 0, grouping: false) == "2005")
        #expect(ValueFormat.fixed(1e300, decimals: 2) == "1,000,000,000,000,000.00", "clamped to 10^15")
        #expect(ValueFormat.label(12_345.6) == "12,346")
        #expect(ValueFormat.label(45.67) == "45.7")
        #expect(ValueFormat.label(3.456) == "3.46")
        #expect(ValueFormat.label(3.5) == "3.5")
        #expect(ValueFormat.label(0.0123) == "0.012")
        #expect(ValueFormat.label(0.5) == "0.5")
        #expect(ValueFormat.label(-0) == "0")
        #expect(ValueFormat.signedLabel(30) == "+30")
        #expect(ValueFormat.signedLabel(-50) == "-50")
        #expect(ValueFormat.signedLabel(0) == "0")
    }

    @Test func niceScales() {
        let a = NiceScale(low: 0, high: 87)
        #expect(a.ticks == [0, 20, 40, 60, 80, 100])
        #expect(a.labels == ["0", "20", "40", "60", "80", "100"])
        let b = NiceScale(low: -5, high: 25)
        #expect(b.ticks == [-10, 0, 10, 20, 30])
        let c = NiceScale(low: 0, high: 0.3)
        #expect(c.labels == ["0.0", "0.1", "0.2", "0.3"])
        let d = NiceScale(low: 0, high: 0)
        #expect(d.lower == 0 && d.upper == 1)
        let e = NiceScale(low: -1_234_567, high: 0)
        #expect(e.labels.first == "-1,400,000" || e.labels.first == "-1,500,000")
        #expect(e.labels.last == "0")
        let f = NiceScale(low: .nan, high: .infinity)
        #expect(f.lower.isFinite && f.upper.isFinite && f.upper > f.lower)
        for scale in [a, b, c, d, e] {
            #expect(scale.ticks.count >= 2 && scale.ticks.count <= 12)
        }
    }

    @Test func textLayout() {
        #expect(TextMetrics.width("能源", fontSize: 10) == 20)
        #expect(TextMetrics.width("ab", fontSize: 10) == 12)
        #expect(TextMetrics.wrap("能源活动 Energy", maxWidth: 60, fontSize: 11, maxLines: 2).lines == ["能源活动", "Energy"])
        let cut = TextMetrics.wrap("a b c d e f g h", maxWidth: 20, fontSize: 11, maxLines: 2)
        #expect(cut.lines.count == 2 && cut.truncated && cut.lines[1].hasSuffix("…"))
        #expect(TextMetrics.truncate("abcdefghij", maxWidth: 30, fontSize: 10) == "abcd…")
        #expect(TextMetrics.truncate("abc", maxWidth: 30, fontSize: 10) == "abc")
    }
}
