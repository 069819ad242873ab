/// Completeness (IPCC 2006 Vol.1 Ch.6 QC; methodology.md §5.4 item 5): every category of the five sectors is either
/// estimated or carries a notation key, in every region.
public enum CompletenessChecks {
    /// For every region with rows (with roll-up) and every category at two segments of sectors 1–4 in `categories`
    /// (`1.A` … `4.E`) that has neither a line nor a notation-key row in one or more inventory years: one finding
    /// naming the category, the years it lacks and the fix (a row, or `NO`/`NE`/`NA`/`IE`/`C` with a note). The
    /// finding's year is the latest year missing.
    ///
    /// - Complexity: O(lines + (templates per block + notation rows) × region depth + regions × categories × years).
    public static func check(_ calc: CalculationResult, regions: RegionTree, categories: CategoryTable,
                             years: [Int]) -> [CheckResult] {
        // A project may list a year twice (its manifest check warns): each counts once.
        let years = Set(years).sorted()
        guard !years.isEmpty else { return [] }
        let table = calc.table, lines = calc.lines, plan = calc.plan
        let expected = categories.all.filter {
            $0.code.depth == 2 && ["1", "2", "3", "4"].contains($0.code.lineage[0].description)
        }
        // Covered (region, year, category at two segments), as a flat table over the tree's regions, the inventory
        // years and the expected categories, filled from lines (in their template's category: a population row's
        // lines reach 3.A and 3.C), once per template and region-year block, and from notation-key rows (in their
        // own category), then carried up each region's roll-up targets.
        let codes = regions.all.map(\.code)
        let regionIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        // Year -> its index in `years` (or -1), as an array from the first year: looked up once per template and
        // region-year block.
        let firstYear = years[0]
        var yearIndex = [Int](repeating: -1, count: years[years.count - 1] - firstYear + 1)
        for (k, y) in years.enumerated() { yearIndex[y - firstYear] = k }
        let categoryIndex = Dictionary(uniqueKeysWithValues: expected.enumerated().map { ($1.code.description, $0) })
        func twoSegments(_ c: CategoryCode) -> Int {
            c.lineage.count >= 2 ? categoryIndex[c.lineage[1].description] ?? -1 : -1
        }
        let templateCategory = plan.lineTemplates.map { twoSegments($0.category) }
        let symbolCategory = table.symbols.categories.map(twoSegments)
        let nY = years.count, nC = expected.count
        var covered = [Bool](repeating: false, count: codes.count * nY * nC)
        var active = [Bool](repeating: false, count: codes.count)
        let targets: [[Int]] = table.symbols.regions.map { r in
            regions.rollUpTargets(of: r).compactMap { regionIndex[$0] }
        }
        func cover(_ regionSymbol: Int32, _ year: Int32, _ category: Int) {
            let slot = Int(year) - firstYear
            guard slot >= 0, slot < yearIndex.count else { return }
            let y = yearIndex[slot]
            guard y >= 0 else { return }
            for r in targets[Int(regionSymbol)] {
                active[r] = true
                if category >= 0 { covered[(r * nY + y) * nC + category] = true }
            }
        }
        // Per block: each template once, each of their categories once (a county-year's 180 lines reach a handful).
        var stamp = [Int32](repeating: -1, count: plan.lineTemplates.count)
        var categoryStamp = [Int32](repeating: -1, count: nC)
        for b in 0..<lines.blockRegion.count where lines.blockStart[b + 1] > lines.blockStart[b] {
            for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) where stamp[Int(lines.template[i])] != Int32(b) {
                stamp[Int(lines.template[i])] = Int32(b)
                let k = templateCategory[Int(lines.template[i])]
                if k >= 0 && categoryStamp[k] != Int32(b) {
                    categoryStamp[k] = Int32(b)
                    cover(lines.blockRegion[b], lines.blockYear[b], k)
                }
            }
            cover(lines.blockRegion[b], lines.blockYear[b], -1)     // the region has lines in an inventory year
        }
        for r in plan.notationRows {
            cover(table.region[Int(r)], table.year[Int(r)], symbolCategory[Int(table.category[Int(r)])])
        }
        var out: [CheckResult] = []
        // The text of a finding depends only on its category and the years it lacks: built once per category and
        // per pattern of missing years (a national project repeats both across thousands of regions).
        let lead = expected.map { "\($0.code) \($0.nameEN) (\($0.nameZH)) has no estimate and no notation key in " }
        let subjects = expected.map(\.code.description)
        var spansOf: [[Int]: String] = [:]
        for (r, region) in codes.enumerated() where active[r] {
            let location = regions[region]?.location
            for k in expected.indices {
                let missing = years.indices.filter { !covered[(r * nY + $0) * nC + k] }.map { years[$0] }
                guard let last = missing.last else { continue }
                let span: String
                if let known = spansOf[missing] { span = known } else {
                    span = spans(missing, of: years)
                    spansOf[missing] = span
                }
                out.append(CheckResult(check: "completeness", code: .completeness, region: region, year: last,
                    subject: subjects[k], location: location, value: 0,
                    reference: 0, differencePct: nil, status: "missing", severity: "warning",
                    detail: lead[k] + span + "; expected activity rows, or a row with value NO, NE, NA, IE "
                        + "or C and a note"))
            }
        }
        return out
    }

    /// The missing years as runs of consecutive inventory years: `2005, 2020–2024`.
    public static func spans(_ missing: [Int], of years: [Int]) -> String {
        let position = Dictionary(years.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var runs: [[Int]] = []
        for y in missing {
            if let last = runs.last?.last, position[last]! + 1 == position[y]! { runs[runs.count - 1].append(y) }
            else { runs.append([y]) }
        }
        return runs.map { $0.count == 1 ? "\($0[0])" : "\($0.first!)–\($0.last!)" }.joined(separator: ", ")
    }
}
