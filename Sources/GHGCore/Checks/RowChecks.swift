/// Checks across the activity rows of one region and year that are counted but deserve a reviewer's eye (IPCC 2006
/// Vol.1 Ch.6 QC; methodology.md §5.4 item 8). The cases that would certainly count something twice are errors
/// in ``BoundaryChecks`` (rows not computed); these are findings, the rows are computed:
///
/// - `overlapping_rows`: two rows of one activity, item, technology and facility whose categories overlap (1.A.2 and
///   1.A.2.a): the parent row is counted on top of the child unless it holds only the remainder.
/// - `measured_vs_calculated`: a measured total (`direct_emission`) and a calculated value for the same category and
///   facility that a note declares a subset of one another, both counted: the two masses side by side.
/// - `biomass_as_fossil`: a fossil fuel row whose note names a biomass fuel (秸秆, 沼气, 生物质, …): the biomass CO2
///   would count in the total instead of the memo.
/// - `coarse_category`: fuel burnt in 1.A.4.c without a sub-category (i stationary, ii off-road machinery, iii
///   fishing): a warning for liquid fuels, whose mobile CH4 and N2O factors differ, information for others.
enum RowChecks {
    /// Words in a note that name a biomass fuel.
    static let biomassWords = ["biomass", "生物质", "秸秆", "straw", "薪柴", "木柴", "firewood", "沼气", "biogas",
                               "木炭", "charcoal", "蔗渣", "bagasse", "生物柴油", "biodiesel", "乙醇", "ethanol",
                               "木屑", "sawdust", "wood"]

    /// The findings, bucket by bucket (region × year), in row order within each check.
    ///
    /// - Complexity: O(rows), plus O(k²) for the k rows of a bucket that share an activity and item with a
    ///   category prefix present, and O(lines of the buckets with a measured pair).
    static func check(_ calc: CalculationResult, items: [String: Item]) -> [CheckResult] {
        let table = calc.table, buckets = calc.buckets, rejected = calc.plan.rejected
        let s = table.symbols
        let direct = s.activities.firstIndex(of: .directEmission).map(Int32.init) ?? -1
        let combustion = s.activities.firstIndex(of: .fuelCombustion).map(Int32.init) ?? -1
        let nonEnergy = s.activities.firstIndex(of: .fuelNonEnergyUse).map(Int32.init) ?? -1
        let livestock = s.activities.firstIndex(of: .livestockPopulation).map(Int32.init) ?? -1
        let coarse = CategoryCode("1.A.4.c")!
        // For every category symbol, the symbols of its proper prefixes among the table's categories.
        var symbolOf: [CategoryCode: Int32] = [:]
        for (k, c) in s.categories.enumerated() { symbolOf[c] = Int32(k) }
        let ancestors: [[Int32]] = s.categories.map { c in
            c.lineage.dropLast().compactMap { symbolOf[$0] }
        }
        let itemBiomass: [Bool?] = s.items.map { items[$0]?.isBiomass }
        let itemOil: [Bool] = s.items.map { items[$0]?.group == "oil" }
        // Per text symbol, the biomass word a note names (notes are interned, so each is searched once).
        let noteWord: [String?] = s.texts.map { text in
            let lower = text.lowercased()
            return biomassWords.first { lower.contains($0) }
        }
        let isCoarse: [Bool] = s.categories.map { $0 == coarse }
        // The facility column is optional (empty when no file has it).
        func facility(_ r: Int) -> Int32 { table.facility.isEmpty ? -1 : table.facility[r] }
        var present = [Int32](repeating: -1, count: s.categories.count)
        let hasAncestors = ancestors.contains { !$0.isEmpty }
        var overlaps: [CheckResult] = [], pairs: [(measured: Int, calculated: Int)] = []
        var biomass: [CheckResult] = [], coarseRows: [CheckResult] = []
        for b in 0..<buckets.count {
            let lo = Int(buckets.start[b]), hi = Int(buckets.start[b + 1])
            var rows: [Int] = []
            rows.reserveCapacity(hi - lo)
            for i in lo..<hi {
                let r = Int(buckets.rows[i])
                if !rejected[r], table.notation[r] == 0 { rows.append(r) }
            }
            for r in rows where hasAncestors { present[Int(table.category[r])] = Int32(b) }
            // Overlapping categories (livestock is an error in BoundaryChecks).
            let children = !hasAncestors ? [] : rows.filter { r in
                table.activity[r] != livestock && ancestors[Int(table.category[r])].contains { present[Int($0)] == Int32(b) }
            }
            for child in children {
                let parents = ancestors[Int(table.category[child])]
                for p in rows where parents.contains(table.category[p]) && table.activity[p] == table.activity[child]
                    && table.item[p] == table.item[child] && table.technology[p] == table.technology[child]
                    && facility(p) == facility(child) {
                    let pc = s.categories[Int(table.category[p])], cc = s.categories[Int(table.category[child])]
                    overlaps.append(CheckResult(check: "overlapping_rows", code: .overlappingRows,
                        region: table.regionOf(child), year: Int(table.year[child]),
                        subject: "\(s.activities[Int(table.activity[child])]) \(table.itemOf(child)) \(pc) ⊃ \(cc)",
                        location: table.location(child, .category), value: table.baseValue(p),
                        reference: table.baseValue(child), differencePct: nil, status: "review", severity: "warning",
                        detail: "'\(table.itemOf(child))' under \(cc) at \(table.location(child)) and under \(pc) at "
                            + "\(table.location(p)), both counted: \(pc) includes \(cc); expected the \(pc) row to hold "
                            + "only what is not in \(cc) (say so in its note), or the rows under sibling categories"))
                }
            }
            // Measured and calculated for one category, kept by a subset note.
            let measured = rows.filter { table.activity[$0] == direct }
            for m in measured {
                for r in rows where r != m && table.activity[r] != direct && table.category[r] == table.category[m]
                    && facility(r) == facility(m) {
                    pairs.append((m, r))
                }
            }
            for r in rows where table.activity[r] == combustion || table.activity[r] == nonEnergy {
                let item = Int(table.item[r])
                // Fossil fuels whose note names a biomass fuel.
                if itemBiomass[item] == false {
                    if let word = noteWord[Int(table.note[r])] {
                        biomass.append(CheckResult(check: "biomass_as_fossil", code: .biomassAsFossil,
                            region: table.regionOf(r), year: Int(table.year[r]), subject: table.itemOf(r),
                            location: table.location(r, .item), value: table.baseValue(r), reference: 0,
                            differencePct: nil, status: "review", severity: "warning",
                            detail: "'\(table.itemOf(r))' is a fossil fuel but the row's note mentions '\(word)': "
                                + "biomass burnt as fuel is a memo item (its CO2 outside the totals); expected the "
                                + "biomass in its own row with a biomass item of items.csv (wood, straw, biogas, "
                                + "biodiesel, …), and only the fossil part here"))
                    }
                }
                // Fuel in 1.A.4.c without a sub-category.
                if table.activity[r] == combustion, isCoarse[Int(table.category[r])] {
                    let oil = itemOil[item]
                    coarseRows.append(CheckResult(check: "coarse_category", code: .coarseCategory,
                        region: table.regionOf(r), year: Int(table.year[r]), subject: "1.A.4.c \(table.itemOf(r))",
                        location: table.location(r, .category), value: table.baseValue(r), reference: 0,
                        differencePct: nil, status: "review", severity: oil ? "warning" : "info",
                        detail: "'\(table.itemOf(r))' burnt in 1.A.4.c (agriculture, forestry, fishing) without a "
                            + "sub-category" + (oil ? ": it gets the stationary CH4 and N2O factors of IPCC 2006 "
                                + "Table 2.5, while machinery and vessels have mobile ones" : "")
                            + "; expected 1.A.4.c.i (stationary), 1.A.4.c.ii (off-road vehicles and machinery, "
                            + "农业机械) or 1.A.4.c.iii (fishing vessels)"))
                }
            }
        }
        return overlaps + measuredPairs(pairs, calc) + biomass + coarseRows
    }

