/// Time-series checks (IPCC 2006 Vol.1 Ch.6 QC; methodology.md §5.4 item 6): a category or total that changes from
/// one inventory year to the next by more than a threshold, with the activity rows behind it.
public enum TimeSeriesChecks {
    /// The thresholds, in percent (review practice, not IPCC constants: methodology.md §5.4).
    public struct Thresholds: Hashable, Sendable {
        /// A category (at up to three segments), all gases in CO2e.
        public var categoryPct: Double
        /// The total (scope `total`, all gases in CO2e).
        public var totalPct: Double

        /// Creates thresholds (default ±10 % per category, ±5 % for the total).
        public init(categoryPct: Double = 10, totalPct: Double = 5) {
            self.categoryPct = categoryPct
            self.totalPct = totalPct
        }
    }

    /// Every change from the year before to the latest inventory year (both inventory years) of a region's total or
    /// of one of its categories down to `depth` segments (CO2e, scope `total`, with roll-up) beyond the thresholds.
    /// Each finding names, in `detail`, the largest activity rows behind the category in both years.
    ///
    /// - Complexity: O(inventory cells + lines × category depth × region depth).
    public static func yearOnYear(_ inv: Inventory, calc: CalculationResult, regions: RegionTree, years: [Int],
                                  gwp: (Gas) -> Double?, thresholds: Thresholds = Thresholds(),
                                  depth: Int = 3) -> [CheckResult] {
        let yearSet = Set(years)
        guard let latest = years.max(), yearSet.contains(latest - 1),
              let total = inv.scopes.firstIndex(of: .total), let all = inv.gases.firstIndex(of: .all) else { return [] }
        // CO2e of the TOTAL and of every category node down to `depth`, by region and node, in the latest year and
        // the year before, in a dense table (region × node).
        struct Key: Hashable { var region: Int32; var node: Int32 }
        let nN = inv.nodes.count
        let nodeOK = inv.nodes.map { n -> Bool in
            if case let .category(c) = n { return c.depth <= depth }
            return true
        }
        var latestValue = [Double](repeating: 0, count: inv.regionCodes.count * nN)
        var previousValue = latestValue
        var hasLatest = [Bool](repeating: false, count: latestValue.count), hasPrevious = hasLatest
        for c in inv.cells where c.extent == 0 && Int(c.scope) == total && Int(c.gas) == all && nodeOK[Int(c.node)]
            && !c.co2eMissing && Int(c.year) >= latest - 1 {
            let k = Int(c.region) * nN + Int(c.node)
            if Int(c.year) == latest { latestValue[k] = c.co2e; hasLatest[k] = true }
            else { previousValue[k] = c.co2e; hasPrevious[k] = true }
        }
        struct Finding { var key: Key; var year: Int; var before: Double; var after: Double; var pct: Double? }
        var findings: [Finding] = []
        for k in latestValue.indices where hasLatest[k] {
            let key = Key(region: Int32(k / nN), node: Int32(k % nN))
            let isTotal = inv.nodes[Int(key.node)] == .total
            let limit = isTotal ? thresholds.totalPct : thresholds.categoryPct
            let after = latestValue[k], before = hasPrevious[k] ? previousValue[k] : 0
            let pct: Double? = before == 0 ? nil : (after - before) / abs(before) * 100
            if let pct { if abs(pct) <= limit { continue } } else if after == 0 { continue }
            findings.append(Finding(key: key, year: latest, before: before, after: after, pct: pct))
        }
        guard !findings.isEmpty else { return [] }
        // The rows behind each finding: the lines of its region (with sub-regions) and category in both years,
        // found through a dense slot table (region × node × which year), then summed per row in the slot.
        func code(_ region: Int, _ node: Int, _ year: Int) -> Int { (region * nN + node) * 2 + (year == latest ? 1 : 0) }
        var slotOf = [Int32](repeating: -1, count: inv.regionCodes.count * nN * 2)
        var slotCount: Int32 = 0
        for f in findings {
            for y in [latest, latest - 1] {
                let k = code(Int(f.key.region), Int(f.key.node), y)
                if slotOf[k] < 0 { slotOf[k] = slotCount; slotCount += 1 }
            }
        }
        var rows = [[Int32: Double]](repeating: [:], count: Int(slotCount))
        let plan = calc.plan, lines = calc.lines, table = calc.table
        let regionIndex = Dictionary(uniqueKeysWithValues: inv.regionCodes.enumerated().map { ($1, $0) })
        let nodeIndex = Dictionary(uniqueKeysWithValues: inv.nodes.enumerated().map { ($1, $0) })
        let templateNodes: [[Int]] = plan.lineTemplates.map { t in
            guard t.scope == .total, gwp(t.gas) != nil else { return [] }
            return ([InventoryNode.total] + t.category.lineage.filter { $0.depth <= depth }.map { .category($0) })
                .compactMap { nodeIndex[$0] }
        }
        let weight = plan.lineTemplates.map { gwp($0.gas) ?? 0 }
        var targetsOf = [[Int]?](repeating: nil, count: table.symbols.regions.count)
        for b in 0..<lines.blockRegion.count {
            let year = Int(lines.blockYear[b])
            guard year == latest || year == latest - 1 else { continue }
            let r = Int(lines.blockRegion[b])
            if targetsOf[r] == nil {
                targetsOf[r] = regions.rollUpTargets(of: table.symbols.regions[r]).compactMap { regionIndex[$0] }
            }
            let targets = targetsOf[r]!
            for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) {
                let t = Int(lines.template[i])
                for region in targets {
                    for n in templateNodes[t] {
                        let slot = slotOf[code(region, n, year)]
                        // A row is ranked by the CO2e of its lines in the category.
                        if slot >= 0 { rows[Int(slot)][lines.row[i], default: 0] += abs(lines.mass[i] * weight[t]) }
                    }
                }
            }
        }
        struct Cell { var region: Int; var node: Int; var year: Int }
        func ranked(_ c: Cell) -> [(key: Int32, value: Double)] {
            let slot = slotOf[code(c.region, c.node, c.year)]
            return rows[Int(slot)].sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        }
        func top(_ c: Cell, _ list: [(key: Int32, value: Double)]) -> String {
            let shown = list.prefix(3).map { table.location(Int($0.key)).description }
            return "\(c.year): " + (shown.isEmpty ? "no rows" : shown.joined(separator: ", ")
                                    + (list.count > 3 ? " and \(list.count - 3) more" : ""))
        }
        return findings.map { f in
            let region = inv.regionCodes[Int(f.key.region)], node = inv.nodes[Int(f.key.node)]
            let limit = node == .total ? thresholds.totalPct : thresholds.categoryPct
            let now = Cell(region: Int(f.key.region), node: Int(f.key.node), year: f.year)
            let before = Cell(region: Int(f.key.region), node: Int(f.key.node), year: f.year - 1)
            let nowRows = ranked(now), beforeRows = ranked(before)
            let detail = "change beyond ±\(DecimalFormat.string(limit)) % from \(f.year - 1); largest rows "
                + top(now, nowRows) + "; " + top(before, beforeRows)
            // The location is the largest row of the latest year (of the year before when the category vanished).
            let first = (nowRows.first ?? beforeRows.first).map { table.location(Int($0.key)) }
            return CheckResult(check: "year_on_year", code: .yearOnYear, region: region, year: f.year,
                               subject: "\(node) GHG", location: first, value: f.after, reference: f.before, differencePct: f.pct, status: "large",
                               severity: "warning", detail: detail)
        }.sorted { ($0.region, $0.year, $0.subject) < ($1.region, $1.year, $1.subject) }
    }
}
