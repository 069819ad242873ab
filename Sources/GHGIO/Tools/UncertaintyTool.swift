import GHGCore

/// The probability that a carbon-intensity target is met, from the Monte Carlo draws of its decline.
public struct TargetProbability: Hashable, Sendable {
    /// The target.
    public var target: Target
    /// The latest year with data, where the status is judged.
    public var year: Int
    /// The decline's estimate and interval in that year.
    public var decline: MonteCarlo.Summary
    /// The straight path's value in that year (on track when the decline reaches it).
    public var pathValue: Double?
    /// The share of draws in which the target value is reached (met).
    public var met: Double
    /// The share of draws at or beyond the straight path (met or on track); nil without a path.
    public var onPath: Double?
}

/// What `ghg uncertainty` computed.
public struct UncertaintyReport: Sendable {
    /// The Monte Carlo result.
    public var result: MonteCarlo.Result
    /// The inputs that were drawn and those taken as exact.
    public var inputs: MonteCarlo.Inputs
    /// Carbon-intensity targets with their probabilities.
    public var targets: [TargetProbability]
    /// The GWP set.
    public var gwp: GWPSet
    /// The compilation (for the names of inputs).
    public var compilation: Compilation
}

/// Runs Monte Carlo over a compiled project (`ghg uncertainty`) and writes its tables.
public enum UncertaintyTool {
    /// The Monte Carlo run of a compilation that succeeded: every factor row with `low`/`high` (or a project
    /// default) and every activity row with an uncertainty (its own, or the project's default for its kind) is
    /// drawn `draws` times from random streams of `seed`.
    public static func run(_ c: Compilation, draws: Int, seed: UInt64, threads: Int) -> UncertaintyReport? {
        guard c.succeeded, let calc = c.calculation, let project = c.project else { return nil }
        let defaults = project.config.uncertainty
        let table = calc.table
        let inputs = MonteCarlo.inputs(calc, activityPercent: KeyCategoryWriter.activityPercent(table, defaults: defaults),
                                       factorDefault: defaults.factor)
        var gdp: [String: [Int: Double]] = [:]
        for v in c.indicators where v.key == "gdp_constant" && v.baseYear == nil { gdp[v.region, default: [:]][v.year] = v.value }
        let years = Set(project.config.years)
        let baseYears = Set(project.config.indicators.baseYears + project.targets.compactMap(\.baseYear))
            .filter { years.contains($0) }.sorted()
        let result = MonteCarlo.run(calc, inputs: inputs, regions: project.regions,
                                    gwp: { c.reference.gwp.value(of: $0, in: c.gwp)?.gwp100 },
                                    co2Scope: project.config.indicators.co2Scope, gdp: gdp, baseYears: baseYears,
                                    draws: draws, seed: seed, threads: threads)
        var targets: [TargetProbability] = []
        for t in c.targets where t.target.indicator == "co2_intensity_decline" {
            guard let value = t.target.value, let year = t.latestYear, let base = t.target.baseYear,
                  let d = result.declines.first(where: { $0.region == t.target.region && $0.year == year
                                                         && $0.baseYear == base }) else { continue }
            let test: (Double, Double) -> Bool
            switch t.target.comparison {
            case .atLeast: test = { $0 >= $1 }
            case .atMost: test = { $0 <= $1 }
            case .about, .equal: continue
            }
            targets.append(TargetProbability(target: t.target, year: year, decline: d.summary, pathValue: t.pathValue,
                                             met: d.probability { test($0, value) },
                                             onPath: t.pathValue.map { p in d.probability { test($0, p) } }))
        }
        return UncertaintyReport(result: result, inputs: inputs, targets: targets, gwp: c.gwp, compilation: c)
    }

    /// The text `ghg uncertainty` prints: for the region with the largest net total in the latest year (the city),
    /// its totals and intensity declines with their 95 % intervals, the carbon-intensity targets with the
    /// probability that each is met, and how many inputs were drawn or taken as exact.
    public static func summary(_ r: UncertaintyReport) -> String {
        let f = DecimalFormat.rounded
        let nets = r.result.quantities.filter { $0.0.measure == .ghgNet }
        guard let latest = nets.map(\.0.year).max() else { return "no emission lines" }
        let top = r.compilation.inventory.flatMap { Summary.topRegion(r.compilation, inventory: $0) }
            ?? nets.first!.0.region
        var out = "\(r.result.draws) draws, seed \(r.result.seed); drawn: \(r.inputs.factors.count) factor rows, "
            + "\(r.inputs.activity.count) activity rows; taken as exact (no uncertainty stated): "
            + "\(r.inputs.exactFactors.count) factor rows, \(r.inputs.exactRows.count) activity rows "
            + "(uncertainty_inputs.csv)\n"
        out += "\(top), \(latest), 95 % intervals (2.5th–97.5th percentile):\n"
        for (q, s) in r.result.quantities where q.region == top && q.year == latest {
            out += "  \(q.measure.key) \(f(s.estimate)) \(q.measure.unit) (\(f(s.p025)) to \(f(s.p975)))\n"
        }
        for d in r.result.declines where d.region == top && d.year == latest {
            let s = d.summary
            out += "  co2_intensity_decline vs \(d.baseYear): \(DecimalFormat.string((s.estimate * 100).rounded() / 100)) % "
                + "(\(DecimalFormat.string((s.p025 * 100).rounded() / 100)) to \(DecimalFormat.string((s.p975 * 100).rounded() / 100)))\n"
        }
        for t in r.targets {
            out += "  target \(t.target.region) co2_intensity_decline \(t.target.comparison.rawValue) "
                + "\(t.target.value.map(DecimalFormat.string) ?? "") by \(t.target.targetYear.map(String.init) ?? "?"): "
                + "met with probability \(DecimalFormat.string((t.met * 1000).rounded() / 1000)) in \(t.year)"
                + (t.onPath.map { ", on the straight path with probability \(DecimalFormat.string(($0 * 1000).rounded() / 1000))" } ?? "")
                + "\n"
        }
        return String(out.dropLast())
    }

