/// Uncertainty by Monte Carlo, IPCC 2006 Vol.1 Ch.3 Approach 2 (methodology.md §5.2), through the kernel.
///
/// Each draw samples every uncertain factor row once (so every line, year and region that uses a row shares its
/// draw: a factor is perfectly correlated with itself across the whole inventory) and every uncertain activity row
/// independently, re-evaluates the lines that depend on a drawn input with
/// ``Kernel/evaluateBatch(_:plan:compiled:table:factorValues:activityValues:width:indices:scale:into:)`` (the other
/// lines add the same in every draw), and sums them into the quantities of every region (with its roll-up) and year:
/// the net and gross totals, energy, IPPU, agriculture, LULUCF and waste, the CO2 of the carbon intensity and its
/// declines against the base years. Draw `n` uses random stream `n` of the seed, and its sums run in line order, so
/// results do not depend on the thread count.
public enum MonteCarlo {
    /// What a draw sums, per region and year.
    public enum Measure: Int, CaseIterable, Hashable, Sendable, Comparable {
        /// All gases in CO2e, scope total (with LULUCF), as `ghg_net` of the indicators.
        case ghgNet
        /// Without LULUCF (3.B, 3.D), as `ghg_gross`.
        case ghgGross
        /// Sector 1, energy.
        case energy
        /// Sector 2, industrial processes and product use.
        case ippu
        /// Sector 3 without LULUCF: agriculture.
        case agriculture
        /// 3.B and 3.D: LULUCF.
        case lulucf
        /// Sector 4, waste.
        case waste
        /// The CO2 of the carbon intensity (its scope: ``CO2IntensityScope``), t.
        case co2

        /// The key written to `uncertainty.csv`.
        public var key: String {
            switch self {
            case .ghgNet: "ghg_net"
            case .ghgGross: "ghg_gross"
            case .energy: "energy"
            case .ippu: "ippu"
            case .agriculture: "agriculture"
            case .lulucf: "lulucf"
            case .waste: "waste"
            case .co2: "co2"
            }
        }

        /// The unit of the measure.
        public var unit: String { self == .co2 ? "t" : "t CO2e" }

        /// Compares by declaration order.
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    /// The uncertain inputs of a calculation: the factor rows and activity rows that are drawn, and what could not
    /// be (used factor rows without an interval), so that nothing is silently taken as exact.
    public struct Inputs: Sendable {
        /// A factor row drawn in every iteration.
        public struct Factor: Hashable, Sendable {
            /// Its id.
            public var id: FactorRowID
            /// Its sampler (base units).
            public var sampler: Sampler
            /// Where its distribution comes from: `low/high` or the project's default for the parameter.
            public var origin: String
        }
        /// An activity row drawn in every iteration.
        public struct Activity: Hashable, Sendable {
            /// The row.
            public var row: Int
            /// Its sampler (the row's own unit).
            public var sampler: Sampler
        }
        /// The factor rows drawn, by id.
        public var factors: [Factor] = []
        /// The activity rows drawn, by row.
        public var activity: [Activity] = []
        /// Factor rows the lines use that have no interval and no project default: taken as exact, and listed.
        public var exactFactors: [FactorRowID] = []
        /// Activity rows the lines use without an uncertainty: taken as exact, and counted.
        public var exactRows: [Int] = []
        /// Problems with the stated distributions (an unknown name, an interval that does not fit).
        public var diagnostics: [Diagnostic] = []

        /// Creates an empty set.
        public init() {}
    }

