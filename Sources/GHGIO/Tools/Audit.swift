import GHGCore

/// A total (inventory row) that moved between two compilations, with the factor changes behind it.
public struct TotalChange: Sendable {
    /// The inventory row's key.
    public var key: InventoryKey
    /// CO2e before and after, t.
    public var before: Double
    /// CO2e after, t.
    public var after: Double
    /// The change in CO2e, attributed to causes (the differing factor rows of the lines under the total); the
    /// attributions add up to the change.
    public var attribution: [(cause: FactorAudit.Cause, co2e: Double)]
    /// `after − before`.
    public var change: Double { after - before }
}

/// An indicator that changed.
public struct IndicatorChange: Hashable, Sendable {
    /// Region, year, key and base year of the indicator.
    public var region: String
    /// Year.
    public var year: Int
    /// Key.
    public var key: String
    /// Base year of a decline.
    public var baseYear: Int?
    /// Value before (nil when it did not exist).
    public var before: Double?
    /// Value after.
    public var after: Double?
    /// Unit.
    public var unit: String
    /// The factor rows the indicator uses itself (the coal-equivalent coefficient of non-fossil electricity) that
    /// differ between the two compilations; the indicator's emissions and energy move with the lines and totals.
    public var factors: [FactorAudit.FactorChange] = []
}

/// What `ghg audit` found.
public struct AuditReport: Sendable {
    /// The stacks compared.
    public var from: [FactorSetInfo]
    /// The second stack.
    public var to: [FactorSetInfo]
    /// The GWP set of every CO2e figure.
    public var gwp: GWPSet
    /// Every emission line that changed.
    public var lines: [FactorAudit.LineChange]
    /// Every total that moved, biggest absolute change first.
    public var totals: [TotalChange]
    /// Every indicator that changed.
    public var indicators: [IndicatorChange]
}

