/// Key category analysis, IPCC 2006 Vol.1 Ch.4 (methodology.md §5.1): which categories make up 95 % of the level
/// of emissions, or of their trend since a base year.
///
/// Approach 1 works on emission estimates alone; Approach 2 weights each category by its uncertainty (from
/// ``ErrorPropagation``) and takes 90 %. Removals count by their magnitude: a forest sink is as "key" as an emission
/// source of the same size.
public enum KeyCategories {
    /// A category and gas with its estimate in the assessed year and, for a trend, in the base year (t CO2e).
    public struct Entry: Hashable, Sendable {
        /// The category code at the level of the analysis.
        public var category: String
        /// The gas.
        public var gas: String
        /// Emissions (negative for removals) in the base year; nil for a level assessment.
        public var base: Double?
        /// Emissions (negative for removals) in the assessed year.
        public var latest: Double
        /// The combined uncertainty of the estimate (%, Approach 2); nil for Approach 1.
        public var uncertainty: Double?

        /// Creates an entry.
        public init(category: String, gas: String, base: Double? = nil, latest: Double, uncertainty: Double? = nil) {
            self.category = category
            self.gas = gas
            self.base = base
            self.latest = latest
            self.uncertainty = uncertainty
        }
    }

    /// A ranked entry of an assessment.
    public struct Ranked: Hashable, Sendable {
        /// The entry.
        public var entry: Entry
        /// Its assessment: L (level) or T (trend), times U for Approach 2.
        public var assessment: Double
        /// Its share of the sum of the assessments.
        public var share: Double
        /// The cumulative share up to and including this entry.
        public var cumulative: Double
        /// Whether it is key: the cumulative share **before** it is below the threshold, so the entry that crosses
        /// the threshold is key.
        public var key: Bool
    }

    /// The assessment threshold: 0.95 for Approach 1, 0.90 for Approach 2 (Vol.1 §4.3).
    public static func threshold(uncertaintyWeighted: Bool) -> Double { uncertaintyWeighted ? 0.90 : 0.95 }

    /// Level assessment (Eq. 4.1): `L = |E| / Σ|E|`; with `uncertaintyWeighted`, `L × U` (Eq. 4.4). Entries are ranked
    /// by their share, largest first (ties by category and gas), and marked key up to the threshold.
    ///
    /// - Complexity: O(n log n).
    public static func level(_ entries: [Entry], uncertaintyWeighted: Bool = false) -> [Ranked] {
        var total = CompensatedSum()
        for e in entries { total.add(abs(e.latest)) }
        let t = total.value
        let values = entries.map { e -> Double in
            let l = t == 0 ? 0 : abs(e.latest) / t
            return uncertaintyWeighted ? l * (e.uncertainty ?? 0) : l
        }
        return rank(entries, values, threshold: threshold(uncertaintyWeighted: uncertaintyWeighted))
    }

    /// Trend assessment (Eq. 4.2):
    /// `T = (|E₀| / Σ|E₀|) × |(Eₜ − E₀)/|E₀| − (ΣEₜ − ΣE₀)/|ΣE₀||`, the sums signed (a sink lowers the total) and
    /// the weights absolute; a category with no base-year estimate gets `|Eₜ| / Σ|E₀|` (the alternative the
    /// Guidelines give for new categories; its equation number is UNVERIFIED, methodology.md §5.1). With
    /// `uncertaintyWeighted`, `T × U` (Eq. 4.5). The assessments are normalised by their sum and ranked as for the
    /// level. Empty when the base-year total is zero.
    ///
    /// TV42: 1.A.3, 300 → 250 in a total of 650 → 815 (Σ|E₀| = 1 050), T = 0.1201465.
    ///
    /// - Complexity: O(n log n).
    public static func trend(_ entries: [Entry], uncertaintyWeighted: Bool = false) -> [Ranked] {
        var base = CompensatedSum(), baseAbs = CompensatedSum(), latest = CompensatedSum()
        for e in entries {
            base.add(e.base ?? 0)
            baseAbs.add(abs(e.base ?? 0))
            latest.add(e.latest)
        }
        guard base.value != 0, baseAbs.value != 0 else { return [] }
        let totalTrend = (latest.value - base.value) / abs(base.value)
        let values = entries.map { e -> Double in
            let t: Double
            if let b = e.base, b != 0 {
                t = abs(b) / baseAbs.value * abs((e.latest - b) / abs(b) - totalTrend)
            } else {
                t = abs(e.latest) / baseAbs.value
            }
            return uncertaintyWeighted ? t * (e.uncertainty ?? 0) : t
        }
        return rank(entries, values, threshold: threshold(uncertaintyWeighted: uncertaintyWeighted))
    }

    /// Sorts by value (largest first; ties by category, then gas), normalises to shares and marks the key entries.
    static func rank(_ entries: [Entry], _ values: [Double], threshold: Double) -> [Ranked] {
        var total = CompensatedSum()
        for v in values { total.add(v) }
        let order = entries.indices.sorted {
            if values[$0] != values[$1] { return values[$0] > values[$1] }
            if entries[$0].category != entries[$1].category { return entries[$0].category < entries[$1].category }
            return entries[$0].gas < entries[$1].gas
        }
        var cumulative = 0.0
        return order.map { i in
            let share = total.value == 0 ? 0 : values[i] / total.value
            let key = total.value != 0 && values[i] > 0 && cumulative < threshold
            cumulative += share
            return Ranked(entry: entries[i], assessment: values[i], share: share, cumulative: min(cumulative, 1),
                          key: key)
        }
    }
}
