import GHGTestSupport
import GHGCore
import Testing

/// Error propagation, key category analysis and the sampling of distributions (methodology.md §5.1, §5.2 and the
/// cross-cutting vectors of §7.5).
@Suite("Uncertainty and key category arithmetic")
struct UncertaintyMathTests {
    @Test("TV41: Eq. 3.1, activity 5 % and factor 7 % → √(25 + 49) = 8.602325 %")
    func tv41() {
        #expect(close(ErrorPropagation.product([5, 7]), 8.602325267042627, rel: 1e-12))
        #expect(abs(ErrorPropagation.product([5, 7]) - 8.602325) < 5e-7)
    }

    @Test("TV41b: Eq. 3.2, 100 ± 10 % and 50 ± 30 % → √(10² + 15²) / 150 = 12.018504 %")
    func tv41b() throws {
        let u = try #require(ErrorPropagation.sum([(100, 10), (50, 30)]))
        // (10 % × 100)² + (30 % × 50)² = 100 + 225 = 325 (in %² t²); √325 / 150 = 0.120185 → 12.018504 %.
        #expect(abs(u - 12.018504) < 5e-7)
        #expect(ErrorPropagation.sum([(100, 10), (-100, 10)]) == nil)
    }

    @Test("the Approach 1 table: level 11.43 % for 1 000 (±8.602 %), 200 (±50.99 %), 50 (±101.98 %)")
    func levelUncertainty() throws {
        // H = (G·D)² / (ΣD)², ΣD = 1 250: (8 602.3)² + (10 198)² + (5 099)² over 1 250² → √ΣH = 11.43 %.
        // The three Gs are combinations of E and F: √(5² + 7²), √(10² + 50²), √(20² + 100²).
        let t = ErrorPropagation.table([
            .init(category: "1.A.1", gas: "CO2", base: 1000, latest: 1000, activity: 5, factor: 7),
            .init(category: "3.A.1", gas: "CH4", base: 200, latest: 200, activity: 10, factor: 50),
            .init(category: "4.A", gas: "CH4", base: 50, latest: 50, activity: 20, factor: 100),
        ])
        #expect(abs(t.rows[0].combined - 8.602) < 5e-4 && abs(t.rows[1].combined - 50.99) < 5e-3
                    && abs(t.rows[2].combined - 101.98) < 5e-3)
        let level = try #require(t.level)
        #expect(abs(level - 11.43) < 5e-3, "\(level)")
        #expect(close(level, ((8.602325267042627 * 1000) * (8.602325267042627 * 1000) + (50.99019513592785 * 200)
                              * (50.99019513592785 * 200) + (101.9803902718557 * 50) * (101.9803902718557 * 50))
                              .squareRoot() / 1250, rel: 1e-12))
    }

    @Test("the Approach 1 trend: x 1 000 → 1 100 (F 7 %, E 5 %), y 200 → 150 (F 50 %, E 10 %) → 7.151 points")
    func trendUncertainty() throws {
        let t = ErrorPropagation.table([
            .init(category: "x", gas: "CO2", base: 1000, latest: 1100, activity: 5, factor: 7),
            .init(category: "y", gas: "CO2", base: 200, latest: 150, activity: 10, factor: 50),
        ])
        // Type A, x: [(1 250 + 11)/(1 200 + 10) − 1 250/1 200] × 100 = 0.04821; y: −0.04853.
        #expect(abs(t.rows[0].typeA - 0.04821) < 5e-6 && abs(t.rows[1].typeA - -0.04853) < 5e-6)
        // Type B: 1 100/1 200 = 0.9167, 150/1 200 = 0.125.
        #expect(abs(t.rows[0].typeB - 0.9167) < 5e-5 && t.rows[1].typeB == 0.125)
        // K = I × F, L = J × E × √2; √Σ(K² + L²) = 7.151.
        let trend = try #require(t.trend)
        #expect(abs(trend - 7.151) < 5e-4, "\(trend)")
        #expect(close(t.trendPercent, (1250.0 - 1200) / 1200 * 100))
    }

    /// The KCA worked example of methodology.md §7.5.
    static let tv42: [KeyCategories.Entry] = [
        .init(category: "1.A.3", gas: "CO2", base: 300, latest: 250),
        .init(category: "1.A.1", gas: "CO2", base: 400, latest: 540),
        .init(category: "3.B.1", gas: "CO2", base: -200, latest: -180),
        .init(category: "2.A.1", gas: "CO2", base: 100, latest: 150),
        .init(category: "4.A", gas: "CH4", base: 50, latest: 55),
    ]

    @Test("TV42: trend assessment; T of 1.A.3 = 0.1201465 and the table's shares, cumulative and key column")
    func tv42() throws {
        let ranked = KeyCategories.trend(Self.tv42)
        // ΣE0 = 650, ΣEt = 815, Σ|E0| = 1 050, total trend +25.38 %; T(1.A.3) = 300/1 050 × |−50/300 − 165/650|.
        #expect(ranked.map(\.entry.category) == ["1.A.3", "1.A.1", "3.B.1", "2.A.1", "4.A"])
        #expect(abs(ranked[0].assessment - 0.1201465) < 5e-8)
        #expect(close(ranked[0].assessment, 300.0 / 1050 * abs(-50.0 / 300 - 165.0 / 650), rel: 1e-12))
        let table: [(Double, Double, Double)] = [(0.1201, 0.5541, 0.5541), (0.03663, 0.1689, 0.7230),
                                                 (0.02930, 0.1351, 0.8581), (0.02344, 0.1081, 0.9662),
                                                 (0.007326, 0.03378, 1.0000)]
        for (r, (t, share, cumulative)) in zip(ranked, table) {
            // Printed to four significant figures.
            #expect(abs(r.assessment - t) / t < 5e-4, "\(r.entry.category) T \(r.assessment)")
            #expect(abs(r.share - share) < 5e-5, "\(r.entry.category) share \(r.share)")
            #expect(abs(r.cumulative - cumulative) < 5e-5, "\(r.entry.category) cumulative \(r.cumulative)")
        }
        #expect(ranked.map(\.key) == [true, true, true, true, false])
    }

    @Test("TV42, level: Σ|E| = 1 175; 1.A.1 0.4596, 1.A.3 0.2128, 3.B.1 0.1532, 2.A.1 0.1277 key, 4.A 0.04681 not")
    func tv42Level() {
        let ranked = KeyCategories.level(Self.tv42)
        #expect(ranked.map(\.entry.category) == ["1.A.1", "1.A.3", "3.B.1", "2.A.1", "4.A"])
        for (r, (l, cumulative)) in zip(ranked, [(0.4596, 0.4596), (0.2128, 0.6723), (0.1532, 0.8255),
                                                 (0.1277, 0.9532), (0.04681, 1.0)]) {
            #expect(abs(r.share - l) < 5e-5, "\(r.entry.category)")
            #expect(abs(r.cumulative - cumulative) < 5e-5, "\(r.entry.category)")
        }
        // 2.A.1 crosses 95 % (0.8255 before it) and is key; 4.A starts at 0.9532 and is not.
        #expect(ranked.map(\.key) == [true, true, true, true, false])
        // Approach 2 weights by uncertainty and takes 90 %: a small, very uncertain category can become key.
        var weighted = Self.tv42
        for i in weighted.indices { weighted[i].uncertainty = weighted[i].category == "4.A" ? 200 : 5 }
        let two = KeyCategories.level(weighted, uncertaintyWeighted: true)
        // L × U: 4.A 0.04681 × 200 = 9.362, 1.A.1 0.4596 × 5 = 2.298, 1.A.3 1.064, 3.B.1 0.766, 2.A.1 0.639
        // (Σ 14.13): cumulative 0.6626, 0.8252, 0.9005, …; 1.A.3 starts below 0.90 and is key, 3.B.1 is not.
        #expect(two.map(\.entry.category) == ["4.A", "1.A.1", "1.A.3", "3.B.1", "2.A.1"])
        #expect(two.map(\.key) == [true, true, true, false, false])
        #expect(abs(two[0].share - 9.361702 / 14.12766) < 1e-5)
    }

    @Test("a category without a base-year estimate takes |Et| / Σ|E0| in the trend")
    func newCategory() {
        let ranked = KeyCategories.trend([.init(category: "a", gas: "CO2", base: 100, latest: 100),
                                          .init(category: "b", gas: "CO2", base: nil, latest: 50)])
        // b: 50/100 = 0.5; a: 100/100 × |0 − 0.5| = 0.5; tie broken by category.
        #expect(ranked.map(\.entry.category) == ["a", "b"])
        #expect(ranked.map(\.assessment) == [0.5, 0.5])
    }

    @Test("the standard normal: Φ and Φ⁻¹ against tabulated values")
    func standardNormal() {
        #expect(abs(StandardNormal.cdf(1.959963984540054) - 0.975) < 1e-13)
        #expect(abs(StandardNormal.cdf(-3) - 0.0013498980316301) < 1e-15)
        #expect(abs(StandardNormal.cdf(4) - 0.99996832875816688) < 1e-14)
        #expect(abs(StandardNormal.quantile(0.975) - 1.959963984540054) < 3e-9)
        #expect(abs(StandardNormal.quantile(1e-6) - -4.753424308822899) < 1e-8)
        #expect(abs(StandardNormal.quantile(0.5)) < 1e-15)
    }

    @Test("a stated interval becomes a distribution; an interval that does not fit is an error")
    func stated() throws {
        // Normal: the 95 % half-width over z 1.96.
        #expect(try Distribution.stated("", value: 10, low: 8, high: 12).get() == .normal(mean: 10, sd: 2 / Distribution.z975))
        #expect(try Distribution.stated("normal", value: 10, low: nil, high: nil).get() == nil)
        guard case let .lognormal(mu, sigma)? = try Distribution.stated("lognormal", value: 1, low: 0.5, high: 2).get()
        else { Issue.record("not lognormal"); return }
        #expect(abs(mu) < 1e-15 && close(sigma, Self.log2Natural / Distribution.z975, rel: 1e-12))
        if case .success = Distribution.stated("lognormal", value: 1, low: 0, high: 2) { Issue.record("accepted low 0") }
        if case let .failure(e) = Distribution.stated("gamma", value: 1, low: 0.5, high: 2) {
            #expect(e.message == "unknown distribution 'gamma'; expected one of normal, lognormal, uniform, triangular (or empty for normal)")
        } else { Issue.record("accepted gamma") }
    }

    static let log2Natural = 0.6931471805599453

    @Test("draws are truncated by the inverse CDF, reproducible by seed and stream, and have the stated moments")
    func draws() {
        var rng = Xoshiro256(seed: 42, stream: 7)
        var again = Xoshiro256(seed: 42, stream: 7)
        #expect((0..<10).map { _ in rng.next() } == (0..<10).map { _ in again.next() })
        // A fraction 0.9 ± 0.2 (95 %) truncated to [0, 1]: every draw within, none clamped to exactly 1.
        let d = Distribution.normal(mean: 0.9, sd: 0.2 / Distribution.z975)
        var g = Xoshiro256(seed: 1, stream: 0)
        let xs = (0..<100_000).map { _ in d.draw(&g, bounds: 0...1) }
        #expect(xs.allSatisfy { $0 >= 0 && $0 < 1 })
        // Triangular 1, 2, 4: mean (1 + 2 + 4)/3 = 7/3.
        let t = Distribution.triangular(low: 1, mode: 2, high: 4)
        var h = Xoshiro256(seed: 2, stream: 0)
        let mean = (0..<200_000).map { _ in t.draw(&h, bounds: -.infinity ... .infinity) }.reduce(0, +) / 200_000
        #expect(abs(mean - 7.0 / 3) < 0.01, "\(mean)")
    }

    @Test("percentiles by selection equal those of a full sort (linear interpolation between order statistics)")
    func percentiles() {
        var g = Xoshiro256(seed: 9, stream: 0)
        for n in [2, 3, 40, 1001, 100_000] {
            var xs = (0..<n).map { _ in (g.nextUnit() * 100).rounded() / 7 }  // with ties
            let sorted = xs.sorted()
            func q(_ p: Double) -> Double {
                let h = Double(n - 1) * p, i = Int(h), f = h - Double(i)
                return i + 1 < n ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
            }
            let s = MonteCarlo.Summary(estimate: 0, draws: &xs)
            #expect(s.p025 == q(0.025) && s.p50 == q(0.5) && s.p975 == q(0.975), "n \(n)")
        }
    }
}