/// Compiles a project under two factor stacks and explains every difference (`ghg audit`).
public enum Auditor {
    /// Runs the audit. The diagnostics of both compilations are returned; an error in either stops the audit.
    public static func audit(projectAt root: String, from: [String]?, to: [String]?, fromConfig: String? = nil,
                             toConfig: String? = nil, options: CompileOptions)
        -> (report: AuditReport?, before: Compilation, after: Compilation)
    {
        var o1 = options, o2 = options
        o1.stack = from
        o2.stack = to
        o1.configFile = fromConfig
        o2.configFile = toConfig
        let a = Compiler.compile(projectAt: root, options: o1)
        let b = Compiler.compile(projectAt: root, options: o2)
        guard a.succeeded, b.succeeded, let ia = a.inventory, let ib = b.inventory, let ca = a.calculation,
              let cb = b.calculation else { return (nil, a, b) }
        let gwpTable = a.reference.gwp
        let set = ia.gwpSet
        let gwp: (Gas) -> Double? = { gwpTable.value(of: $0, in: set)?.gwp100 }
        let lines = FactorAudit.compare(before: ca, after: cb, gwp: gwp)
        var byKey: [FactorAudit.LineKey: FactorAudit.LineChange] = [:]
        for c in lines { byKey[c.key] = c }

        // Totals: every inventory row whose CO2e differs, attributed through the lines under it.
        var rowsA: [InventoryKey: InventoryRow] = [:], rowsB: [InventoryKey: InventoryRow] = [:]
        for r in ia.rows { rowsA[r.key] = r }
        for r in ib.rows { rowsB[r.key] = r }
        var totals: [TotalChange] = []
        for key in Set(rowsA.keys).union(rowsB.keys).sorted() {
            let x = rowsA[key]?.co2eTonnes ?? 0, y = rowsB[key]?.co2eTonnes ?? 0
            if x == y { continue }
            var lineKeys = Set<FactorAudit.LineKey>()
            for i in Explainer.lines(of: key, in: ca, regions: ia.regions) { lineKeys.insert(FactorAudit.LineKey(ca, line: i)) }
            for i in Explainer.lines(of: key, in: cb, regions: ib.regions) { lineKeys.insert(FactorAudit.LineKey(cb, line: i)) }
            var causes: [FactorAudit.Cause: CompensatedSum] = [:]
            for lk in lineKeys.sorted() {
                guard let c = byKey[lk] else { continue }
                causes[c.cause, default: CompensatedSum()].add(c.co2eChange)
            }
            let attribution = causes.map { ($0.key, $0.value.value) }
                .sorted { abs($0.1) != abs($1.1) ? abs($0.1) > abs($1.1) : $0.0 < $1.0 }
            totals.append(TotalChange(key: key, before: x, after: y, attribution: attribution))
        }
        totals.sort { abs($0.change) != abs($1.change) ? abs($0.change) > abs($1.change) : $0.key < $1.key }

        // Indicators, base years included.
        func index(_ v: [IndicatorValue]) -> [String: IndicatorValue] {
            Dictionary(v.map { ("\($0.region)|\($0.year)|\($0.key)|\($0.baseYear ?? 0)", $0) },
                       uniquingKeysWith: { x, _ in x })
        }
        let va = index(a.indicators), vb = index(b.indicators)
        var indicators: [IndicatorChange] = []
        // The indicators' own factor rows (from their plans: IndicatorFactor records), by region, year and indicator.
        func factorRefs(_ c: Compilation, _ calc: CalculationResult) -> [String: [FactorParameter: FactorReference]] {
            var d: [String: [FactorParameter: FactorReference]] = [:]
            for f in c.indicatorFactors {
                let r = FactorReference(calc.factors, id: f.factor, lookupNote: nil)
                d["\(f.region)|\(f.year)|\(f.indicator)", default: [:]][r.parameter] = r
            }
            return d
        }
        let fa = factorRefs(a, ca), fb = factorRefs(b, cb)
        for k in Set(va.keys).union(vb.keys).sorted() where va[k]?.value != vb[k]?.value {
            let v = (va[k] ?? vb[k])!
            var change = IndicatorChange(region: v.region, year: v.year, key: v.key, baseYear: v.baseYear,
                                         before: va[k]?.value, after: vb[k]?.value, unit: v.unit)
            for year in [v.year] + (v.baseYear.map { [$0] } ?? []) {
                let key = "\(v.region)|\(year)|\(v.key)"
                let x = fa[key] ?? [:], y = fb[key] ?? [:]
                for p in Set(x.keys).union(y.keys).sorted()
                where x[p]?.baseValue != y[p]?.baseValue || x[p]?.set != y[p]?.set {
                    let c = FactorAudit.FactorChange(parameter: p, before: x[p], after: y[p])
                    if !change.factors.contains(c) { change.factors.append(c) }
                }
            }
            indicators.append(change)
        }
        return (AuditReport(from: a.stack.map(\.info), to: b.stack.map(\.info), gwp: set, lines: lines,
                            totals: totals, indicators: indicators), a, b)
    }

