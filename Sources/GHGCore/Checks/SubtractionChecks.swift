/// Checks of the rows that subtract from what a category generates, after evaluation: CH4 recovered
/// (`methane_recovery`) and organics removed as sludge (`sludge_removal`).
///
/// IPCC 2006 Vol.5 Eq. 3.1, 4.1 and 6.1 subtract R and S from what is generated; a recovery larger than the CH4
/// generated (or sludge larger than the load) is a data error, not a negative emission and not something to clamp:
/// each such row gets an error naming both numbers, for its region and year.
enum SubtractionChecks {
    /// The rows with an error, reported to `log`.
    ///
    /// - Complexity: O(lines), plus O(b²) within a region-year block that has recovery or sludge lines.
    static func check(_ lines: LineTable, plan: Plan, table: ActivityTable, values: [Double],
                      log: inout DiagnosticLog) -> [Int] {
        let templates = plan.lineTemplates
        let subtracting = templates.map { $0.method == .methaneRecovery || $0.method == .sludgeRemoval }
        guard subtracting.contains(true) else { return [] }
        let formulas = MethodRegistry.formulas
        // The slot of a formula's oxidation factor, if it has one: generation before oxidation is what R is
        // compared with.
        let oxSlot: [Int?] = formulas.map { $0.expression.slotLabels.firstIndex(of: "OX") }
        var rejected: [Int] = []
        let s = table.symbols
        for b in 0..<(lines.blockStart.count - 1) {
            let lo = Int(lines.blockStart[b]), hi = Int(lines.blockStart[b + 1])
            guard (lo..<hi).contains(where: { subtracting[Int(lines.template[$0])] }) else { continue }
            let region = s.regions[Int(lines.blockRegion[b])], year = lines.blockYear[b]
            // Recovery, by the category of its rows.
            var recovered: [CategoryCode: (r: Double, rows: [Int])] = [:]
            for i in lo..<hi where templates[Int(lines.template[i])].method == .methaneRecovery {
                let row = Int(lines.row[i])
                recovered[templates[Int(lines.template[i])].category, default: (0, [])].r += table.baseValue(row)
                recovered[templates[Int(lines.template[i])].category, default: (0, [])].rows.append(row)
            }
            for (category, rec) in recovered.sorted(by: { $0.key < $1.key }) {
                var generated = 0.0, count = 0
                for i in lo..<hi {
                    let t = templates[Int(lines.template[i])]
                    guard t.gas == .ch4, t.method != .methaneRecovery, category.isPrefix(of: t.category) else { continue }
                    var m = lines.mass[i]
                    if let k = oxSlot[Int(t.formula)] {
                        let ox = values[Int(t.factors[k])]
                        if ox < 1 { m /= 1 - ox }
                    }
                    generated += m
                    count += 1
                }
                guard rec.r > generated * (1 + 1e-12) else { continue }
                for row in rec.rows {
                    rejected.append(row)
                    log.report(.error(.exceedsGeneration, at: table.location(row, .value),
                        "CH4 recovered in \(category) of region \(region) in \(year), "
                            + "\(DecimalFormat.readable(rec.r)) t" + (rec.rows.count > 1 ? " (\(rec.rows.count) rows)" : "")
                            + ", is more than the CH4 generated there, \(DecimalFormat.readable(generated)) t ("
                            + (count == 1 ? "1 line" : "\(count) lines") + "); expected recovery ≤ generation: check "
                            + "the recovered amount, its unit and its category, and the disposal history or load"))
                }
            }
            // Sludge, by category, item and pathway.
            struct Key: Hashable, Comparable {
                var category: CategoryCode, item: String, technology: String
                static func < (a: Key, b: Key) -> Bool {
                    (a.category, a.item, a.technology) < (b.category, b.item, b.technology)
                }
            }
            var sludge: [Key: (s: Double, ch4: Double, rows: [Int])] = [:]
            for i in lo..<hi where templates[Int(lines.template[i])].method == .sludgeRemoval {
                let row = Int(lines.row[i])
                let key = Key(category: templates[Int(lines.template[i])].category, item: table.itemOf(row),
                              technology: table.technologyOf(row) ?? "")
                sludge[key, default: (0, 0, [])].s += table.baseValue(row)
                sludge[key, default: (0, 0, [])].ch4 -= lines.mass[i]
                sludge[key, default: (0, 0, [])].rows.append(row)
            }
            for (key, sl) in sludge.sorted(by: { $0.key < $1.key }) {
                var generated = 0.0
                for i in lo..<hi {
                    let t = templates[Int(lines.template[i])]
                    guard t.gas == .ch4, t.method == .domesticWastewater || t.method == .industrialWastewater,
                          t.category == key.category, !formulas[Int(t.formula)].name.contains("effluent") else { continue }
                    let row = Int(lines.row[i])
                    guard table.technologyOf(row) ?? "" == key.technology else { continue }
                    let item = table.itemOf(row)
                    // An industry's load is COD.
                    let basis = Wastewater.basis(item) ?? .cod
                    guard basis == Wastewater.basis(key.item) else { continue }
                    generated += lines.mass[i]
                }
                guard sl.ch4 > generated * (1 + 1e-12) else { continue }
                // The same Bo and MCF turn S and TOW into CH4, so TOW = S × generated / sludge CH4.
                let tow = sl.ch4 > 0 ? sl.s * generated / sl.ch4 : 0
                let unit = key.item.uppercased()
                for row in sl.rows {
                    rejected.append(row)
                    log.report(.error(.exceedsGeneration, at: table.location(row, .value),
                        "sludge removed from the pathway '\(key.technology)' of \(key.category) in region \(region) in "
                            + "\(year), S = \(DecimalFormat.readable(sl.s)) t \(unit), is more than the organics "
                            + "entering it, TOW = \(DecimalFormat.readable(tow)) t \(unit); expected S ≤ TOW for the "
                            + "same category, item and pathway"))
                }
            }
        }
        return rejected
    }
}
