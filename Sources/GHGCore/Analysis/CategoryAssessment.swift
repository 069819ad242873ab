/// Key category analysis and Approach 1 uncertainty for every region and year of an inventory (IPCC 2006 Vol.1
/// Ch.3 and 4), at one level of the category tree, by gas, in CO2e of scope `total`.
///
/// The level of the analysis is the category at depth `depth` (three segments: `1.A.1`, `3.B.1`, `4.A.1`), or a
/// shallower category that has no sub-category (`4.B`). Every region is assessed with its roll-up, so a county sees
/// its own key categories. LULUCF is 3.B and 3.D.
public enum CategoryAssessment {
    /// One category and gas of a region and year: its CO2e and, from its lines, its activity and factor
    /// uncertainties (Eq. 3.2 over the lines, each line's factor uncertainty by Eq. 3.1 over its factor rows).
    public struct Cell: Hashable, Sendable {
        /// The category at the level of the analysis, and the gas.
        public var category: CategoryCode, gas: Gas
        /// CO2e (t).
        public var co2e: Double
        /// Activity and factor uncertainty (%, 95 %), over the lines that state one.
        public var activity: Double, factor: Double
        /// The number of lines, and of lines whose activity or some factor states no uncertainty (taken as exact).
        public var lines: Int, linesWithoutActivity: Int, linesWithoutFactor: Int
    }

    /// The cells of every region (with roll-up) and year: `[region: [year: [cell]]]`, cells sorted by category and
    /// gas, for every year or `only` those. `activityPercent(row)` and `factorPercent(id)` give the stated
    /// uncertainties (nil for none).
    ///
    /// - Complexity: O(lines × (region depth + factors per line)).
    public static func cells(_ calc: CalculationResult, regions: RegionTree, gwp: (Gas) -> Double?, depth: Int = 3,
                             years only: Set<Int>? = nil,
                             activityPercent: (Int) -> Double?, factorPercent: (FactorRowID) -> Double?)
        -> [String: [Int: [Cell]]] {
        let plan = calc.plan, lines = calc.lines, table = calc.table
        // The analysis node of each template: its ancestor at `depth`, or itself when shallower.
        let node: [CategoryCode?] = plan.lineTemplates.map { t in
            guard t.scope == .total, gwp(t.gas) != nil else { return nil }
            let lineage = t.category.lineage
            return lineage.count >= depth ? lineage[depth - 1] : t.category
        }
        // Per template: the factor uncertainty of its lines (Eq. 3.1 over its factor rows), nil when one is unknown.
        let factorU: [Double?] = plan.lineTemplates.map { t in
            var us: [Double] = []
            for id in t.factors {
                guard let u = factorPercent(id) else { return nil }
                us.append(u)
            }
            return ErrorPropagation.product(us)
        }
        // Analysis slots: distinct (category, gas) pairs, numbered in sorted order.
        var slotOf = [Int](repeating: -1, count: plan.lineTemplates.count)
        let pairs = Set(plan.lineTemplates.indices.compactMap { t in
            node[t].map { Pair(category: $0, gas: plan.lineTemplates[t].gas) } }).sorted()
        let slotIndex = Dictionary(uniqueKeysWithValues: pairs.enumerated().map { ($1, $0) })
        for t in plan.lineTemplates.indices {
            if let c = node[t] { slotOf[t] = slotIndex[Pair(category: c, gas: plan.lineTemplates[t].gas)]! }
        }
        let weight = plan.lineTemplates.map { gwp($0.gas) ?? 0 }
        struct Acc { var x = CompensatedSum(), e = CompensatedSum(), f = CompensatedSum(); var n = 0, noE = 0, noF = 0
            mutating func add(_ o: Acc) {
                x.add(o.x); e.add(o.e); f.add(o.f); n += o.n; noE += o.noE; noF += o.noF
            }
        }
        // Lines into their block's slots, then each block's slots into its roll-up targets (integer keys).
        var acc: [Int: Acc] = [:]
        var block = [Acc](repeating: Acc(), count: pairs.count)
        var touched: [Int] = []
        let codes = table.symbols.regions
        var targets: [Int32: [Int]] = [:]
        let regionList = regions.all.map(\.code).sorted()
        let regionIndex = Dictionary(uniqueKeysWithValues: regionList.enumerated().map { ($1, $0) })
        let years = Set(lines.blockYear).sorted()
        let yearIndex = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
        for b in 0..<lines.blockRegion.count {
            if let only, !only.contains(Int(lines.blockYear[b])) { continue }
            let r = lines.blockRegion[b]
            if targets[r] == nil {
                targets[r] = regions.rollUpTargets(of: codes[Int(r)]).compactMap { regionIndex[$0] }
            }
            for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) {
                let t = Int(lines.template[i]), k = slotOf[t]
                guard k >= 0 else { continue }
                let x = lines.mass[i] * weight[t]
                if block[k].n == 0 { touched.append(k) }
                block[k].x.add(x)
                block[k].n += 1
                if let e = activityPercent(Int(lines.row[i])) { block[k].e.add((e * x) * (e * x)) } else { block[k].noE += 1 }
                if let f = factorU[t] { block[k].f.add((f * x) * (f * x)) } else { block[k].noF += 1 }
            }
            let y = yearIndex[lines.blockYear[b]]!
            for k in touched {
                for region in targets[r]! { acc[(region * years.count + y) * pairs.count + k, default: Acc()].add(block[k]) }
                block[k] = Acc()
            }
            touched.removeAll(keepingCapacity: true)
        }
        var out: [String: [Int: [Cell]]] = [:]
        for key in acc.keys.sorted() {
            let a = acc[key]!, k = key % pairs.count, y = (key / pairs.count) % years.count
            let region = regionList[key / (pairs.count * years.count)]
            let x = a.x.value
            out[region, default: [:]][Int(years[y]), default: []].append(Cell(
                category: pairs[k].category, gas: pairs[k].gas, co2e: x,
                activity: x == 0 ? 0 : a.e.value.squareRoot() / abs(x), factor: x == 0 ? 0 : a.f.value.squareRoot() / abs(x),
                lines: a.n, linesWithoutActivity: a.noE, linesWithoutFactor: a.noF))
        }
        return out
    }

    /// A category and gas.
    struct Pair: Hashable, Comparable {
        var category: CategoryCode
        var gas: Gas
        static func < (a: Self, b: Self) -> Bool { (a.category, a.gas) < (b.category, b.gas) }
    }

}