    /// `audit.csv`: one row per moved total, per attribution of it, per changed line and per changed indicator.
    public static func csv(_ r: AuditReport) -> String {
        var w = CSVWriter(header: ["kind", "region", "extent", "year", "scope", "category", "gas", "indicator",
                                   "base_year", "before", "after", "change", "relative_change", "unit", "cause",
                                   "file", "line"])
        func f(_ x: Double?) -> String { x.map(DecimalFormat.string) ?? "" }
        func rel(_ b: Double?, _ a: Double?) -> String {
            guard let b, let a, b != 0 else { return "" }
            return DecimalFormat.string((a - b) / b)
        }
        for t in r.totals {
            let k = t.key
            let base = [k.region, k.extent.rawValue, String(k.year), k.scope.rawValue, k.node.description,
                        k.gas.description, "", ""]
            w.row(["total"] + base + [f(t.before), f(t.after), f(t.change), rel(t.before, t.after),
                                      "t CO2e (\(r.gwp))", "", "", ""])
            for (cause, v) in t.attribution {
                w.row(["attribution"] + base + ["", "", f(v), "", "t CO2e (\(r.gwp))", cause.description, "", ""])
            }
        }
        for c in r.lines {
            let k = c.key
            w.row(["line", k.region, "", String(k.year), k.scope.rawValue, k.category.description, k.gas.rawValue, "",
                   "", f(c.massBefore), f(c.massAfter), f(c.massChange),
                   rel(c.massBefore, c.massAfter), "t", c.cause.description, k.location.file,
                   String(k.location.line)])
        }
        for i in r.indicators {
            w.row(["indicator", i.region, "", String(i.year), "", "", "", i.key, i.baseYear.map(String.init) ?? "",
                   f(i.before), f(i.after), i.before != nil && i.after != nil ? f(i.after! - i.before!) : "",
                   rel(i.before, i.after), i.unit, i.factors.map(\.description).joined(separator: "; "), "", ""])
        }
        return w.text
    }

    /// `audit.md`: a readable summary, biggest movers first, with the factor rows behind them and the effect on
    /// the indicators (base years and declines included).
    public static func markdown(_ r: AuditReport, top: Int = 15) -> String {
        // The readable summary shows each region's totals once (rows of extent `own` repeat them; the CSV keeps them).
        let totals = r.totals.filter { $0.key.extent == .all }
        func f(_ x: Double) -> String { DecimalFormat.string((x * 1000).rounded() / 1000) }
        func stack(_ s: [FactorSetInfo]) -> String {
            s.map { "`\($0.id)` \($0.version) (\($0.path), sha256 \($0.contentHash.prefix(12))…)" }.joined(separator: ", ")
        }
        var out = "# Factor audit\n\n"
        out += "- From: \(stack(r.from))\n- To: \(stack(r.to))\n- CO2e under \(r.gwp)\n"
        out += "- \(r.lines.count) emission lines changed; \(r.totals.count) totals moved; "
            + "\(r.indicators.count) indicator values changed\n\n"
        if r.totals.isEmpty { return out + "Nothing moved: the two stacks give the same inventory.\n" }
        out += "## Biggest movers\n\n| region | year | scope | category | gas | before | after | change | relative |\n"
            + "|---|---|---|---|---|---|---|---|---|\n"
        for t in totals.prefix(top) {
            let k = t.key
            out += "| \(k.region) | \(k.year) | \(k.scope) | \(k.node) | \(k.gas) | "
                + "\(f(t.before)) | \(f(t.after)) | \(f(t.change)) | "
                + (t.before == 0 ? "new" : f((t.after - t.before) / t.before * 100) + " %") + " |\n"
        }
        out += "\n## Why they moved\n\n"
        for t in totals.prefix(top) {
            let k = t.key
            out += "- **\(k.region) \(k.year) \(k.scope) \(k.node) \(k.gas)**: \(f(t.change)) t CO2e\n"
            for (cause, v) in t.attribution { out += "  - \(f(v)) t CO2e: \(cause.description)\n" }
        }
        let intensity = r.indicators.filter {
            ["co2_intensity", "co2_intensity_decline", "co2_intensity_annual_decline", "co2", "ghg_net",
             "non_fossil_share"].contains($0.key)
        }
        if !intensity.isEmpty {
            out += "\n## Effect on indicators\n\n| region | year | indicator | base year | before | after | "
                + "indicator factor changed |\n|---|---|---|---|---|---|---|\n"
            for i in intensity {
                out += "| \(i.region) | \(i.year) | \(i.key) | \(i.baseYear.map(String.init) ?? "") | "
                    + "\(i.before.map(f) ?? "–") | \(i.after.map(f) ?? "–") | "
                    + "\(i.factors.map(\.description).joined(separator: "; ")) |\n"
            }
        }
        return out
    }
}
