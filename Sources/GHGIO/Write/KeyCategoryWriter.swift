import GHGCore

/// `key_categories.csv` and `uncertainty_approach1.csv`: key category analysis (Approach 1, and Approach 2 where
/// every line of the region states its uncertainties) and error-propagation uncertainty, for every region and year.
enum KeyCategoryWriter {
    /// The stated uncertainty of a factor row (± %, the larger half of its low–high interval), else the project's
    /// default for its parameter.
    static func factorPercent(_ calc: CalculationResult, defaults: UncertaintyDefaults) -> (FactorRowID) -> Double? {
        { id in
            let row = calc.factors.row(id)
            return ErrorPropagation.percent(value: row.value, low: row.low, high: row.high) ?? defaults.factor[row.parameter]
        }
    }

    /// The cells of the analysis for a compilation that succeeded.
    static func cells(_ c: Compilation) -> [String: [Int: [CategoryAssessment.Cell]]] {
        guard let calc = c.calculation, let project = c.project else { return [:] }
        let defaults = project.config.uncertainty
        return CategoryAssessment.cells(
            calc, regions: project.regions, gwp: { c.reference.gwp.value(of: $0, in: c.gwp)?.gwp100 },
            activityPercent: activityPercent(calc.table, defaults: defaults),
            factorPercent: factorPercent(calc, defaults: defaults))
    }

    /// The stated uncertainty of an activity row: its `uncertainty` column, else the project's default for its kind.
    static func activityPercent(_ table: ActivityTable, defaults: UncertaintyDefaults) -> (Int) -> Double? {
        let byKind = table.symbols.activities.map { defaults.activityPercent(kind: $0.rawValue) }
        return { r in table.uncertaintyOf(r) ?? byKind[Int(table.activity[r])] }
    }

    /// The base years of the trend: the project's base years that are inventory years.
    static func baseYears(_ c: Compilation) -> [Int] {
        guard let p = c.project else { return [] }
        return p.config.baseYears.filter { p.config.years.contains($0) }.sorted()
    }

    /// The categories of `year` against `base`: each cell of the year with its base-year CO2e (0 when the base year
    /// has none), then each category only of the base year with latest 0 (its base-year cell carries its
    /// uncertainties, which weigh nothing in the latest year). Without a base, the year's cells with base = latest.
    static func paired(_ years: [Int: [CategoryAssessment.Cell]], year: Int, base: Int?,
                       keep: (CategoryAssessment.Cell) -> Bool = { _ in true })
        -> [(cell: CategoryAssessment.Cell, base: Double, latest: Double)] {
        let now = (years[year] ?? []).filter(keep)
        guard let base else { return now.map { ($0, $0.co2e, $0.co2e) } }
        let then = (years[base] ?? []).filter(keep)
        let before = Dictionary(uniqueKeysWithValues: then.map { ("\($0.category)|\($0.gas)", $0.co2e) })
        let present = Set(now.map { "\($0.category)|\($0.gas)" })
        return now.map { ($0, before["\($0.category)|\($0.gas)"] ?? 0, $0.co2e) }
            + then.filter { !present.contains("\($0.category)|\($0.gas)") }.map { ($0, $0.co2e, 0) }
    }

