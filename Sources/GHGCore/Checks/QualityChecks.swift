/// Quality checks over computed lines.
public enum QualityChecks {
    /// Reference approach against sectoral approach, per region, year and fuel (IPCC 2006 Vol.2 Ch.6;
    /// methodology.md §2.2): `diff% = (RA − SA) / SA × 100`, with SA the fuel's 1.A combustion CO2 (fossil and
    /// biomass memo alike, as the RA covers the fuel whole).
    ///
    /// Status `ok` within `explainAbove` percent, `explain` up to `largeAbove` (IPCC: differences are "in general
    /// relatively small (5 per cent or less)"), `large` beyond; a `large` difference also yields a warning.
    /// The 2 % explanation trigger is commonly cited but UNVERIFIED (methodology.md §2.2), hence a parameter.
    public static func referenceVsSectoral(_ calc: CalculationResult, regions: RegionTree? = nil,
                                           explainAbove: Double = 2, largeAbove: Double = 5)
        -> (results: [CheckResult], diagnostics: [Diagnostic])
    {
        struct Key: Hashable { var region: String; var year: Int; var item: String }
        var ra: [Key: (Double, InputLocation)] = [:]
        var sa: [Key: CompensatedSum] = [:]
        let energy = CategoryCode("1.A")!
        let plan = calc.plan, lines = calc.lines, table = calc.table
        // Only fuels and regions with a balance are compared.
        let raTemplates = plan.lineTemplates.map { $0.scope == .referenceApproach && $0.gas == .co2 }
        let saTemplates = plan.lineTemplates.map {
            $0.gas == .co2 && $0.method == .fuelCombustion && energy.isPrefix(of: $0.category)
                && ($0.scope == .total || $0.scope == .memoBiomass)
        }
        guard raTemplates.contains(true) else { return ([], []) }
        var balanced = Set<String>()
        for g in plan.groupLines where raTemplates[Int(g.template)] {
            let r = Int(g.primaryRow)
            balanced.insert("\(table.regionOf(r))|\(table.year[r])|\(table.itemOf(r))")
        }
        var targets: [String: [String]] = [:]
        // The check is made where a fuel balance is given (the reference approach's own region), against the
        // sectoral CO2 of that region with its sub-regions: a city's balance meets its counties' combustion.
        for i in 0..<lines.count where raTemplates[Int(lines.template[i])] || saTemplates[Int(lines.template[i])] {
            let t = plan.lineTemplates[Int(lines.template[i])]
            let r = Int(lines.row[i])
            if t.scope == .referenceApproach {
                let k = Key(region: table.regionOf(r), year: Int(table.year[r]), item: table.itemOf(r))
                ra[k] = ((ra[k]?.0 ?? 0) + lines.mass[i], ra[k]?.1 ?? table.location(r))
            } else if t.method == .fuelCombustion, energy.isPrefix(of: t.category),
                      t.scope == .total || t.scope == .memoBiomass {
                let region = table.regionOf(r)
                if targets[region] == nil { targets[region] = regions?.rollUpTargets(of: region) ?? [region] }
                for target in targets[region]! where balanced.contains("\(target)|\(table.year[r])|\(table.itemOf(r))") {
                    sa[Key(region: target, year: Int(table.year[r]), item: table.itemOf(r)), default: CompensatedSum()]
                        .add(lines.mass[i])
                }
            }
        }
        var results: [CheckResult] = []
        var diagnostics: [Diagnostic] = []
        for k in ra.keys.sorted(by: { ($0.region, $0.year, $0.item) < ($1.region, $1.year, $1.item) }) {
            let (r, loc) = ra[k]!
            let s = sa[k]?.value ?? 0
            guard let d = ReferenceApproach.difference(reference: r, sectoral: s) else {
                diagnostics.append(.warning(.referenceVsSectoral, at: loc,
                    "reference approach for '\(k.item)' in \(k.year) has no sectoral fuel_combustion CO2 to compare "
                        + "with; expected fuel_combustion rows for the same fuel"))
                continue
            }
            let status = abs(d) <= explainAbove ? "ok" : abs(d) <= largeAbove ? "explain" : "large"
            if status == "large" {
                diagnostics.append(.warning(.referenceVsSectoral, at: loc,
                    "reference approach CO2 for '\(k.item)' in \(k.year) differs from the sectoral approach by "
                        + "\(DecimalFormat.string(d))% (RA \(DecimalFormat.string(r)) t, SA \(DecimalFormat.string(s)) t); "
                        + "expected within ±\(DecimalFormat.string(largeAbove))% or an explanation"))
            }
            results.append(CheckResult(check: "reference_vs_sectoral", code: .referenceVsSectoral, region: k.region,
                                       year: k.year, subject: k.item, location: loc, value: r, reference: s,
                                       differencePct: d, status: status,
                                       detail: status == "ok" ? "" : "reference approach (the region's fuel balance) "
                                           + "against the sectoral fuel_combustion CO2 of the same fuel; expected within "
                                           + "±\(DecimalFormat.string(explainAbove))%, else an explanation "
                                           + "(stock changes, non-energy use, statistical differences)"))
        }
        return (results, diagnostics)
    }

