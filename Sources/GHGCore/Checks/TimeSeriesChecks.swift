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

    /// Every change between consecutive inventory years (`y − 1` and `y` both inventory years) of a region's total or
    /// of one of its categories down to `depth` segments (CO2e, scope `total`, with roll-up) beyond the thresholds.
    /// Each finding names, in `detail`, the largest activity rows behind the category in both years.
    ///
    /// - Complexity: O(inventory cells + lines × category depth × region depth).
    public static func yearOnYear(_ inv: Inventory, calc: CalculationResult, regions: RegionTree, years: [Int],
                                  gwp: (Gas) -> Double?, thresholds: Thresholds = Thresholds(),
                                  depth: Int = 3) -> [CheckResult] {
        let yearSet = Set(years)
        guard let total = inv.scopes.firstIndex(of: .total), let all = inv.gases.firstIndex(of: .all) else { return [] }
        // CO2e of the TOTAL and of every category node down to `depth`, by region and node, per year.
        struct Key: Hashable { var region: Int32; var node: Int32 }
        var series: [Key: [Int: Double]] = [:]
        let nodeOK = inv.nodes.map { n -> Bool in
            if case let .category(c) = n { return c.depth <= depth }
            return true
        }
        for c in inv.cells where c.extent == 0 && Int(c.scope) == total && Int(c.gas) == all && nodeOK[Int(c.node)]
            && !c.co2eMissing {
            series[Key(region: c.region, node: c.node), default: [:]][Int(c.year)] = c.co2e
        }
        struct Finding { var key: Key; var year: Int; var before: Double; var after: Double; var pct: Double? }
        var findings: [Finding] = []
        for (key, values) in series {
            let isTotal = inv.nodes[Int(key.node)] == .total
            let limit = isTotal ? thresholds.totalPct : thresholds.categoryPct
            for (year, after) in values where yearSet.contains(year - 1) {
                let before = values[year - 1] ?? 0
                let pct: Double? = before == 0 ? nil : (after - before) / abs(before) * 100
                if let pct { if abs(pct) <= limit { continue } } else if after == 0 { continue }
                findings.append(Finding(key: key, year: year, before: before, after: after, pct: pct))
            }
        }
        guard !findings.isEmpty else { return [] }
        // The rows behind each finding: the lines of its region (with sub-regions) and category in both years.
        struct Cell: Hashable { var region: String; var year: Int; var node: InventoryNode }
        var wanted = Set<Cell>()
        for f in findings {
            let r = inv.regionCodes[Int(f.key.region)], n = inv.nodes[Int(f.key.node)]
            wanted.insert(Cell(region: r, year: f.year, node: n))
            wanted.insert(Cell(region: r, year: f.year - 1, node: n))
        }
        var rows: [Cell: [Int: Double]] = [:]
        let plan = calc.plan, lines = calc.lines, table = calc.table
        var targets: [Int32: [String]] = [:]
        for b in 0..<lines.blockRegion.count {
            let year = Int(lines.blockYear[b])
            guard yearSet.contains(year) else { continue }
            let r = lines.blockRegion[b]
            if targets[r] == nil { targets[r] = regions.rollUpTargets(of: table.symbols.regions[Int(r)]) }
            for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) {
                let t = plan.lineTemplates[Int(lines.template[i])]
                guard t.scope == .total, let w = gwp(t.gas) else { continue }
                let nodes = [InventoryNode.total] + t.category.lineage.filter { $0.depth <= depth }.map { .category($0) }
                for region in targets[r]! {
                    for n in nodes where wanted.contains(Cell(region: region, year: year, node: n)) {
                        // A row is ranked by the CO2e of its lines in the category.
                        rows[Cell(region: region, year: year, node: n), default: [:]][Int(lines.row[i]), default: 0]
                            += abs(lines.mass[i] * w)
                    }
                }
            }
        }
        func top(_ c: Cell) -> String {
            let list = (rows[c] ?? [:]).sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            let shown = list.prefix(3).map { table.location($0.key).description }
            return "\(c.year): " + (shown.isEmpty ? "no rows" : shown.joined(separator: ", ")
                                    + (list.count > 3 ? " and \(list.count - 3) more" : ""))
        }
        return findings.map { f in
            let region = inv.regionCodes[Int(f.key.region)], node = inv.nodes[Int(f.key.node)]
            let limit = node == .total ? thresholds.totalPct : thresholds.categoryPct
            let detail = "change beyond ±\(DecimalFormat.string(limit)) % from \(f.year - 1); largest rows "
                + top(Cell(region: region, year: f.year, node: node)) + "; "
                + top(Cell(region: region, year: f.year - 1, node: node))
            return CheckResult(check: "year_on_year", region: region, year: f.year, subject: "\(node) GHG",
                               value: f.after, reference: f.before, differencePct: f.pct, status: "large",
                               severity: "warning", detail: detail)
        }.sorted { ($0.region, $0.year, $0.subject) < ($1.region, $1.year, $1.subject) }
    }
}
