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
            years: Set(years(c).levels), activityPercent: activityPercent(calc.table, defaults: defaults),
            factorPercent: factorPercent(calc, defaults: defaults))
    }

    /// The stated uncertainty of an activity row: its `uncertainty` column, else the project's default for its kind.
    static func activityPercent(_ table: ActivityTable, defaults: UncertaintyDefaults) -> (Int) -> Double? {
        let byKind = table.symbols.activities.map { defaults.activityPercent(kind: $0.rawValue) }
        return { r in table.uncertaintyOf(r) ?? byKind[Int(table.activity[r])] }
    }

    /// The years assessed: every base year that is an inventory year and the latest inventory year (IPCC 2006 Vol.1
    /// §4.2: the level of the latest year and of the base year, the trend between them), and the base years a trend
    /// from the latest year runs against.
    static func years(_ c: Compilation) -> (levels: [Int], latest: Int?, bases: [Int]) {
        guard let p = c.project else { return ([], nil, []) }
        let bases = p.config.baseYears.filter { p.config.years.contains($0) }.sorted()
        let latest = p.config.years.max()
        return (Set(bases + (latest.map { [$0] } ?? [])).sorted(), latest, bases.filter { $0 < (latest ?? 0) })
    }

    /// The categories of `year` against `base`: each cell of the year with its base-year CO2e (0 when the base year
    /// has none), then each category only of the base year with latest 0 (its base-year cell carries its
    /// uncertainties, which weigh nothing in the latest year). Without a base, the year's cells with base = latest.
    static func paired(_ years: [Int: [CategoryAssessment.Cell]], year: Int, base: Int?,
                       keep: (CategoryAssessment.Cell) -> Bool = { _ in true }) -> [Pair] {
        let now = (years[year] ?? []).filter(keep)
        guard let base else { return now.map { ($0, $0.co2e, $0.co2e) } }
        let then = (years[base] ?? []).filter(keep)
        let before = Dictionary(uniqueKeysWithValues: then.map { ("\($0.category)|\($0.gas)", $0.co2e) })
        let present = Set(now.map { "\($0.category)|\($0.gas)" })
        return now.map { ($0, before["\($0.category)|\($0.gas)"] ?? 0, $0.co2e) }
            + then.filter { !present.contains("\($0.category)|\($0.gas)") }.map { ($0, $0.co2e, 0) }
    }

    /// A category of a year with its base-year and latest CO2e (``paired(_:year:base:keep:)``).
    typealias Pair = (cell: CategoryAssessment.Cell, base: Double, latest: Double)

    /// The key-category entries of paired categories (base CO2e only for a trend), with their combined uncertainty
    /// when every category states both of its uncertainties (`complete`, the condition for Approach 2).
    static func keyEntries(_ pairs: [Pair], base: Int?) -> (entries: [KeyCategories.Entry], complete: Bool) {
        let complete = pairs.allSatisfy { $0.cell.linesWithoutActivity == 0 && $0.cell.linesWithoutFactor == 0 }
        let entries = pairs.map { p in
            KeyCategories.Entry(category: p.cell.category.description, gas: p.cell.gas.rawValue,
                                base: base == nil ? nil : p.base, latest: p.latest,
                                uncertainty: complete ? (p.cell.activity * p.cell.activity
                                                         + p.cell.factor * p.cell.factor).squareRoot() : nil)
        }
        return (entries, complete)
    }

    /// The Approach 1 error-propagation table (Vol.1 Table 3.2) of paired categories.
    static func errorTable(_ pairs: [Pair]) -> ErrorPropagation.Table {
        ErrorPropagation.table(pairs.map { p in
            ErrorPropagation.Entry(category: p.cell.category.description, gas: p.cell.gas.rawValue, base: p.base,
                                   latest: p.latest, activity: p.cell.activity, factor: p.cell.factor)
        })
    }

    /// Fields written straight into a byte stream, comma-separated.
    struct Row<S: OutputSink> {
        var w: ByteWriter<S>
        var first = true
        init(_ sink: S, header: String) {
            w = ByteWriter(sink)
            w.text(header)
        }
        mutating func sep() { if first { first = false } else { w.byte(0x2C) } }
        mutating func text(_ s: String) { sep(); w.field(s) }
        mutating func number(_ x: Double?) { sep(); if let x { w.number(x) } }
        mutating func int(_ x: Int?) { sep(); if let x { w.int(x) } }
        mutating func end() { w.byte(0x0A); w.endRecord(); first = true }
    }

    /// `key_categories.csv`: per region, the level assessment of every base year and of the latest year, and the
    /// trend from each base year to the latest, with and without LULUCF; Approach 2 where every line of the region
    /// and year states its uncertainties.
    static func keyCategories<S: OutputSink>(_ c: Compilation, into sink: inout S) {
        let all = c.categoryCells
        var w = Row(sink, header: "region,year,base_year,approach,assessment,lulucf,rank,category,gas,base_co2e_t,"
                        + "co2e_t,uncertainty_pct,assessment_value,share,cumulative,key\n")
        let (levels, latest, bases) = years(c)
        for region in all.keys.sorted() {
            let years = all[region]!
            for year in levels where years[year] != nil {
                for lulucf in [true, false] {
                    let keep = { (x: CategoryAssessment.Cell) in lulucf || !x.category.isLULUCF }
                    func emit(_ ranked: [KeyCategories.Ranked], base: Int?, approach: Int, assessment: StaticString) {
                        for (i, r) in ranked.enumerated() {
                            w.text(region); w.int(year); w.int(base); w.int(approach)
                            w.sep(); w.w.text(assessment)
                            w.sep(); w.w.text(lulucf ? "included" : "excluded")
                            w.int(i + 1); w.text(r.entry.category); w.text(r.entry.gas); w.number(r.entry.base)
                            w.number(r.entry.latest); w.number(r.entry.uncertainty); w.number(r.assessment)
                            w.number(r.share); w.number(r.cumulative)
                            w.sep(); if r.key { w.w.text("key") }
                            w.end()
                        }
                    }
                    func assess(_ pairs: [Pair], base: Int?) {
                        let (entries, complete) = keyEntries(pairs, base: base)
                        if base == nil {
                            emit(KeyCategories.level(entries), base: nil, approach: 1, assessment: "level")
                            if complete { emit(KeyCategories.level(entries, uncertaintyWeighted: true), base: nil,
                                               approach: 2, assessment: "level") }
                        } else {
                            emit(KeyCategories.trend(entries), base: base, approach: 1, assessment: "trend")
                            if complete { emit(KeyCategories.trend(entries, uncertaintyWeighted: true), base: base,
                                               approach: 2, assessment: "trend") }
                        }
                    }
                    assess(paired(years, year: year, base: nil, keep: keep), base: nil)
                    // A category of the base year without emissions in the latest year counts with 0.
                    if year == latest {
                        for base in bases where years[base] != nil {
                            assess(paired(years, year: year, base: base, keep: keep), base: base)
                        }
                    }
                }
            }
        }
        sink = w.w.finish()
    }

    /// `uncertainty_approach1.csv`: per region, the Approach 1 table (Vol.1 Table 3.2) of every category and gas and
    /// of the total, for the level of every base year and of the latest year, and for the trend from each base year
    /// to the latest. A line whose activity or some factor states no uncertainty counts as exact in the arithmetic
    /// and is counted in the `lines_without_…` columns; where no line of a category states one, its column is
    /// empty, not 0.
    static func approach1<S: OutputSink>(_ c: Compilation, into sink: inout S) {
        let all = c.categoryCells
        var w = Row(sink, header: "region,year,base_year,category,gas,base_co2e_t,co2e_t,activity_pct,factor_pct,"
                        + "combined_pct,variance_share,type_a,type_b,trend_from_factor,trend_from_activity,trend_pct,"
                        + "trend_uncertainty_points,lines,lines_without_activity_uncertainty,"
                        + "lines_without_factor_uncertainty\n")
        let (levels, latest, bases) = years(c)
        for region in all.keys.sorted() {
            let years = all[region]!
            for year in levels where years[year] != nil {
                let cells = years[year]!
                for base in [nil] + (year == latest ? bases.filter { years[$0] != nil } : []).map(Optional.some) {
                    let pairs = paired(years, year: year, base: base)
                    let t = errorTable(pairs)
                    let trend = base != nil
                    for (p, r) in zip(pairs, t.rows) {
                        let x = p.cell
                        w.text(region); w.int(year); w.int(base); w.text(r.entry.category); w.text(r.entry.gas)
                        w.number(trend ? r.entry.base : nil); w.number(r.entry.latest)
                        w.number(x.linesWithoutActivity == x.lines ? nil : r.entry.activity)
                        w.number(x.linesWithoutFactor == x.lines ? nil : r.entry.factor)
                        w.number(r.combined); w.number(r.varianceShare)
                        w.number(trend ? r.typeA : nil); w.number(trend ? r.typeB : nil)
                        w.number(trend ? r.trendFromFactor : nil); w.number(trend ? r.trendFromActivity : nil)
                        w.number(nil); w.number(nil)
                        w.int(x.lines); w.int(x.linesWithoutActivity); w.int(x.linesWithoutFactor)
                        w.end()
                    }
                    w.text(region); w.int(year); w.int(base); w.text("TOTAL"); w.text("GHG")
                    w.number(trend ? t.baseTotal : nil); w.number(t.latestTotal)
                    w.number(nil); w.number(nil); w.number(t.level); w.number(nil); w.number(nil); w.number(nil)
                    w.number(nil); w.number(nil); w.number(trend ? t.trendPercent : nil); w.number(trend ? t.trend : nil)
                    w.int(cells.reduce(0) { $0 + $1.lines }); w.int(cells.reduce(0) { $0 + $1.linesWithoutActivity })
                    w.int(cells.reduce(0) { $0 + $1.linesWithoutFactor })
                    w.end()
                }
            }
        }
        sink = w.w.finish()
    }
}