    /// Collects the uncertain inputs of the lines: factor rows from their `low`/`high` and `distribution` (or
    /// `factorDefault[parameter]`, ± % at 95 %, normal), truncated to the parameter's range; activity rows from
    /// `activityPercent(row)` (± % at 95 %, normal, truncated at zero on the side of the value's sign).
    ///
    /// - Complexity: O(lines + factor rows used + rows).
    public static func inputs(_ calc: CalculationResult, activityPercent: (Int) -> Double?,
                              factorDefault: [FactorParameter: Double] = [:]) -> Inputs {
        var out = Inputs()
        let plan = calc.plan, lines = calc.lines, library = calc.factors
        var usedTemplate = [Bool](repeating: false, count: plan.lineTemplates.count)
        var usedRow = [Bool](repeating: false, count: calc.table.count)
        for i in 0..<lines.count {
            usedTemplate[Int(lines.template[i])] = true
            let g = lines.group[i]
            if g < 0 {
                usedRow[Int(lines.row[i])] = true
            } else {
                for input in plan.groupLines[Int(g)].inputs where input.row >= 0 { usedRow[Int(input.row)] = true }
            }
        }
        var ids = Set<FactorRowID>()
        for (t, used) in usedTemplate.enumerated() where used { ids.formUnion(plan.lineTemplates[t].factors) }
        for id in ids.sorted() {
            let row = library.row(id)
            let range = row.parameter.spec?.range.bounds ?? (-Double.infinity ... Double.infinity)
            let value = library.baseValues[Int(id)]
            let bounds = value >= 0 ? max(range.lowerBound, 0) ... range.upperBound
                                    : range.lowerBound ... min(range.upperBound, 0)
            switch Distribution.stated(row.distribution, value: value, low: row.low.map(row.unit.toBase),
                                       high: row.high.map(row.unit.toBase)) {
            case let .success(d?):
                out.factors.append(.init(id: id, sampler: Sampler(d, bounds: bounds),
                                         origin: "low/high (\(row.distribution.isEmpty ? "normal" : row.distribution))"))
            case .success(nil):
                if let p = factorDefault[row.parameter] {
                    out.factors.append(.init(id: id, sampler: Sampler(.percent(p, of: value), bounds: bounds),
                                             origin: "project default ±\(DecimalFormat.string(p)) % (normal)"))
                } else {
                    out.exactFactors.append(id)
                }
            case let .failure(e):
                out.diagnostics.append(.error(.factorSet, at: row.location,
                    "distribution of \(row.parameter) (low \(row.low.map { DecimalFormat.string($0) } ?? "–"), "
                        + "value \(DecimalFormat.string(row.value)), high \(row.high.map { DecimalFormat.string($0) } ?? "–")): "
                        + e.message))
                out.exactFactors.append(id)
            }
        }
        let table = calc.table
        for r in 0..<table.count where usedRow[r] {
            guard let p = activityPercent(r), p > 0 else {
                out.exactRows.append(r)
                continue
            }
            let v = table.value[r]
            out.activity.append(.init(row: r, sampler: Sampler(.percent(p, of: v),
                                                               bounds: v >= 0 ? 0 ... .infinity : -.infinity ... 0)))
        }
        return out
    }

    /// Draw `d` of every uncertain input, handed to `factor(id, value)` and `activity(row, value)`: stream `d` of
    /// the seed, factor rows in id order, then activity rows in row order, so a draw is the same whichever thread
    /// makes it and whichever layout receives it.
    @inline(__always)
    static func draw(_ d: Int, seed: UInt64, inputs: Inputs, factor: (Int, Double) -> Void,
                     activity: (Int, Double) -> Void) {
        var rng = Xoshiro256(seed: seed, stream: UInt64(d))
        for f in inputs.factors { factor(Int(f.id), f.sampler.draw(&rng)) }
        for a in inputs.activity { activity(a.row, a.sampler.draw(&rng)) }
    }

    /// The masses of some lines in every draw, `[line][draw]` (the draws ``run(_:inputs:regions:gwp:co2Scope:gdp:baseYears:draws:seed:threads:)``
    /// makes with the same seed): for inspecting one line's distribution, or the correlation of two.
    public static func lineDraws(_ calc: CalculationResult, inputs: Inputs, lines wanted: [Int], draws: Int,
                                 seed: UInt64) -> [[Double]] {
        var out = [[Double]](repeating: [], count: wanted.count)
        var values = calc.factors.baseValues, table = calc.table
        for d in 0..<draws {
            draw(d, seed: seed, inputs: inputs, factor: { values[$0] = $1 }, activity: { table.value[$0] = $1 })
            let mass = Kernel.evaluate(calc.lines, plan: calc.plan, table: table, factorValues: values, threads: 1)
            for (k, i) in wanted.enumerated() { out[k].append(mass[i]) }
        }
        return out
    }

    /// A quantity of the result: a measure of a region (with its roll-up) and year.
    public struct Quantity: Hashable, Sendable {
        /// The region code.
        public var region: String
        /// The year.
        public var year: Int
        /// The measure.
        public var measure: Measure
    }