    /// Residuals between a region whose totals are its own data and the sum of its sub-regions, per category, gas
    /// and year (scope `total`): `own − Σ sub-regions`. Beyond `tolerance` (relative to the own value) the status is
    /// `large` and a warning names the region, category, gas and year.
    public static func rollupResiduals(_ inv: Inventory, regions: RegionTree, tolerance: Double)
        -> (results: [CheckResult], diagnostics: [Diagnostic])
    {
        var results: [CheckResult] = []
        var diagnostics: [Diagnostic] = []
        for region in regions.all where region.totals == .own {
            let children = regions.children(of: region.code)
            if children.isEmpty { continue }
            struct K: Hashable { var year: Int; var node: InventoryNode; var gas: InventoryGas }
            var own: [K: Double] = [:], sum: [K: CompensatedSum] = [:]
            for row in inv.rows where row.key.scope == .total && row.key.extent == .all {
                let k = K(year: row.key.year, node: row.key.node, gas: row.key.gas)
                let v = row.massTonnes ?? row.co2eTonnes ?? 0
                if row.key.region == region.code { own[k] = v }
                if children.contains(row.key.region) { sum[k, default: CompensatedSum()].add(v) }
            }
            let keys = Set(own.keys).union(sum.keys).sorted {
                ($0.year, $0.node, $0.gas) < ($1.year, $1.node, $1.gas)
            }
            for k in keys {
                let o = own[k] ?? 0, c = sum[k]?.value ?? 0
                let pct: Double? = c == 0 ? nil : (o - c) / c * 100
                let large = abs(o - c) > tolerance * max(abs(o), abs(c))
                let subject = "\(k.node) \(k.gas)"
                results.append(CheckResult(check: "rollup_residual", code: .rollupResidual, region: region.code,
                                           year: k.year, subject: subject, location: region.location, value: o,
                                           reference: c, differencePct: pct, status: large ? "large" : "ok",
                                           detail: large ? "the region's own total against the sum of its sub-regions; "
                                               + "expected within \(DecimalFormat.string(tolerance * 100))%" : ""))
                if large, k.gas == .all {
                    diagnostics.append(.warning(.rollupResidual, at: region.location,
                        "region \(region.code) \(k.year) \(k.node): own total \(DecimalFormat.string(o)) t CO2e vs "
                            + "sub-regions \(DecimalFormat.string(c)) t CO2e; residual \(DecimalFormat.string(o - c)) "
                            + "exceeds the tolerance \(DecimalFormat.string(tolerance * 100))%"))
                }
            }
        }
        return (results, diagnostics)
    }
}