    /// The measured and calculated masses of each kept pair, of the measured row's gas.
    static func measuredPairs(_ pairs: [(measured: Int, calculated: Int)], _ calc: CalculationResult) -> [CheckResult] {
        guard !pairs.isEmpty else { return [] }
        let table = calc.table, lines = calc.lines, plan = calc.plan
        let s = table.symbols
        var wanted = Set<Int>()
        for p in pairs { wanted.insert(p.measured); wanted.insert(p.calculated) }
        // Mass per row and gas, from the lines of the rows involved (total and indirect scopes).
        struct Key: Hashable { var row: Int; var gas: Gas }
        var mass: [Key: Double] = [:]
        for i in 0..<lines.count where wanted.contains(Int(lines.row[i])) {
            let t = plan.lineTemplates[Int(lines.template[i])]
            guard t.scope == .total || t.scope == .indirect else { continue }
            mass[Key(row: Int(lines.row[i]), gas: t.gas), default: 0] += lines.mass[i]
        }
        return pairs.compactMap { m, r in
            guard let gas = Gas(parsing: table.itemOf(m)) else { return nil }
            let measured = mass[Key(row: m, gas: gas)] ?? table.baseValue(m)
            let calculated = mass[Key(row: r, gas: gas)] ?? 0
            let category = s.categories[Int(table.category[m])]
            return CheckResult(check: "measured_vs_calculated", code: .measuredAndCalculated,
                region: table.regionOf(m), year: Int(table.year[m]), subject: "\(category) \(gas)",
                location: table.location(m), value: measured, reference: calculated,
                differencePct: calculated == 0 ? nil : (measured - calculated) / calculated * 100,
                status: "review", severity: "warning",
                detail: "a measured total (direct_emission, \(DecimalFormat.readable(measured)) t \(gas)) at "
                    + "\(table.location(m)) and a calculated value (\(s.activities[Int(table.activity[r])]), "
                    + "\(DecimalFormat.readable(calculated)) t \(gas)) at \(table.location(r)) for \(category) are both "
                    + "counted, as a note says one is a subset of the other; expected the calculated row to exclude "
                    + "what the measured total covers (else it is counted twice)")
        }
    }
}
