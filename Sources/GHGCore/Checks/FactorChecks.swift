/// Checks of the factors the lines were made with (IPCC 2006 Vol.1 Ch.6 QC; methodology.md §5.4 items 1 and 9):
///
/// - `implied_factor`: the implied emission factor of a line template (its mass ÷ its activity or energy, see
///   ``ImpliedFactor``) outside the range a factor row of the stack states for the parameter: a plausibility row
///   (`ief_co2`, …) or the `low`–`high` of the IPCC default (`ef_co2`, …). A China carbon content and oxidation make
///   a CO2 factor this compares with IPCC 2006 Table 1.4; a project's own factor is compared with the default's range.
/// - `factor_year`: a factor row whose years lie more than three years from the inventory year it is used for (a
///   2005 inventory on a 2012 grid factor).
///
/// Both are found per line template (the factor rows of a template are the same for every row that uses it), and a
/// finding names the smallest region that holds every row using it.
enum FactorChecks {
    /// Where a template is used: one entry per region-year block.
    struct Use {
        var template: Int32
        var region: Int32
        var year: Int32
        var firstRow: Int32
        var lines: Int
    }

    /// The uses of every template, block by block.
    ///
    /// - Complexity: O(lines).
    static func uses(_ calc: CalculationResult) -> [Use] {
        let lines = calc.lines
        var stamp = [Int32](repeating: -1, count: calc.plan.lineTemplates.count)
        var index = [Int](repeating: 0, count: calc.plan.lineTemplates.count)
        var out: [Use] = []
        for b in 0..<lines.blockRegion.count {
            for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) {
                let t = Int(lines.template[i])
                if stamp[t] == Int32(b) { out[index[t]].lines += 1; continue }
                stamp[t] = Int32(b)
                index[t] = out.count
                out.append(Use(template: Int32(t), region: lines.blockRegion[b], year: lines.blockYear[b],
                               firstRow: lines.row[i], lines: 1))
            }
        }
        return out
    }

    /// The smallest region whose chain holds every region of `codes` (the first code when they share none).
    static func commonRegion(_ codes: Set<String>, _ regions: RegionTree) -> String {
        let sorted = codes.sorted()
        guard var common = sorted.first.map({ regions.chain(from: $0) }) else { return "" }
        for c in sorted.dropFirst() {
            let chain = Set(regions.chain(from: c))
            common = common.filter(chain.contains)
        }
        return common.first ?? sorted[0]
    }

    /// "12 rows in 3 regions (first at activity/energy.csv:4)".
    static func usage(lines: Int, regions: Int, first: InputLocation) -> String {
        (lines == 1 ? "1 line" : "\(lines) lines") + " in " + (regions == 1 ? "1 region" : "\(regions) regions")
            + " (first at \(first))"
    }

    /// `implied_factor` findings, in template order.
    ///
    /// - Complexity: O(lines) plus one range lookup per checked template.
    static func impliedFactors(_ calc: CalculationResult, uses: [Use], regions: RegionTree) -> [CheckResult] {
        let plan = calc.plan, table = calc.table, lines = calc.lines, factors = calc.factors
        let s = table.symbols
        // The range of each template whose method declares an implied factor, from its first use.
        struct Range { var row: ResolvedFactor; var basis: ImpliedFactor.Basis; var item: String }
        var range = [Range?](repeating: nil, count: plan.lineTemplates.count)
        var decided = [Bool](repeating: false, count: plan.lineTemplates.count)
        var usesOf = [[Int]](repeating: [], count: plan.lineTemplates.count)
        for (k, u) in uses.enumerated() {
            let t = Int(u.template)
            usesOf[t].append(k)
            if decided[t] { continue }
            decided[t] = true
            let template = plan.lineTemplates[t]
            guard template.scope == .total || template.scope == .memoBiomass,
                  let declared = MethodRegistry.methods[template.method]?.impliedFactor(template) else { continue }
            let r = Int(u.firstRow)
            for parameter in declared.parameters {
                let (q, _) = factors.query(parameter, item: table.itemOf(r), category: s.categories[Int(table.category[r])],
                                           technology: table.technologyOf(r), region: table.regionOf(r),
                                           year: Int(table.year[r]))
                if let found = factors.range(for: q) {
                    range[t] = Range(row: found, basis: declared.basis, item: table.itemOf(r))
                    break
                }
            }
        }
        guard range.contains(where: { $0 != nil }) else { return [] }
        // Mass and basis of every checked template.
        var mass = [Double](repeating: 0, count: plan.lineTemplates.count)
        var basis = [Double](repeating: 0, count: plan.lineTemplates.count)
        var measured = [Bool](repeating: true, count: plan.lineTemplates.count)
        let values = factors.baseValues
        for i in 0..<lines.count {
            let t = Int(lines.template[i])
            guard let rg = range[t] else { continue }
            let row = Int(lines.row[i])
            let b: Double?
            switch rg.basis {
            case .activity: b = table.baseValue(row)
            case .energy: b = Kernel.energy(of: row, plan: plan, table: table, values: values)
            }
            guard let b else { measured[t] = false; continue }
            mass[t] += lines.mass[i]
            basis[t] += b
        }
        var out: [CheckResult] = []
        for t in 0..<plan.lineTemplates.count {
            guard let rg = range[t], measured[t], basis[t] > 0 else { continue }
            let template = plan.lineTemplates[t]
            let f = rg.row.row
            let implied = mass[t] / basis[t]
            let scale = f.unit.toBase(1)
            let low = f.unit.toBase(f.low!), high = f.unit.toBase(f.high!)
            guard implied < low * (1 - 1e-12) || implied > high * (1 + 1e-12) else { continue }
            let bound = implied < low ? f.low! : f.high!
            let shown = implied / scale
            let tu = usesOf[t].map { uses[$0] }
            let regionCodes = Set(tu.map { s.regions[Int($0.region)] })
            let years = Set(tu.map { Int($0.year) }).sorted()
            let first = tu.map { table.location(Int($0.firstRow)) }.min()!
            let formula = MethodRegistry.formulas[Int(template.formula)]
            let made = zip(formula.expression.slotLabels, template.factors).map { label, id in
                "\(label) at \(factors.row(id).location) (\(factors.set(of: id).id))"
            }
            let lineCount = tu.reduce(0) { $0 + $1.lines }
            out.append(CheckResult(check: "implied_factor", code: .impliedFactor,
                region: commonRegion(regionCodes, regions), year: years.last!,
                subject: "\(template.category) \(rg.item) \(template.gas)", location: first,
                value: shown, reference: bound, differencePct: (shown - bound) / bound * 100, status: "outside",
                severity: "warning",
                detail: "implied \(template.gas) factor \(DecimalFormat.readable(shown)) \(f.unit.symbol) ("
                    + "\(formula.name): " + made.joined(separator: ", ") + ") is outside "
                    + "\(DecimalFormat.string(f.low!))–\(DecimalFormat.string(f.high!)) \(f.unit.symbol) of "
                    + "'\(f.parameter)' at \(f.location) (\(rg.row.set.id)); "
                    + usage(lines: lineCount, regions: regionCodes.count, first: first)
                    + (years.count > 1 ? ", years \(years.first!)–\(years.last!)" : "")
                    + "; expected a factor within the range, or a reason (a measured fuel quality) in the factor "
                    + "row's note"))
        }
        return out
    }

    /// `factor_year` findings, by factor row and inventory year.
    ///
    /// - Complexity: O(uses × slots).
    static func factorYears(_ calc: CalculationResult, uses: [Use], regions: RegionTree) -> [CheckResult] {
        let plan = calc.plan, table = calc.table, factors = calc.factors
        struct Key: Hashable { var factor: FactorRowID; var year: Int }
        struct Acc { var regions: Set<String> = []; var lines = 0; var first: InputLocation? }
        var found: [Key: Acc] = [:]
        var gapOf: [Key: Int] = [:]
        for u in uses {
            let year = Int(u.year)
            for id in plan.lineTemplates[Int(u.template)].factors {
                let key = Key(factor: id, year: year)
                let gap: Int
                if let g = gapOf[key] { gap = g } else {
                    gap = PlanningSupport.yearGap(factors.row(id), year) ?? 0
                    gapOf[key] = gap
                }
                guard gap > 3 else { continue }
                let at = table.location(Int(u.firstRow))
                found[key, default: Acc()].regions.insert(table.symbols.regions[Int(u.region)])
                found[key, default: Acc()].lines += u.lines
                if found[key]!.first.map({ at < $0 }) ?? true { found[key]!.first = at }
            }
        }
        return found.keys.sorted { ($0.year, $0.factor) < ($1.year, $1.factor) }.map { key in
            let acc = found[key]!, f = factors.row(key.factor), gap = gapOf[key]!
            let span = f.yearFrom == f.yearTo ? "\(f.yearFrom!)"
                : "\(f.yearFrom.map(String.init) ?? "")–\(f.yearTo.map(String.init) ?? "")"
            let nearest = key.year < (f.yearFrom ?? key.year) ? f.yearFrom! : f.yearTo!
            return CheckResult(check: "factor_year", code: .factorYear, region: commonRegion(acc.regions, regions),
                year: key.year, subject: "\(f.parameter) \(f.item)", location: f.location,
                value: Double(nearest), reference: Double(key.year), differencePct: nil, status: "review",
                severity: "warning",
                detail: "factor '\(f.parameter)' at \(f.location) (\(factors.set(of: key.factor).id)) is for \(span), "
                    + "\(gap) years from the inventory year \(key.year); used by "
                    + usage(lines: acc.lines, regions: acc.regions.count, first: acc.first!)
                    + "; expected a factor within 3 years: put a sourced \(key.year) row in the project's factors/ "
                    + "folder")
        }
    }
}