    /// `key_categories.csv`: per region and year, the level assessment, and the trend against each earlier base year,
    /// with and without LULUCF; Approach 2 where every line of the region-year states its uncertainties.
    static func keyCategories(_ c: Compilation) -> String {
        let all = c.categoryCells
        var w = CSVWriter(header: ["region", "year", "base_year", "approach", "assessment", "lulucf", "rank", "category",
                                   "gas", "base_co2e_t", "co2e_t", "uncertainty_pct", "assessment_value", "share",
                                   "cumulative", "key"])
        let f = DecimalFormat.string
        let bases = baseYears(c)
        for region in all.keys.sorted() {
            let years = all[region]!
            for year in years.keys.sorted() {
                let cells = years[year]!
                for lulucf in [true, false] {
                    let keep = { (x: CategoryAssessment.Cell) in lulucf || !CategoryAssessment.isLULUCF(x.category) }
                    let kept = cells.filter(keep)
                    let complete = kept.allSatisfy { $0.linesWithoutActivity == 0 && $0.linesWithoutFactor == 0 }
                    func emit(_ ranked: [KeyCategories.Ranked], base: Int?, approach: Int, assessment: String) {
                        for (i, r) in ranked.enumerated() {
                            w.row([region, String(year), base.map(String.init) ?? "", String(approach), assessment,
                                   lulucf ? "included" : "excluded", String(i + 1), r.entry.category, r.entry.gas,
                                   r.entry.base.map(f) ?? "", f(r.entry.latest), r.entry.uncertainty.map(f) ?? "",
                                   f(r.assessment), f(r.share), f(r.cumulative), r.key ? "key" : ""])
                        }
                    }
                    func entry(_ x: CategoryAssessment.Cell, base: Double?) -> KeyCategories.Entry {
                        KeyCategories.Entry(category: x.category.description, gas: x.gas.rawValue, base: base,
                                            latest: x.co2e,
                                            uncertainty: complete ? (x.activity * x.activity + x.factor * x.factor).squareRoot() : nil)
                    }
                    let level = kept.map { entry($0, base: nil) }
                    emit(KeyCategories.level(level), base: nil, approach: 1, assessment: "level")
                    if complete { emit(KeyCategories.level(level, uncertaintyWeighted: true), base: nil, approach: 2,
                                       assessment: "level") }
                    for base in bases where base < year {
                        // A category of the base year without emissions in this year counts with 0.
                        let trend = paired(years, year: year, base: base, keep: keep).map { p in
                            var e = entry(p.cell, base: p.base)
                            e.latest = p.latest
                            return e
                        }
                        emit(KeyCategories.trend(trend), base: base, approach: 1, assessment: "trend")
                        if complete { emit(KeyCategories.trend(trend, uncertaintyWeighted: true), base: base, approach: 2,
                                           assessment: "trend") }
                    }
                }
            }
        }
        return w.text
    }

    /// `uncertainty_approach1.csv`: per region and year, the Approach 1 table (Vol.1 Table 3.2) of every category
    /// and gas and of the total: against each earlier base year for the trend, and alone for the level. A line whose
    /// activity or some factor states no uncertainty counts as exact in the arithmetic and is counted in the
    /// `lines_without_…` columns; where no line of a category states one, its column is empty, not 0.
    static func approach1(_ c: Compilation) -> String {
        let all = c.categoryCells
        var w = CSVWriter(header: ["region", "year", "base_year", "category", "gas", "base_co2e_t", "co2e_t",
                                   "activity_pct", "factor_pct", "combined_pct", "variance_share", "type_a", "type_b",
                                   "trend_from_factor", "trend_from_activity", "trend_pct", "trend_uncertainty_points", "lines",
                                   "lines_without_activity_uncertainty", "lines_without_factor_uncertainty"])
        let f = DecimalFormat.string
        let bases = baseYears(c)
        for region in all.keys.sorted() {
            let years = all[region]!
            for year in years.keys.sorted() {
                let cells = years[year]!
                for base in [nil] + bases.filter({ $0 < year }).map(Optional.some) {
                    let pairs = paired(years, year: year, base: base)
                    let entries = pairs.map { p in
                        ErrorPropagation.Entry(category: p.cell.category.description, gas: p.cell.gas.rawValue,
                                               base: p.base, latest: p.latest, activity: p.cell.activity,
                                               factor: p.cell.factor)
                    }
                    let t = ErrorPropagation.table(entries)
                    let b = base.map(String.init) ?? ""
                    for (x, r) in zip(pairs.map(\.cell), t.rows) {
                        w.row([region, String(year), b, r.entry.category, r.entry.gas, base == nil ? "" : f(r.entry.base),
                               f(r.entry.latest), x.linesWithoutActivity == x.lines ? "" : f(r.entry.activity),
                               x.linesWithoutFactor == x.lines ? "" : f(r.entry.factor), f(r.combined),
                               f(r.varianceShare), base == nil ? "" : f(r.typeA), base == nil ? "" : f(r.typeB),
                               base == nil ? "" : f(r.trendFromFactor), base == nil ? "" : f(r.trendFromActivity), "", "",
                               String(x.lines), String(x.linesWithoutActivity), String(x.linesWithoutFactor)])
                    }
                    w.row([region, String(year), b, "TOTAL", "GHG", base == nil ? "" : f(t.baseTotal), f(t.latestTotal),
                           "", "", t.level.map(f) ?? "", "", "", "", "", "",
                           base == nil ? "" : t.trendPercent.map(f) ?? "", base == nil ? "" : t.trend.map(f) ?? "",
                           String(cells.reduce(0) { $0 + $1.lines }),
                           String(cells.reduce(0) { $0 + $1.linesWithoutActivity }),
                           String(cells.reduce(0) { $0 + $1.linesWithoutFactor })])
                }
            }
        }
        return w.text
    }
}