    /// `uncertainty.csv`: every quantity and decline with its estimate, mean and 95 % interval.
    public static func csv(_ r: UncertaintyReport) -> String {
        var w = CSVWriter(header: ["region", "year", "quantity", "base_year", "unit", "estimate", "mean", "p2_5",
                                   "median", "p97_5", "minus_pct", "plus_pct", "draws", "seed"])
        let f = DecimalFormat.string
        func pct(_ x: Double, _ e: Double) -> String { e == 0 ? "" : f((x - e) / abs(e) * 100) }
        var rows: [(String, Int, Int, String, [String])] = []
        for (q, s) in r.result.quantities {
            rows.append((q.region, q.year, q.measure.rawValue, "",
                         [q.region, String(q.year), q.measure.key, "", q.measure.unit + (q.measure == .co2 ? "" : " (\(r.gwp))"),
                          f(s.estimate), f(s.mean), f(s.p025), f(s.p50), f(s.p975), pct(s.p025, s.estimate),
                          pct(s.p975, s.estimate), String(r.result.draws), String(r.result.seed)]))
        }
        for d in r.result.declines {
            let s = d.summary
            rows.append((d.region, d.year, MonteCarlo.Measure.allCases.count, String(d.baseYear),
                         [d.region, String(d.year), "co2_intensity_decline", String(d.baseYear), "%", f(s.estimate),
                          f(s.mean), f(s.p025), f(s.p50), f(s.p975), "", "", String(r.result.draws),
                          String(r.result.seed)]))
        }
        rows.sort { ($0.0, $0.1, $0.2, $0.3) < ($1.0, $1.1, $1.2, $1.3) }
        for row in rows { w.row(row.4) }
        return w.text
    }

    /// `uncertainty_targets.csv`: each carbon-intensity target with the probability that it is met.
    public static func targetsCSV(_ r: UncertaintyReport) -> String {
        var w = CSVWriter(header: ["region", "indicator", "base_year", "target_year", "comparison", "value", "year",
                                   "estimate", "p2_5", "p97_5", "probability_met", "path_value", "probability_on_path"])
        let f = DecimalFormat.string
        for t in r.targets.sorted(by: { ($0.target.region, $0.target.baseYear ?? 0, $0.target.targetYear ?? 0)
                                        < ($1.target.region, $1.target.baseYear ?? 0, $1.target.targetYear ?? 0) }) {
            w.row([t.target.region, t.target.indicator, t.target.baseYear.map(String.init) ?? "",
                   t.target.targetYear.map(String.init) ?? "", t.target.comparison.rawValue,
                   t.target.value.map(f) ?? "", String(t.year), f(t.decline.estimate), f(t.decline.p025),
                   f(t.decline.p975), f(t.met), t.pathValue.map(f) ?? "", t.onPath.map(f) ?? ""])
        }
        return w.text
    }

    /// `uncertainty_inputs.csv`: every factor row and activity row the lines use, with its distribution, or
    /// `exact` where it states no uncertainty (nothing is silently taken as certain).
    public static func inputsCSV(_ r: UncertaintyReport) -> String {
        var w = CSVWriter(header: ["kind", "id", "parameter_or_activity", "item", "value", "unit", "distribution",
                                   "origin", "file", "line"])
        guard let calc = r.compilation.calculation else { return w.text }
        let f = DecimalFormat.string
        func describe(_ s: Sampler) -> String {
            switch s.distribution {
            case let .normal(m, sd): "normal(mean \(f(m)), sd \(f(sd)))"
            case let .lognormal(mu, sigma): "lognormal(mu \(f(mu)), sigma \(f(sigma)))"
            case let .uniform(l, h): "uniform(\(f(l)), \(f(h)))"
            case let .triangular(l, c, h): "triangular(\(f(l)), \(f(c)), \(f(h)))"
            case let .fixed(v): "fixed(\(f(v)))"
            }
        }
        var factors: [(FactorRowID, String, String)] = r.inputs.factors.map { ($0.id, describe($0.sampler), $0.origin) }
        factors += r.inputs.exactFactors.map { ($0, "exact", "no low/high and no project default") }
        for (id, dist, origin) in factors.sorted(by: { $0.0 < $1.0 }) {
            let row = calc.factors.row(id)
            w.row(["factor", String(id), row.parameter.rawValue, row.item, f(row.value), row.unit.symbol, dist, origin,
                   row.location.file, String(row.location.line)])
        }
        let t = calc.table
        var activity: [(Int, String, String)] = r.inputs.activity.map {
            ($0.row, describe($0.sampler), t.uncertaintyOf($0.row) != nil ? "uncertainty column" : "project default")
        }
        activity += r.inputs.exactRows.map { ($0, "exact", "no uncertainty column value and no project default") }
        for (row, dist, origin) in activity.sorted(by: { $0.0 < $1.0 }) {
            let loc = t.location(row)
            w.row(["activity", String(row), t.activityOf(row).rawValue, t.itemOf(row), f(t.value[row]),
                   t.unitOf(row)?.symbol ?? "", dist, origin, loc.file, String(loc.line)])
        }
        return w.text
    }
}