    /// The summary of a quantity's draws.
    public struct Summary: Hashable, Sendable {
        /// The value with every input at its stated value (the inventory's number).
        public var estimate: Double
        /// The mean of the draws.
        public var mean: Double
        /// The 2.5th, 50th and 97.5th percentiles of the draws (linear interpolation between order statistics).
        public var p025: Double, p50: Double, p975: Double

        /// Summarises draws (reordered in place).
        public init(estimate: Double, draws: inout [Double]) {
            self.estimate = estimate
            var s = CompensatedSum()
            for x in draws { s.add(x) }
            mean = draws.isEmpty ? estimate : s.value / Double(draws.count)
            // The order statistics the percentiles need, by selection (the same numbers a full sort gives).
            var from = 0
            var needed: [Int] = []
            for p in [0.025, 0.5, 0.975] where !draws.isEmpty {
                let i = Int(Double(draws.count - 1) * p)
                needed += [i, min(i + 1, draws.count - 1)]
            }
            for i in needed.sorted() where i >= from {
                Self.select(&draws, i, from: from)
                from = i + 1
            }
            func q(_ p: Double) -> Double {
                guard !draws.isEmpty else { return estimate }
                let h = Double(draws.count - 1) * p
                let i = Int(h), f = h - Double(i)
                return i + 1 < draws.count ? draws[i] + f * (draws[i + 1] - draws[i]) : draws[i]
            }
            p025 = q(0.025)
            p50 = q(0.5)
            p975 = q(0.975)
        }

        /// Puts the `k`-th smallest element of `a[from...]` at index `k`, smaller ones before it and larger after
        /// (Hoare's selection with a median-of-three pivot; deterministic). Expected O(n).
        static func select(_ a: inout [Double], _ k: Int, from: Int) {
            var lo = from, hi = a.count - 1
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                if a[mid] < a[lo] { a.swapAt(mid, lo) }
                if a[hi] < a[lo] { a.swapAt(hi, lo) }
                if a[hi] < a[mid] { a.swapAt(hi, mid) }
                let pivot = a[mid]
                var i = lo, j = hi
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while pivot < a[j] { j -= 1 }
                    if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { return }
            }
        }
    }

    /// A decline of the carbon intensity against a base year: its estimate and draws' summary.
    public struct Decline: Hashable, Sendable {
        /// The region.
        public var region: String
        /// The year and the base year.
        public var year: Int, baseYear: Int
        /// The decline in % (the indicators' `co2_intensity_decline`).
        public var summary: Summary
        /// The draws, in draw order (for probabilities of targets).
        public var draws: [Double]

        /// The share of draws that satisfy `test`.
        public func probability(_ test: (Double) -> Bool) -> Double {
            draws.isEmpty ? (test(summary.estimate) ? 1 : 0) : Double(draws.filter(test).count) / Double(draws.count)
        }
    }

    /// The result of a run.
    public struct Result: Sendable {
        /// Every quantity with lines, sorted by region, year and measure, and its summary.
        public var quantities: [(Quantity, Summary)]
        /// The declines of the carbon intensity.
        public var declines: [Decline]
        /// The number of draws and the seed.
        public var draws: Int, seed: UInt64
    }

