/// Completeness (IPCC 2006 Vol.1 Ch.6 QC; methodology.md §5.4 item 5): every category of the five sectors is either
/// estimated or carries a notation key, in every region.
public enum CompletenessChecks {
    /// For the latest inventory year, every region with rows (with roll-up) and every category at two segments of
    /// sectors 1–4 in `categories` (`1.A` … `4.E`) that has neither a line nor a notation-key row in it: a finding
    /// naming the category and the fix (a row, or `NO`/`NE`/`NA`/`IE`/`C` with a note).
    ///
    /// - Complexity: O(lines + rows × region depth + regions × categories).
    public static func check(_ calc: CalculationResult, regions: RegionTree, categories: CategoryTable,
                             years: [Int]) -> [CheckResult] {
        guard let latest = years.max() else { return [] }
        let table = calc.table, lines = calc.lines, plan = calc.plan
        let expected = categories.all.filter {
            $0.code.depth == 2 && ["1", "2", "3", "4"].contains($0.code.lineage[0].description)
        }
        // Covered (region, category at two segments) pairs of the latest year, from lines and notation-key rows:
        // first the distinct pairs with integer keys, then their roll-up.
        // A line counts in its template's category (a population row's lines reach 3.A and 3.C), a notation-key
        // row in its own.
        var fromLines = Set<Int64>(), fromKeys = Set<Int64>()
        func key(_ region: Int32, _ other: Int32) -> Int64 { Int64(region) << 32 | Int64(UInt32(bitPattern: other)) }
        for b in 0..<lines.blockRegion.count where Int(lines.blockYear[b]) == latest {
            for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) {
                fromLines.insert(key(lines.blockRegion[b], lines.template[i]))
            }
        }
        for r in plan.notationRows where Int(table.year[Int(r)]) == latest {
            fromKeys.insert(key(table.region[Int(r)], table.category[Int(r)]))
        }
        let pairs = fromLines.map { ($0 >> 32, plan.lineTemplates[Int(Int32(truncatingIfNeeded: $0))].category) }
            + fromKeys.map { ($0 >> 32, table.symbols.categories[Int(Int32(truncatingIfNeeded: $0))]) }
        var covered = Set<String>()
        var active = Set<String>()
        for (regionSymbol, category) in pairs {
            let region = table.symbols.regions[Int(regionSymbol)]
            let lineage = category.lineage
            for r in regions.rollUpTargets(of: region) {
                active.insert(r)
                if lineage.count >= 2 { covered.insert(r + "|" + lineage[1].description) }
            }
        }
        var out: [CheckResult] = []
        for region in active.sorted() {
            for info in expected where !covered.contains(region + "|" + info.code.description) {
                out.append(CheckResult(check: "completeness", code: .completeness, region: region, year: latest,
                    subject: info.code.description, location: regions[region]?.location, value: 0, reference: 0, differencePct: nil, status: "missing",
                    severity: "warning",
                    detail: "\(info.code) \(info.nameEN) (\(info.nameZH)) has no estimate and no notation key in "
                        + "\(latest); expected activity rows, or a row with value NO, NE, NA, IE or C and a note"))
            }
        }
        return out
    }
}
