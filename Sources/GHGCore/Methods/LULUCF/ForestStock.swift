/// Forest land remaining forest land by the stock-difference method (IPCC 2006 Vol.4 Ch.2 Eq. 2.8; methods.md §3,
/// `forest_stock`).
///
/// A row is a survey: the growing-stock volume V of a forest type (the item) in the survey year, which may be any year
/// up to the last inventory year. The stock of a survey is `C = V × BCEF × (1 + R) × CF` (or `V × SVD × BEF × (1 + R)
/// × CF` where the stack gives wood density and BEF instead of BCEF), each factor looked up for that survey's row (its
/// technology is its growing-stock class, `gs_41_100`, which may change between surveys). Between consecutive
/// surveys t1 < t2, every inventory year y with t1 < y ≤ t2 gets one line:
///
///     CO2 = −1 × (C_t2 − C_t1) ÷ (t2 − t1) × 44/12        (negative: a removal)
///
/// The line counts in year y and is located at the t2 survey. Surveys are taken in year order whatever the file
/// order; two surveys of one forest type in one year, an inventory year that no pair of surveys brackets, and a
/// survey that no inventory year uses are reported.
public struct ForestStock: GroupMethod {
    /// Creates the method.
    public init() {}

    /// Category 3.B.1.a; a volume; a forest type; a series.
    public let spec = MethodSpec(.forestStock, categories: ["3.B.1.a"], dimensions: [.volume], itemKinds: [.forestType],
                                 parameters: [.bcef, .woodDensity, .bef, .rootShootRatio, .carbonFraction],
                                 series: true)

    /// The stock difference with BCEF, and with wood density and BEF.
    public let formulas: [Formula] = [false, true].map { density in
        func stock(_ name: String, role: Int, base: Int) -> Expr {
            let conversion: [Expr] = density
                ? [.factor(slot: base, label: "SVD"), .factor(slot: base + 1, label: "BEF")]
                : [.factor(slot: base, label: "BCEF")]
            let k = conversion.count
            return .named(name, unit: "tC",
                          .product([.inputs(role: role, symbol: "V")] + conversion
                                   + [BiomassCarbon.belowGround(base + k), .factor(slot: base + k + 1, label: "CF")]),
                          display: .expanded)
        }
        let width = density ? 4 : 3
        return Formula(density ? "forest_stock_difference_density" : "forest_stock_difference", lhs: "CO2",
                       .product([.number(-1, "-1"),
                                 .difference(stock("C_t2", role: 0, base: 0), stock("C_t1", role: 1, base: width)),
                                 .over(.inputs(role: 2, symbol: "Δt")), .ratio(44, 12)]))
    }

    /// One series per forest type and category (the growing-stock class, in `technology`, may change).
    public func groupKey(_ row: Int, _ table: ActivityTable) -> String {
        "\(table.itemOf(row))|\(table.categoryOf(row))"
    }

    /// The factors of one survey by one route, nil (reported) when one is missing.
    func factors(_ row: Int, density: Bool, _ p: inout GroupPlanner) -> [ResolvedFactor]? {
        let conversion: [ResolvedFactor?] = density
            ? [p.factor(.woodDensity, row: row, requirement: BiomassCarbon.perVolume),
               p.factor(.bef, row: row, requirement: BiomassCarbon.ratio)]
            : [p.factor(.bcef, row: row, requirement: BiomassCarbon.perVolume)]
        let r = p.factor(.rootShootRatio, row: row, requirement: BiomassCarbon.ratio)
        let cf = p.factor(.carbonFraction, row: row, requirement: BiomassCarbon.carbonFraction)
        let all = conversion + [r, cf]
        return all.contains { $0 == nil } ? nil : all.map { $0! }
    }

    /// The lines of one forest type's surveys.
    public func planGroup(_ rows: [Int], _ p: inout GroupPlanner) {
        let t = p.table
        let surveys = rows.sorted { (t.year[$0], $0) < (t.year[$1], $1) }
        let item = t.itemOf(surveys[0]), category = t.categoryOf(surveys[0])
        var ok = true
        for (a, b) in zip(surveys, surveys.dropFirst()) where t.year[a] == t.year[b] {
            p.error(row: b, .duplicateRow, .year,
                "a second survey of '\(item)' in \(t.year[b]) (the first is at \(t.location(a, .value))); expected one "
                    + "growing-stock volume per forest type and survey year")
            ok = false
        }
        guard ok else { return }
        // The route: the first set in the stack with BCEF or wood density for the latest survey decides.
        let last = surveys[surveys.count - 1]
        let bcef = p.factor(.bcef, row: last, requirement: BiomassCarbon.perVolume, quiet: true)
        let density = p.factor(.woodDensity, row: last, requirement: BiomassCarbon.perVolume, quiet: true)
        let useDensity: Bool
        switch (bcef, density) {
        case let (b?, d?): useDensity = d.stackIndex < b.stackIndex
        case (nil, _?): useDensity = true
        case (_?, nil): useDensity = false
        case (nil, nil):
            p.error(row: last, .missingFactor, .item,
                "forest_stock of '\(item)' needs 'bcef' (IPCC 2006 Vol.4 Table 4.5, by climate zone and growing-stock "
                    + "class in 'technology') or 'wood_density' with 'bef' for its survey rows; the stack has neither "
                    + "for this row: " + FactorLookupError.missing(p.support.query(.bcef),
                                                                  stack: p.support.context.factors.stackIDs).message)
            return
        }
        var factorsOf: [Int: [ResolvedFactor]] = [:]
        for r in surveys {
            guard let f = factors(r, density: useDensity, &p) else { ok = false; continue }
            factorsOf[r] = f
        }
        guard ok else { return }
        let formula = formulas[useDensity ? 1 : 0]
        var used = Set<Int>()
        for y in p.inventoryYears {
            guard let k = surveys.indices.dropFirst().first(where: { Int(t.year[surveys[$0 - 1]]) < y && y <= Int(t.year[surveys[$0]]) })
            else {
                p.error(row: surveys[0], .yearOutsideProject, .year,
                    "inventory year \(y) is not bracketed by the surveys of '\(item)' in \(category) ("
                        + surveys.map { String(t.year[$0]) }.joined(separator: ", ")
                        + "); expected a survey before \(y) and one in or after it (t1 < \(y) ≤ t2)")
                continue
            }
            let r1 = surveys[k - 1], r2 = surveys[k]
            used.formUnion([r1, r2])
            let t1 = Double(t.year[r1]), t2 = Double(t.year[r2])
            p.line(formula, gas: .co2, scope: .total, factors: factorsOf[r2]! + factorsOf[r1]!,
                   inputs: [GroupLine.Input(row: Int32(r2), role: 0, weight: 1, label: "V_t2"),
                            GroupLine.Input(row: Int32(r1), role: 1, weight: 1, label: "V_t1"),
                            GroupLine.Input(constant: t2, unit: "yr", role: 2, weight: 1, label: "t2"),
                            GroupLine.Input(constant: t1, unit: "yr", role: 2, weight: -1, label: "t1")],
                   year: y, primaryRow: r2)
        }
        for r in surveys where !used.contains(r) {
            p.warning(row: r, .unusedInput, .year,
                "the survey of '\(item)' in \(t.year[r]) enters no inventory year's stock difference; expected "
                    + "surveys that bracket the inventory years (" + p.inventoryYears.map(String.init).joined(separator: ", ")
                    + ")")
        }
    }
}