    /// Runs `draws` iterations. `gdp[region][year]` is constant-price GDP (10^4 yuan; without uncertainty) for the
    /// intensity declines against `baseYears`; `gwp` gives CO2e (a gas without one counts in no CO2e measure, as in
    /// the inventory).
    ///
    /// - Complexity: O(draws × (lines × formula length + uncertain inputs)), split over `threads` by draw.
    public static func run(_ calc: CalculationResult, inputs: Inputs, regions: RegionTree, gwp: (Gas) -> Double?,
                           co2Scope: CO2IntensityScope, gdp: [String: [Int: Double]], baseYears: [Int],
                           draws: Int, seed: UInt64, threads: Int = 1) -> Result {
        let plan = calc.plan, lines = calc.lines, table = calc.table
        // Per template: the measures it adds to and with which weight.
        let energy = CategoryCode("1")!, indirect = CategoryCode("IND")!
        let sectors: [(CategoryCode, Measure)] = [(CategoryCode("1")!, .energy), (CategoryCode("2")!, .ippu),
                                                  (CategoryCode("3")!, .agriculture), (CategoryCode("4")!, .waste)]
        let contributions: [[(Int, Double)]] = plan.lineTemplates.map { t in
            var out: [(Int, Double)] = []
            if t.scope == .total, let w = gwp(t.gas) {
                out.append((Measure.ghgNet.rawValue, w))
                if t.category.isLULUCF {
                    out.append((Measure.lulucf.rawValue, w))
                } else {
                    out.append((Measure.ghgGross.rawValue, w))
                    if let s = sectors.first(where: { $0.0.isPrefix(of: t.category) }) { out.append((s.1.rawValue, w)) }
                }
            }
            if t.gas == .co2 {
                let counts: Bool
                switch co2Scope {
                case .energy: counts = t.scope == .total && energy.isPrefix(of: t.category)
                case .energyWithIndirect:
                    counts = (t.scope == .total && energy.isPrefix(of: t.category))
                        || (t.scope == .indirect && indirect.isPrefix(of: t.category))
                case .allCO2: counts = t.scope == .total
                }
                if counts { out.append((Measure.co2.rawValue, 1)) }
            }
            return out
        }
        // Quantities: region (sorted) × year (sorted) × measure; a block adds to its region's roll-up targets.
        let codes = regions.all.map(\.code).sorted()
        let regionIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let years = Set(lines.blockYear.map(Int.init)).union(baseYears).sorted()
        let yearIndex = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
        let nM = Measure.allCases.count, nY = years.count
        let nQ = codes.count * nY * nM
        var blockTargets: [[Int]] = []
        var touched = [Bool](repeating: false, count: nQ)
        for b in 0..<lines.blockRegion.count {
            let code = table.symbols.regions[Int(lines.blockRegion[b])]
            let y = yearIndex[Int(lines.blockYear[b])]!
            let targets = regions.rollUpTargets(of: code).compactMap { regionIndex[$0] }.map { ($0 * nY + y) * nM }
            blockTargets.append(targets)
            for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) {
                for (m, _) in contributions[Int(lines.template[i])] { for t in targets { touched[t + m] = true } }
            }
        }
        func accumulate(_ mass: [Double], into q: inout [Double], skipping variable: [Bool]? = nil) {
            for b in 0..<blockTargets.count {
                let targets = blockTargets[b]
                for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) where variable?[i] != true {
                    let m = mass[i]
                    for (k, w) in contributions[Int(lines.template[i])] {
                        for t in targets { q[t + k] += m * w }
                    }
                }
            }
        }
        var estimate = [Double](repeating: 0, count: nQ)
        accumulate(lines.mass, into: &estimate)

        // Only the lines that depend on a drawn input are re-evaluated; the others add the same in every draw.
        var drawnFactor = [Bool](repeating: false, count: calc.factors.baseValues.count)
        for f in inputs.factors { drawnFactor[Int(f.id)] = true }
        var drawnRow = [Bool](repeating: false, count: table.count)
        for a in inputs.activity { drawnRow[a.row] = true }
        var variable = [Bool](repeating: false, count: lines.count)
        var variableLines: [Int] = [], variableTargets: [[Int]] = []
        for b in 0..<blockTargets.count {
            for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) {
                let t = Int(lines.template[i]), g = lines.group[i]
                var v = plan.lineTemplates[t].factors.contains { drawnFactor[Int($0)] }
                if !v { v = g < 0 ? drawnRow[Int(lines.row[i])]
                               : plan.groupLines[Int(g)].inputs.contains { $0.row >= 0 && drawnRow[Int($0.row)] } }
                if v && !contributions[t].isEmpty {
                    variable[i] = true
                    variableLines.append(i)
                    variableTargets.append(blockTargets[b])
                }
            }
        }
        var constant = [Double](repeating: 0, count: nQ)
        accumulate(lines.mass, into: &constant, skipping: variable)

        // The draws: column q of `samples` holds quantity q's value in every draw.
        let sampled = (0..<nQ).filter { touched[$0] }
        var column = [Int](repeating: -1, count: nQ)
        for (c, q) in sampled.enumerated() { column[q] = c }
        var samples = [Double](repeating: 0, count: sampled.count * draws)
        let baseValues = calc.factors.baseValues
        let scale = table.symbols.units.map(\.scale)
        // Flat: for variable line n, the quantity slots it adds to (every target × measure) and the weights.
        var slotStart: [Int] = [0], slots: [Int] = [], weights: [Double] = []
        for (n, i) in variableLines.enumerated() {
            for (kk, w) in contributions[Int(lines.template[i])] {
                for target in variableTargets[n] {
                    slots.append(target + kk)
                    weights.append(w)
                }
            }
            slotStart.append(slots.count)
        }
        let compiled = plan.compiled
        // Draws are evaluated in batches of `width` by the kernel's batch path (one pass of each line's
        // instructions per batch); a draw's numbers do not depend on the batch it falls in.
        let width = 32
        let nF = baseValues.count, nR = table.count
        samples.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer)
            let parts = Parallel.ranges(draws, parts: max(threads, 1))
            Parallel.forEach(parts.count, threads: threads) { k in
                var fv = [Double](repeating: 0, count: nF * width)
                var av = [Double](repeating: 0, count: nR * width)
                for id in 0..<nF { for b in 0..<width { fv[id * width + b] = baseValues[id] } }
                for r in 0..<nR { for b in 0..<width { av[r * width + b] = table.value[r] } }
                var q = constant
                var mass = [Double](repeating: 0, count: variableLines.count * width)
                var d0 = parts[k].lowerBound
                while d0 < parts[k].upperBound {
                    let n = min(width, parts[k].upperBound - d0)
                    for b in 0..<n {
                        draw(d0 + b, seed: seed, inputs: inputs, factor: { fv[$0 * width + b] = $1 },
                             activity: { av[$0 * width + b] = $1 })
                    }
                    fv.withUnsafeBufferPointer { fvp in
                        av.withUnsafeBufferPointer { avp in
                            mass.withUnsafeMutableBufferPointer { mp in
                                Kernel.evaluateBatch(lines, plan: plan, compiled: compiled, table: table,
                                                     factorValues: fvp, activityValues: avp, width: width,
                                                     indices: variableLines, scale: scale, into: mp)
                            }
                        }
                    }
                    q.withUnsafeMutableBufferPointer { q in
                        for b in 0..<n {
                            constant.withUnsafeBufferPointer { c in
                                for i in 0..<nQ { q[i] = c[i] }
                            }
                            slots.withUnsafeBufferPointer { slots in
                                weights.withUnsafeBufferPointer { weights in
                                    for line in 0..<variableLines.count {
                                        let m = mass[line * width + b]
                                        for j in slotStart[line]..<slotStart[line + 1] { q[slots[j]] += m * weights[j] }
                                    }
                                }
                            }
                            for (c, qi) in sampled.enumerated() { out.value[c * draws + d0 + b] = q[qi] }
                        }
                    }
                    d0 += n
                }
            }
        }
        var quantities: [(Quantity, Summary)] = []
        for (c, qi) in sampled.enumerated() {
            let m = qi % nM, y = (qi / nM) % nY, r = qi / (nM * nY)
            var column = Array(samples[(c * draws)..<((c + 1) * draws)])
            quantities.append((Quantity(region: codes[r], year: years[y], measure: Measure(rawValue: m)!),
                               Summary(estimate: estimate[qi], draws: &column)))
        }
        // Intensity declines: CO2 over constant GDP, against each base year; GDP is taken as exact.
        var declines: [Decline] = []
        let co2 = Measure.co2.rawValue
        for (r, code) in codes.enumerated() {
            guard let g = gdp[code] else { continue }
            for base in baseYears.sorted() {
                guard let yb = yearIndex[base], let gb = g[base], gb > 0 else { continue }
                let qb = (r * nY + yb) * nM + co2
                guard touched[qb], estimate[qb] != 0 else { continue }
                for (y, year) in years.enumerated() where year > base {
                    let qt = (r * nY + y) * nM + co2
                    guard touched[qt], let gt = g[year], gt > 0 else { continue }
                    func decline(_ ct: Double, _ cb: Double) -> Double {
                        IndicatorCalculator.decline(current: ct / gt, base: cb / gb)
                    }
                    let ct = column[qt], cb = column[qb]
                    var values = (0..<draws).map { decline(samples[ct * draws + $0], samples[cb * draws + $0]) }
                    let kept = values
                    declines.append(Decline(region: code, year: year, baseYear: base,
                                            summary: Summary(estimate: decline(estimate[qt], estimate[qb]), draws: &values),
                                            draws: kept))
                }
            }
        }
        return Result(quantities: quantities, declines: declines, draws: draws, seed: seed)
    }
}
