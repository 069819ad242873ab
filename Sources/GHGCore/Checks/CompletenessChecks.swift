/// Completeness (IPCC 2006 Vol.1 Ch.6 QC; methodology.md §5.4 item 5): every category of the five sectors is either
/// estimated or carries a notation key, in every region.
public enum CompletenessChecks {
    /// For every region with rows (with roll-up) and every category at two segments of sectors 1–4 in `categories`
    /// (`1.A` … `4.E`) that has neither a line nor a notation-key row in one or more inventory years: one finding
    /// naming the category, the years it lacks and the fix (a row, or `NO`/`NE`/`NA`/`IE`/`C` with a note). The
    /// finding's year is the latest year missing.
    ///
    /// - Complexity: O(lines + rows × region depth + regions × categories × years).
    public static func check(_ calc: CalculationResult, regions: RegionTree, categories: CategoryTable,
                             years: [Int]) -> [CheckResult] {
        let years = years.sorted()
        guard !years.isEmpty else { return [] }
        let table = calc.table, lines = calc.lines, plan = calc.plan
        let expected = categories.all.filter {
            $0.code.depth == 2 && ["1", "2", "3", "4"].contains($0.code.lineage[0].description)
        }
        // Covered (region, year, category at two segments) of every year, from lines and notation-key rows: first
        // the distinct (region, year, template or category) keys with integers, then their roll-up.
        // A line counts in its template's category (a population row's lines reach 3.A and 3.C), a notation-key
        // row in its own.
        struct Key: Hashable { var region: Int32; var year: Int32; var other: Int32 }
        var fromLines = Set<Key>(), fromKeys = Set<Key>()
        var stamp = [Int32](repeating: -1, count: plan.lineTemplates.count)
        for b in 0..<lines.blockRegion.count {
            for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) where stamp[Int(lines.template[i])] != Int32(b) {
                stamp[Int(lines.template[i])] = Int32(b)
                fromLines.insert(Key(region: lines.blockRegion[b], year: lines.blockYear[b], other: lines.template[i]))
            }
        }
        for r in plan.notationRows {
            fromKeys.insert(Key(region: table.region[Int(r)], year: table.year[Int(r)], other: table.category[Int(r)]))
        }
        let pairs = fromLines.map { ($0.region, $0.year, plan.lineTemplates[Int($0.other)].category) }
            + fromKeys.map { ($0.region, $0.year, table.symbols.categories[Int($0.other)]) }
        struct Covered: Hashable { var region: String; var year: Int32; var category: String }
        var covered = Set<Covered>()
        var active = Set<String>()
        var targets: [Int32: [String]] = [:]
        for (regionSymbol, year, category) in pairs {
            if targets[regionSymbol] == nil {
                targets[regionSymbol] = regions.rollUpTargets(of: table.symbols.regions[Int(regionSymbol)])
            }
            let lineage = category.lineage
            for r in targets[regionSymbol]! {
                active.insert(r)
                if lineage.count >= 2 { covered.insert(Covered(region: r, year: year, category: lineage[1].description)) }
            }
        }
        var out: [CheckResult] = []
        for region in active.sorted() {
            for info in expected {
                let missing = years.filter {
                    !covered.contains(Covered(region: region, year: Int32($0), category: info.code.description))
                }
                guard let last = missing.last else { continue }
                out.append(CheckResult(check: "completeness", code: .completeness, region: region, year: last,
                    subject: info.code.description, location: regions[region]?.location, value: 0,
                    reference: 0, differencePct: nil, status: "missing", severity: "warning",
                    detail: "\(info.code) \(info.nameEN) (\(info.nameZH)) has no estimate and no notation key in "
                        + spans(missing, of: years) + "; expected activity rows, or a row with value NO, NE, NA, IE "
                        + "or C and a note"))
            }
        }
        return out
    }

    /// The missing years as runs of consecutive inventory years: `2005, 2020–2024`.
    public static func spans(_ missing: [Int], of years: [Int]) -> String {
        let position = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
        var runs: [[Int]] = []
        for y in missing {
            if let last = runs.last?.last, position[last]! + 1 == position[y]! { runs[runs.count - 1].append(y) }
            else { runs.append([y]) }
        }
        return runs.map { $0.count == 1 ? "\($0[0])" : "\($0.first!)–\($0.last!)" }.joined(separator: ", ")
    }
}
