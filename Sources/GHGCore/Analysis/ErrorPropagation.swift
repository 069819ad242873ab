/// Uncertainty by error propagation, IPCC 2006 Vol.1 Ch.3 Approach 1 (methodology.md §5.2).
///
/// Every uncertainty is the half-width of the 95 % confidence interval as a percentage of the estimate. Approach 1
/// assumes uncorrelated, roughly symmetric uncertainties below about ±50 %; beyond that, Monte Carlo
/// (``MonteCarlo``) is the method.
public enum ErrorPropagation {
    /// The uncertainty of a product of uncertain quantities, Eq. 3.1: `U = √(U₁² + U₂² + … + Uₙ²)`.
    ///
    /// TV41: activity 5 % and factor 7 % give 8.602325 %.
    public static func product(_ uncertainties: [Double]) -> Double {
        var s = CompensatedSum()
        for u in uncertainties { s.add(u * u) }
        return s.value.squareRoot()
    }

    /// The uncertainty of a sum of uncertain quantities, Eq. 3.2:
    /// `U = √((U₁·x₁)² + … + (Uₙ·xₙ)²) / |x₁ + … + xₙ|`; nil when the sum is zero.
    ///
    /// TV41b: 100 ± 10 % and 50 ± 30 % give √(10² + 15²) / 150 = 12.018504 %.
    public static func sum(_ terms: [(value: Double, uncertainty: Double)]) -> Double? {
        var total = CompensatedSum(), variance = CompensatedSum()
        for t in terms {
            total.add(t.value)
            variance.add((t.uncertainty * t.value) * (t.uncertainty * t.value))
        }
        guard total.value != 0 else { return nil }
        return variance.value.squareRoot() / abs(total.value)
    }

    /// The uncertainty of a quantity stated by its 95 % interval: the larger half-width, as a percentage of the
    /// value; nil without an interval or for a zero value.
    public static func percent(value: Double, low: Double?, high: Double?) -> Double? {
        guard value != 0, low != nil || high != nil else { return nil }
        let down = low.map { value - $0 } ?? 0, up = high.map { $0 - value } ?? 0
        return max(abs(down), abs(up)) / abs(value) * 100
    }

    /// One row of the Approach 1 table (IPCC 2006 Vol.1 Table 3.2): a category and gas with its base-year and
    /// latest-year emissions (t CO2e) and its activity and factor uncertainties (%).
    public struct Entry: Hashable, Sendable {
        /// The category code.
        public var category: String
        /// The gas.
        public var gas: String
        /// C: base-year emissions (t CO2e).
        public var base: Double
        /// D: latest-year emissions (t CO2e).
        public var latest: Double
        /// E: activity-data uncertainty (%).
        public var activity: Double
        /// F: emission-factor uncertainty (%).
        public var factor: Double

        /// Creates an entry.
        public init(category: String, gas: String, base: Double, latest: Double, activity: Double, factor: Double) {
            self.category = category
            self.gas = gas
            self.base = base
            self.latest = latest
            self.activity = activity
            self.factor = factor
        }
    }

    /// An Approach 1 row with its derived columns (Table 3.2 letters).
    public struct Row: Hashable, Sendable {
        /// The entry (C, D, E, F).
        public var entry: Entry
        /// G = √(E² + F²): combined uncertainty (%).
        public var combined: Double
        /// H = (G·D)² / (ΣD)²: contribution to the variance of the total.
        public var varianceShare: Double
        /// I: type A sensitivity, `[(ΣD + 0.01·D)/(ΣC + 0.01·C) − ΣD/ΣC] × 100`.
        public var typeA: Double
        /// J: type B sensitivity, `D / ΣC`.
        public var typeB: Double
        /// K = I × F: trend uncertainty from the factor (correlated between years).
        public var trendFromFactor: Double
        /// L = J × E × √2: trend uncertainty from the activity (uncorrelated between years).
        public var trendFromActivity: Double
    }

    /// The Approach 1 table of a region and year against a base year.
    public struct Table: Hashable, Sendable {
        /// The rows, in the order given.
        public var rows: [Row]
        /// ΣC and ΣD.
        public var baseTotal: Double, latestTotal: Double
        /// The level uncertainty of the total: √ΣH × 100 (% of ΣD); nil when ΣD is zero.
        public var level: Double?
        /// The trend uncertainty: √Σ(K² + L²), in percentage points of the trend; nil when ΣC is zero.
        public var trend: Double?
        /// The trend itself: (ΣD − ΣC) / ΣC × 100 (%); nil when ΣC is zero.
        public var trendPercent: Double?
    }

    /// Builds the Approach 1 table (Vol.1 Table 3.2): level uncertainty of the latest year and trend uncertainty
    /// against the base year. The worked example of methodology.md §7.5 gives level 11.43 % and trend 7.151 points.
    ///
    /// - Complexity: O(n).
    public static func table(_ entries: [Entry]) -> Table {
        var sc = CompensatedSum(), sd = CompensatedSum()
        for e in entries { sc.add(e.base); sd.add(e.latest) }
        let c = sc.value, d = sd.value
        var h = CompensatedSum(), kl = CompensatedSum()
        let rows = entries.map { e -> Row in
            let g = (e.activity * e.activity + e.factor * e.factor).squareRoot()
            let share = d == 0 ? 0 : (g * e.latest) * (g * e.latest) / (d * d)
            let a = c == 0 ? 0 : ((d + 0.01 * e.latest) / (c + 0.01 * e.base) - d / c) * 100
            let b = c == 0 ? 0 : e.latest / c
            let k = a * e.factor, l = b * e.activity * 2.0.squareRoot()
            h.add(share)
            kl.add(k * k + l * l)
            return Row(entry: e, combined: g, varianceShare: share, typeA: a, typeB: b, trendFromFactor: k,
                       trendFromActivity: l)
        }
        // H is formed from G in percent, so √ΣH is already a percentage of ΣD.
        return Table(rows: rows, baseTotal: c, latestTotal: d, level: d == 0 ? nil : h.value.squareRoot(),
                     trend: c == 0 ? nil : kl.value.squareRoot(), trendPercent: c == 0 ? nil : (d - c) / c * 100)
    }
}
