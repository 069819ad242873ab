import GHGTestSupport
import GHGCore
import Testing

/// The arithmetic of the intensity indicators (methodology.md §6 and §7.5).
@Suite("Indicator arithmetic")
struct IndicatorMathTests {
    @Test("TV38: carbon intensity 10 → 5 t per 10^4 yuan is a 50 % decline")
    func tv38() {
        // 2005: 100 Mt CO2 / 10^7 万元 = 10 t/万元; 2020: 150 Mt / 3×10^7 万元 (2005 prices) = 5 t/万元;
        // decline = (1 − 5/10) × 100 = 50 %.
        #expect(IndicatorCalculator.decline(current: 150e6 / 3e7, base: 100e6 / 1e7) == 50)
    }

    @Test("TV38b: an 18 % cut over five years is 3.891285 % a year")
    func tv38b() throws {
        // 1 − 0.82^(1/5) = 0.03891285038993675 (methodology.md §6: "−18 % over 5 yr ⇒ 3.891 %/yr").
        let r = try #require(IndicatorCalculator.annualDecline(current: 0.82, base: 1, years: 5))
        #expect(abs(r - 3.891285038993675) < 1e-12)
        // −14 % over five years ⇒ 2.972 %/yr in methodology.md §6 (the Chongqing example, printed to 4 s.f.):
        // 1 − 0.86^(1/5) = 2.9714167243 % (Python: 2.9714167243023115).
        let chongqing = try #require(IndicatorCalculator.annualDecline(current: 0.86, base: 1, years: 5))
        #expect(abs(chongqing - 2.9714167243023115) < 1e-12)
        #expect(abs(chongqing - 2.972) < 1e-3)
    }

    @Test("no decline when nothing changes; a rise is a negative decline")
    func signs() throws {
        #expect(IndicatorCalculator.decline(current: 7, base: 7) == 0)
        #expect(IndicatorCalculator.decline(current: 11, base: 10) < 0)
        #expect(abs(try #require(IndicatorCalculator.annualDecline(current: 7, base: 7, years: 3))) < 1e-15)
    }

    /// Regression: a zero or negative intensity (a county whose net electricity export exceeds its emissions) used
    /// to trap in pow; it has no annual rate.
    @Test("no annual rate for a non-positive intensity, instead of a crash")
    func nonPositive() {
        #expect(IndicatorCalculator.annualDecline(current: -0.1, base: 1, years: 4) == nil)
        #expect(IndicatorCalculator.annualDecline(current: 1, base: 0, years: 4) == nil)
        #expect(IndicatorCalculator.annualDecline(current: 1, base: 2, years: 0) == nil)
    }

    @Test("target comparisons parse in Unicode and ASCII")
    func comparisons() {
        #expect(TargetComparison(parsing: "≥") == .atLeast)
        #expect(TargetComparison(parsing: ">=") == .atLeast)
        #expect(TargetComparison(parsing: "<=") == .atMost)
        #expect(TargetComparison(parsing: "~") == .about)
        #expect(TargetComparison(parsing: "=") == .equal)
        #expect(TargetComparison(parsing: ">") == nil)
    }
}
