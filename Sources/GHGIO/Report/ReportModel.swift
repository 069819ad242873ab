import GHGCharts
import GHGCore

/// The content of `report.html` and `report.md`, computed once from a compilation and rendered by the Mustache
/// templates of `Templates/reports/`. Every field is text (numbers already formatted, their full-precision values
/// beside them), so the templates only place things; charts are SVG from ``GHGCharts``.
///
/// Numbers come from the compilation's own tables (the inventory, the summary table, the indicators, the targets),
/// never recomputed, so that each equals its value in `inventory.csv`, `summary.csv` or `indicators.csv`; each
/// carries a `key` naming that row (`inventory|519900|2024|total|TOTAL|GHG`, `summary|519900|2024|energy|co2_t`,
/// `indicator|519900|2024|co2_intensity_decline|2005`).
struct ReportModel {
    /// A number with its display text, full value and the CSV row it comes from.
    struct Number {
        var display: String
        var value: String
        var key: String
    }

    /// One headline figure.
    struct Figure {
        var labelZH: String
        var labelEN: String
        var unit: String
        var number: Number
    }

    /// A cell of the summary table (empty display when no inventory row contributes).
    struct Cell {
        var display: String
        var value: String
        var key: String
        var present: Bool
    }

    /// A row of the summary table.
    struct SummaryRow {
        var id: String
        var level: String
        var nameZH: String
        var nameEN: String
        var isTotal: Bool
        var cells: [Cell]
        /// `&nbsp;`-free indentation for Markdown (two non-breaking spaces per level).
        var indent: String
    }

    /// A column heading of the summary table.
    struct Column {
        var label: String
        var unit: String
    }

    /// An intensity decline against a base year, with its target.
    struct Decline {
        var nameZH: String
        var nameEN: String
        var baseYear: String
        var number: Number
        var target: String
        var status: String
        var statusClass: String
    }

    /// A chart with its caption.
    struct Chart {
        var title: String
        var svg: String
    }

    /// One region's part of the report.
    struct RegionPart {
        var code: String
        var nameZH: String
        var nameEN: String
        var anchor: String
        var isCity: Bool
        var year: String
        var figures: [Figure]
        var declines: [Decline]
        var hasDeclines: Bool
        var sectorChart: String
        var mixChart: String
        var summary: [SummaryRow]
        /// Said when the region has no inventory rows in the report's year.
        var emptyNote: String
        var isEmpty: Bool
    }

    /// A target with its status.
    struct TargetRow {
        var region: String
        var indicator: String
        var baseYear: String
        var targetYear: String
        var comparison: String
        var target: String
        var unit: String
        var status: String
        var statusClass: String
        var actual: Number?
        var hasActual: Bool
        var latestYear: String
        var explanation: String
        var source: String
    }

    /// A key category.
    struct KeyRow {
        var rank: String
        var category: String
        var name: String
        var gas: String
        var co2e: Number
        var share: Number
        var cumulative: String
    }

    /// The findings of one check.
    struct CheckCount {
        var check: String
        var errors: String
        var warnings: String
        var infos: String
    }

    /// One finding.
    struct Finding {
        var check: String
        var year: String
        var subject: String
        var location: String
        var detail: String
    }

    /// The Approach 1 uncertainty of the total in one year.
    struct UncertaintyRow {
        var year: String
        var total: String
        var percent: String
        var key: String
        var value: String
        var low: String
        var high: String
    }

    /// A factor set of the stack.
    struct SetRow {
        var id: String
        var edition: String
        var version: String
        var sha256: String
    }

    var title: String
    var projectName: String
    var gwp: String
    var tool: String
    var years: String
    var latestYear: String
    var regions: [RegionPart]
    var hasCounties: Bool
    var countiesChart: String
    var columns: [Column]
    var markdownRule: String
    var indicatorCharts: [Chart]
    var hasIndicatorCharts: Bool
    var keyCategoriesChart: String
    var keyCategories: [KeyRow]
    var hasKeyCategories: Bool
    var uncertaintyChart: String
    var hasUncertainty: Bool
    var uncertaintyNote: String
    var uncertaintyRows: [UncertaintyRow]
    var targets: [TargetRow]
    var hasTargets: Bool
    var checkCounts: [CheckCount]
    var findings: [Finding]
    var hasChecks: Bool
    var moreFindings: String
    var factorSets: [SetRow]
    /// `report.css`, inlined by the HTML template.
    var style = ""
}

