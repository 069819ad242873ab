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
    /// Which templates are used in which inventory years, with a first row of each: one entry per template and
    /// year, so its size does not grow with the rows.
    struct Usage {
        /// The inventory years that have lines, sorted.
        var years: [Int]
        /// Per template × year (`t * years.count + y`): the first row of a line using it, or -1.
        var firstRow: [Int32]
        /// Per template: its first row in any year, or -1.
        var anyRow: [Int32]

        /// Whether template `t` is used in year index `y`.
        func row(_ t: Int, _ y: Int) -> Int32 { firstRow[t * years.count + y] }
    }

    /// The usage of every template.
    ///
    /// - Complexity: O(lines).
    static func usage(_ calc: CalculationResult) -> Usage {
        let lines = calc.lines
        let nT = calc.plan.lineTemplates.count
        let years = Set(lines.blockYear.map(Int.init)).sorted()
        let yearIndex = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
        var first = [Int32](repeating: -1, count: nT * max(years.count, 1))
        var any = [Int32](repeating: -1, count: nT)
        for b in 0..<lines.blockRegion.count {
            let y = yearIndex[Int(lines.blockYear[b])]!
            for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) {
                let t = Int(lines.template[i])
                if first[t * years.count + y] < 0 { first[t * years.count + y] = lines.row[i] }
                if any[t] < 0 { any[t] = lines.row[i] }
            }
        }
        return Usage(years: years, firstRow: first, anyRow: any)
    }

    /// Where the lines of some templates (in some years) are: regions, years, line count and the first row, for the
    /// findings only.
    struct Spread {
        var regions: Set<String> = []
        var years: Set<Int> = []
        var lines = 0
        var first: InputLocation?
    }

    /// The spread of every key that `key(template, year)` gives for a line (nil: not wanted).
    ///
    /// - Complexity: O(lines).
    static func spread<K: Hashable>(_ calc: CalculationResult, _ key: (Int, Int) -> K?) -> [K: Spread] {
        let lines = calc.lines, table = calc.table
        var out: [K: Spread] = [:]
        for b in 0..<lines.blockRegion.count {
            let year = Int(lines.blockYear[b])
            let region = table.symbols.regions[Int(lines.blockRegion[b])]
            for i in Int(lines.blockStart[b])..<Int(lines.blockStart[b + 1]) {
                guard let k = key(Int(lines.template[i]), year) else { continue }
                let at = table.location(Int(lines.row[i]))
                out[k, default: Spread()].regions.insert(region)
                out[k]!.years.insert(year)
                out[k]!.lines += 1
                if out[k]!.first.map({ at < $0 }) ?? true { out[k]!.first = at }
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

    /// "12 lines in 3 regions (first at activity/energy.csv:4)".
    static func spreadText(lines: Int, regions: Int, first: InputLocation) -> String {
        (lines == 1 ? "1 line" : "\(lines) lines") + " in " + (regions == 1 ? "1 region" : "\(regions) regions")
            + " (first at \(first))"
    }

    /// `implied_factor` findings, in template order.
    ///
    /// - Complexity: O(lines) plus one range lookup per checked template.
    static func impliedFactors(_ calc: CalculationResult, usage: Usage, regions: RegionTree) -> [CheckResult] {
        let plan = calc.plan, table = calc.table, lines = calc.lines, factors = calc.factors
        let s = table.symbols
        // The range of each template whose method declares an implied factor, from its first row.
        struct Range { var row: ResolvedFactor; var basis: ImpliedFactor.Basis; var item: String }
        var range = [Range?](repeating: nil, count: plan.lineTemplates.count)
        for (t, template) in plan.lineTemplates.enumerated() where usage.anyRow[t] >= 0 {
            guard template.scope == .total || template.scope == .memoBiomass,
                  let declared = MethodRegistry.methods[template.method]?.impliedFactor(template) else { continue }
            let r = Int(usage.anyRow[t])
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
        // The templates outside their range, then where their lines are.
        var outside: [Int] = []
        for t in 0..<plan.lineTemplates.count {
            guard let rg = range[t], measured[t], basis[t] > 0 else { continue }
            let f = rg.row.row
            let implied = mass[t] / basis[t]
            let low = f.unit.toBase(f.low!), high = f.unit.toBase(f.high!)
            if implied < low * (1 - 1e-12) || implied > high * (1 + 1e-12) { outside.append(t) }
        }
        guard !outside.isEmpty else { return [] }
        let wanted = Set(outside)
        let spread = spread(calc) { t, _ in wanted.contains(t) ? t : nil }
        return outside.map { t in
            let rg = range[t]!, template = plan.lineTemplates[t], f = rg.row.row
            let implied = mass[t] / basis[t]
            let low = f.unit.toBase(f.low!)
            let bound = implied < low ? f.low! : f.high!
            let shown = implied / f.unit.toBase(1)
            let sp = spread[t]!
            let years = sp.years.sorted()
            let formula = MethodRegistry.formulas[Int(template.formula)]
            let made = zip(formula.expression.slotLabels, template.factors).map { label, id in
                "\(label) at \(factors.row(id).location) (\(factors.set(of: id).id))"
            }
            return CheckResult(check: "implied_factor", code: .impliedFactor,
                region: commonRegion(sp.regions, regions), year: years.last!,
                subject: "\(template.category) \(rg.item) \(template.gas)", location: sp.first,
                value: shown, reference: bound, differencePct: (shown - bound) / bound * 100, status: "outside",
                severity: "warning",
                detail: "implied \(template.gas) factor \(DecimalFormat.readable(shown)) \(f.unit.symbol) ("
                    + "\(formula.name): " + made.joined(separator: ", ") + ") is outside "
                    + "\(DecimalFormat.string(f.low!))–\(DecimalFormat.string(f.high!)) \(f.unit.symbol) of "
                    + "'\(f.parameter)' at \(f.location) (\(rg.row.set.id)); "
                    + spreadText(lines: sp.lines, regions: sp.regions.count, first: sp.first!)
                    + (years.count > 1 ? ", years \(years.first!)–\(years.last!)" : "")
                    + "; expected a factor within the range, or a reason (a measured fuel quality) in the factor "
                    + "row's note")
        }
    }

    /// `factor_year` findings, by factor row and inventory year.
    ///
    /// - Complexity: O(templates × years × dated slots), plus O(lines) when there are findings.
    static func factorYears(_ calc: CalculationResult, usage: Usage, regions: RegionTree) -> [CheckResult] {
        let plan = calc.plan, factors = calc.factors
        struct Key: Hashable { var factor: FactorRowID; var year: Int }
        // The factor rows of each template that restrict years (most rows do not), and the years they are far from.
        var gapOf: [Key: Int] = [:]
        var far: [Int: [FactorRowID]] = [:]  // template × year index → the factor rows too far from it
        for (t, template) in plan.lineTemplates.enumerated() {
            let dated = template.factors.map { ($0, factors.row($0)) }.filter { $0.1.hasYears }
            guard !dated.isEmpty else { continue }
            for (y, year) in usage.years.enumerated() where usage.row(t, y) >= 0 {
                for (id, row) in dated {
                    let gap = PlanningSupport.yearGap(row, year) ?? 0
                    guard gap > 3 else { continue }
                    gapOf[Key(factor: id, year: year)] = gap
                    far[t * usage.years.count + y, default: []].append(id)
                }
            }
        }
        guard !far.isEmpty else { return [] }
        let yearIndex = Dictionary(uniqueKeysWithValues: usage.years.enumerated().map { ($1, $0) })
        // Where the lines of the far template-years are, then by factor row and year.
        let spread = spread(calc) { t, year -> Int? in
            let k = t * usage.years.count + yearIndex[year]!
            return far[k] == nil ? nil : k
        }
        var found: [Key: Spread] = [:]
        for (k, sp) in spread {
            let year = usage.years[k % usage.years.count]
            for id in far[k]! {
                let key = Key(factor: id, year: year)
                found[key, default: Spread()].regions.formUnion(sp.regions)
                found[key]!.lines += sp.lines
                if found[key]!.first.map({ sp.first! < $0 }) ?? true { found[key]!.first = sp.first }
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
                    + spreadText(lines: acc.lines, regions: acc.regions.count, first: acc.first!)
                    + "; expected a factor within 3 years: put a sourced \(key.year) row in the project's factors/ "
                    + "folder")
        }
    }
}