extension ReportModel {
    /// The level-1 rows of scope `total` that make up the inventory (the sectors of the charts).
    static func sectorRows(_ layout: SummaryLayout) -> [Int] {
        layout.rows.indices.filter { layout.rows[$0].level == 1 && layout.rows[$0].scope == .total }
    }

    /// The report of a compilation that succeeded: its top region (the city) and the regions directly below it
    /// with rows (its counties), in region-code order.
    static func build(_ c: Compilation, layout: SummaryLayout, text: (String) -> String) -> ReportModel? {
        guard let project = c.project, let inv = c.inventory, let top = Summary.topRegion(c, inventory: inv) else {
            return nil
        }
        let years = Set(inv.cells.map { Int($0.year) }).sorted()
        guard let latest = years.last else { return nil }
        let regions = project.regions
        let sectors = sectorRows(layout)
        let children = regions.children(of: top).filter { code in inv.regionCodes.contains(code) }.sorted()
        let shownRegions = [top] + children, shown = Set(shownRegions)
        // The summary table of the regions shown (a national table has millions of rows), by region, year and row.
        let summary = SummaryTable(inventory: inv, layout: layout, regions: shown)
        var entry: [String: Int] = [:]
        for (i, e) in summary.entries.enumerated() {
            entry["\(summary.regionCodes[Int(e.region)])|\(e.year)|\(e.row)"] = i
        }
        let indicators = c.indicators.filter { shown.contains($0.region) }
        func sectorLabel(_ k: Int) -> String { "\(layout.rows[k].nameZH) \(layout.rows[k].nameEN)" }
        let wan = 1e4  // charts in 万t CO2e (10^4 t)
        let chartUnit = "万t CO2e (10⁴ t CO2e)"

        // Columns shown: CO2, CH4, N2O in tonnes; HFCs, PFCs, SF6 and the total in CO2e; NF3 and other gases when
        // some shown region has them.
        func present(_ g: SummaryTable.GasGroup) -> Bool {
            shownRegions.contains { r in
                layout.rows.indices.contains { k in
                    entry["\(r)|\(latest)|\(k)"].map { summary.co2e($0, g) != nil } ?? false
                }
            }
        }
        typealias Col = (label: String, unit: String, csv: String, get: (Int) -> Double?)
        var cols: [Col] = [
            ("CO2", "t", "co2_t", { summary.mass($0, .co2) }),
            ("CH4", "t", "ch4_t", { summary.mass($0, .ch4) }),
            ("N2O", "t", "n2o_t", { summary.mass($0, .n2o) }),
            ("HFCs", "t CO2e", "hfcs_co2e_t", { summary.co2e($0, .hfcs) }),
            ("PFCs", "t CO2e", "pfcs_co2e_t", { summary.co2e($0, .pfcs) }),
            ("SF6", "t CO2e", "sf6_co2e_t", { summary.co2e($0, .sf6) }),
        ]
        if present(.nf3) { cols.append(("NF3", "t CO2e", "nf3_co2e_t", { summary.co2e($0, .nf3) })) }
        if present(.other) { cols.append(("other gases", "t CO2e", "other_co2e_t", { summary.co2e($0, .other) })) }
        cols.append(("合计 Total", "t CO2e", "total_co2e_t", { summary.total($0) }))

        func number(_ x: Double, key: String, percent: Bool = false) -> Number {
            Number(display: percent ? ReportFormat.percent(x) : ReportFormat.tonnes(x), value: DecimalFormat.string(x),
                   key: key)
        }
        func inventoryValue(_ region: String, _ scope: EmissionScope, _ node: InventoryNode = .total) -> Double? {
            inv.row(InventoryKey(region: region, year: latest, node: node, gas: .all, scope: scope))?.co2eTonnes
        }
        func indicator(_ region: String, _ key: String, year: Int, base: Int?) -> IndicatorValue? {
            indicators.first { $0.region == region && $0.key == key && $0.year == year && $0.baseYear == base }
        }
        func info(_ key: String) -> (zh: String, en: String) {
            let i = c.reference.indicators[key]
            return (i?.nameZH ?? key, i?.nameEN ?? key)
        }
        func statusClass(_ s: TargetStatus) -> String {
            switch s {
            case .met: "met"
            case .onTrack: "on-track"
            case .offTrack: "off-track"
            case .pending: "pending"
            case .noData: "no-data"
            }
        }

        func part(_ region: String) -> RegionPart {
            var figures: [Figure] = []
            func figure(_ zh: String, _ en: String, _ unit: String, _ v: Double?, _ key: String) {
                if let v { figures.append(Figure(labelZH: zh, labelEN: en, unit: unit, number: number(v, key: key))) }
            }
            for (k, zh, en) in [("ghg_gross", "排放总量（不含LULUCF）", "Gross emissions (without LULUCF)"),
                                ("ghg_net", "净排放量（含LULUCF）", "Net emissions (with LULUCF)")] {
                if let v = indicator(region, k, year: latest, base: nil) {
                    figure(zh, en, v.unit, v.value, "indicator|\(region)|\(latest)|\(k)|")
                }
            }
            for (scope, zh, en) in [(EmissionScope.indirect, "电力调入调出间接排放", "Indirect (net imported electricity and heat)"),
                                    (.totalWithIndirect, "含电力调入调出的排放总量", "Total including indirect"),
                                    (.memoBiomass, "生物质燃烧CO2（备忘项）", "Biomass CO2 (memo)")] {
                figure(zh, en, "t CO2e", inventoryValue(region, scope),
                       "inventory|\(region)|\(latest)|\(scope.rawValue)|TOTAL|GHG")
            }
            var declines: [Decline] = []
            for key in ["co2_intensity_decline", "energy_intensity_decline"] {
                for base in project.config.baseYears.sorted() {
                    guard let v = indicator(region, key, year: latest, base: base) else { continue }
                    let t = c.targets.first {
                        $0.target.region == region && $0.target.indicator == key && $0.baseYear == base
                    }
                    let name = info(key)
                    declines.append(Decline(
                        nameZH: name.zh, nameEN: name.en, baseYear: String(base),
                        number: number(v.value, key: "indicator|\(region)|\(latest)|\(key)|\(base)", percent: true),
                        target: t.map { r in
                            "\(r.target.comparison.rawValue) "
                                + (r.targetValue.map { ReportFormat.percent($0) + " %" } ?? "省下达 (set by the province)")
                                + " by \(r.target.targetYear.map(String.init) ?? "?")"
                        } ?? "",
                        status: t?.status.rawValue ?? "", statusClass: t.map { statusClass($0.status) } ?? ""))
                }
            }
            // Sectors over all years, and the mix of the latest year.
            let series = sectors.map { k in
                Series(name: sectorLabel(k), values: years.map { y in
                    entry["\(region)|\(y)|\(k)"].flatMap { summary.total($0) }.map { $0 / wan }
                })
            }
            let markers = project.config.baseYears.sorted().filter { years.contains($0) }
                .map { Marker(category: String($0), label: "基准年 base year \($0)") }
            let sectorChart = GHGCharts.Chart.stackedColumns(
                title: text("\(region) 分部门排放 Emissions by sector, \(years.first!)–\(years.last!)"),
                categories: years.map(String.init), series: series, unit: chartUnit, markers: markers)
            let mixed = sectors.compactMap { k -> (String, Double)? in
                guard let v = entry["\(region)|\(latest)|\(k)"].flatMap({ summary.total($0) }) else { return nil }
                return (sectorLabel(k), v)
            }
            let gross = mixed.filter { $0.1 > 0 }.reduce(0) { $0 + $1.1 }
            let mixChart = GHGCharts.Chart.horizontalBars(
                title: text("\(region) \(latest) 部门构成 Sector mix"),
                labels: mixed.map { gross > 0 ? "\($0.0) (\(ReportFormat.percent($0.1 / gross * 100)) %)" : $0.0 },
                values: mixed.map { $0.1 / wan }, unit: chartUnit)
            // The summary table of the latest year.
            var rows: [SummaryRow] = []
            for (k, row) in layout.rows.enumerated() {
                guard let i = entry["\(region)|\(latest)|\(k)"] else { continue }
                let cells = cols.map { col -> Cell in
                    let key = "summary|\(region)|\(latest)|\(row.id)|\(col.csv)"
                    guard let v = col.get(i) else { return Cell(display: "", value: "", key: key, present: false) }
                    return Cell(display: ReportFormat.tonnes(v), value: DecimalFormat.string(v), key: key, present: true)
                }
                rows.append(SummaryRow(id: row.id, level: String(row.level), nameZH: text(row.nameZH),
                                       nameEN: text(row.nameEN), isTotal: row.level == 0, cells: cells,
                                       indent: String(repeating: "\u{00A0}\u{00A0}", count: max(0, row.level - 1))))
            }
            let r = regions[region]
            return RegionPart(code: region, nameZH: text(r?.nameZH ?? ""), nameEN: text(r?.nameEN ?? ""),
                              anchor: "region-\(region)", isCity: region == top, year: String(latest),
                              figures: figures, declines: declines, hasDeclines: !declines.isEmpty,
                              sectorChart: sectorChart, mixChart: mixChart, summary: rows,
                              emptyNote: "\(region): 该年无清单行 no inventory rows in \(latest)", isEmpty: rows.isEmpty)
        }

        // Counties side by side (latest year, by sector).
        let countiesChart = children.isEmpty ? "" : GHGCharts.Chart.stackedBars(
            title: text("\(latest) 各区县分部门排放 Counties by sector"),
            labels: children.map { code in
                let r = regions[code]
                return "\(code) \(r?.nameZH ?? "")"
            },
            series: sectors.map { k in
                Series(name: sectorLabel(k), values: children.map { code in
                    entry["\(code)|\(latest)|\(k)"].flatMap { summary.total($0) }.map { $0 / wan }
                })
            }, unit: chartUnit)

        // Each indicator target of the top region against its straight path.
        var indicatorCharts: [Chart] = []
        // The numbers are those the target was judged on (TargetResult: its series, its base year, its path start
        // and its value in the indicator's unit), so the chart agrees with targets.csv.
        for t in c.targets where t.target.region == top {
            guard let goal = t.targetValue, let goalYear = t.target.targetYear, !t.series.isEmpty else { continue }
            let from = t.pathStart?.year ?? t.series[0].year
            let actual = Line(name: text("实际 actual"), points: t.series.filter { $0.year >= from }
                .map { Point(x: Double($0.year), y: $0.value) })
            var lines = [actual]
            if let start = t.pathStart {
                lines.append(Line(name: text("目标路径 target path"),
                                  points: [Point(x: Double(start.year), y: start.value),
                                           Point(x: Double(goalYear), y: goal)], style: .dashed))
            }
            let name = info(t.target.indicator)
            let base = t.baseYear.map { " vs \($0)" } ?? ""
            let title = text("\(name.zh) \(name.en)\(base): \(t.target.comparison.rawValue) \(ReportFormat.number(goal)) "
                + "\(t.target.unit) by \(goalYear) (\(t.status.rawValue))")
            // The chart's own title is short (long English names would be cut); the caption has the rest.
            indicatorCharts.append(Chart(title: title, svg: GHGCharts.Chart.lineChart(
                title: text("\(name.zh)\(base) (\(t.target.indicator))"), lines: lines, unit: text(t.target.unit))))
        }

        // Key categories of the latest year (Approach 1 level, LULUCF included).
        var keyRows: [KeyRow] = []
        var keyChart = ""
        if let cellsByYear = c.categoryCells[top], cellsByYear[latest] != nil {
            // As key_categories.csv ranks them (approach 1, level, LULUCF included).
            let pairs = KeyCategoryWriter.paired(cellsByYear, year: latest, base: nil)
            let ranked = KeyCategories.level(KeyCategoryWriter.keyEntries(pairs, base: nil).entries).filter(\.key)
            for (i, r) in ranked.enumerated() {
                let name = CategoryCode(r.entry.category).flatMap { c.reference.categories[$0] }
                let key = "key|\(top)|\(latest)|\(r.entry.category)|\(r.entry.gas)"
                keyRows.append(KeyRow(rank: String(i + 1), category: r.entry.category,
                                      name: text("\(name?.nameZH ?? "") \(name?.nameEN ?? "")"), gas: r.entry.gas,
                                      co2e: number(r.entry.latest, key: key + "|co2e_t"),
                                      share: Number(display: ReportFormat.percent(r.share * 100),
                                                    value: DecimalFormat.string(r.share), key: key + "|share"),
                                      cumulative: ReportFormat.percent(r.cumulative * 100)))
            }
            let shown = ranked.prefix(15)
            if !shown.isEmpty {
                keyChart = GHGCharts.Chart.horizontalBars(
                    title: text("\(top) \(latest) 关键类别 Key categories (level, Approach 1)"),
                    labels: shown.map { "\($0.entry.category) \($0.entry.gas)" },
                    values: shown.map { $0.entry.latest / wan }, unit: chartUnit)
            }
        }

        // The Approach 1 uncertainty of the total where it was estimated (base years and the latest year).
        var band: [BandPoint] = [], central: [Point] = [], uncertaintyRows: [UncertaintyRow] = []
        if let cellsByYear = c.categoryCells[top] {
            for y in cellsByYear.keys.sorted() {
                // As uncertainty_approach1.csv's TOTAL row of the year (level, no base year).
                let t = KeyCategoryWriter.errorTable(KeyCategoryWriter.paired(cellsByYear, year: y, base: nil))
                guard let level = t.level, level.isFinite else { continue }
                central.append(Point(x: Double(y), y: t.latestTotal / wan))
                uncertaintyRows.append(UncertaintyRow(
                    year: String(y), total: ReportFormat.tonnes(t.latestTotal), percent: ReportFormat.percent(level),
                    key: "uncertainty|\(top)|\(y)", value: DecimalFormat.string(level),
                    low: ReportFormat.tonnes(t.latestTotal * (1 - level / 100)),
                    high: ReportFormat.tonnes(t.latestTotal * (1 + level / 100))))
                band.append(BandPoint(x: Double(y), low: t.latestTotal * (1 - level / 100) / wan,
                                      high: t.latestTotal * (1 + level / 100) / wan))
            }
        }
        let uncertaintyChart = central.isEmpty ? "" : GHGCharts.Chart.lineChart(
            title: text("\(top) 总排放及其95%不确定性区间 Total with its 95 % uncertainty (Approach 1)"),
            lines: [Line(name: text("总排放 total"), points: central, band: band)], unit: chartUnit)

        var targets: [TargetRow] = []
        for r in c.targets {
            let t = r.target
            let percent = t.unit == "%"
            let baseText = t.baseYear.map(String.init) ?? "", yearText = t.targetYear.map(String.init) ?? ""
            let shown: String = t.value.map { percent ? ReportFormat.percent($0) : ReportFormat.number($0) } ?? "省下达"
            var actual: Number? = nil
            if let a = r.actual {
                actual = number(a, key: "target|\(t.region)|\(t.indicator)|\(baseText)|\(yearText)", percent: percent)
            }
            targets.append(TargetRow(
                region: text(t.region), indicator: text(t.indicator), baseYear: baseText, targetYear: yearText,
                comparison: text(t.comparison.rawValue), target: shown, unit: text(t.unit),
                status: r.status.rawValue, statusClass: statusClass(r.status), actual: actual,
                hasActual: actual != nil, latestYear: r.latestYear.map(String.init) ?? "",
                explanation: text(r.explanation), source: text(t.source)))
        }
        var counts: [String: [String: Int]] = [:]
        for f in c.checks { counts[f.check, default: [:]][f.severity, default: 0] += 1 }
        let checkCounts = counts.keys.sorted().map { k in
            CheckCount(check: k, errors: String(counts[k]!["error"] ?? 0), warnings: String(counts[k]!["warning"] ?? 0),
                       infos: String(counts[k]!["info"] ?? 0))
        }
        let shownFindings = c.checks.filter { $0.region == top && $0.severity != "info" }
        let findings = shownFindings.prefix(30).map { f in
            Finding(check: f.check, year: String(f.year), subject: text(f.subject), location: text(f.location?.description ?? ""), detail: text(f.detail))
        }
        let more = shownFindings.count > findings.count
            ? "\(shownFindings.count - findings.count) more findings for \(top) in checks.csv" : ""
        let sets = c.stack.map { s in
            SetRow(id: text(s.info.id), edition: text(s.info.edition), version: text(s.info.version),
                   sha256: s.info.contentHash)
        }
        let name = regions[top]
        return ReportModel(
            title: text("\(name?.nameZH ?? top) 温室气体清单报告 — \(name?.nameEN ?? top) greenhouse-gas inventory report"),
            projectName: text(project.config.name), gwp: c.gwp.rawValue, tool: "ghg-inventory \(GHGVersion.current)",
            years: "\(years.first!)–\(years.last!)", latestYear: String(latest),
            regions: [part(top)] + children.map(part), hasCounties: !children.isEmpty, countiesChart: countiesChart,
            columns: cols.map { Column(label: $0.label, unit: $0.unit) },
            markdownRule: "|---|" + String(repeating: "---:|", count: cols.count),
            indicatorCharts: indicatorCharts, hasIndicatorCharts: !indicatorCharts.isEmpty,
            keyCategoriesChart: keyChart, keyCategories: keyRows, hasKeyCategories: !keyRows.isEmpty,
            uncertaintyChart: uncertaintyChart, hasUncertainty: !central.isEmpty,
            uncertaintyNote: "IPCC 2006 Vol.1 Ch.3 Approach 1 (error propagation), uncertainty_approach1.csv",
            uncertaintyRows: uncertaintyRows,
            targets: targets, hasTargets: !targets.isEmpty, checkCounts: checkCounts, findings: Array(findings),
            hasChecks: !c.checks.isEmpty, moreFindings: more, factorSets: sets)
    }
}
