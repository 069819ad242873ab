/// CH4 from solid waste disposal sites, 4.A (IPCC 2006 Vol.5 Ch.3; methods.md §4, `solid_waste_disposal`).
///
/// A row is a deposit: the wet mass W of a waste type (the item) put on a site of one type (the technology, which
/// keys MCF: `managed_anaerobic`, `managed_semi_aerobic`, `unmanaged_deep`, `unmanaged_shallow`, `uncategorised`;
/// a second part, `managed_anaerobic+managed_covered`, keys the oxidation factor) in the row's year, which may be any
/// year up to the last inventory year: deposits before the first inventory year are the history.
///
/// **First-order decay** (the default). The decomposable carbon of a deposit made in year t is
/// DDOCm = W × DOC × DOCf × MCF (Eq. 3.2); it starts to decay on 1 January of year t + 1, so what remains at the end
/// of year T − 1 is DDOCm × e^(−k (T − t − 1)) (Eq. 3.4 unrolled), and what decays in year T is that × (1 − e^(−k))
/// (Eq. 3.5). Each deposit therefore gives, in every inventory year T > t, one line:
///
///     CH4 = W × DOC × DOCf × MCF × e^(−1 × k × (T − t − 1)) × (1 − e^(−1 × k)) × F × 16/12 × (1 − OX)
///
/// which is Eq. 3.6 and Eq. 3.1 for that deposit. The sum of the lines of a year is the accumulated-pool recursion of
/// Eq. 3.4–3.5 (the two agree to rounding): the closed form needs no order at all, so a history given in any file
/// order, with equal or unequal gaps between its years, gives the chronological answer. Recovered CH4 is the
/// separate `methane_recovery` row, subtracted as −R × (1 − OX).
///
/// **Mass balance** (`"landfill_method": "mass_balance"`, the Revised 1996 default method): a deposit of an
/// inventory year counts all its potential CH4 in that year, `CH4 = W × L0 × (1 − OX)` with
/// `L0 = DOC × DOCf × MCF × F × 16/12`; deposits of other years enter no inventory year and are reported.
///
/// Bulk MSW (`msw`) without a DOC of its own takes the composite DOC of Eq. 3.7, `Σ WF_i × DOC_i`, from one
/// composition (`waste_composition`, the first set in the stack that has any), shown term by term in the line. Its
/// decay rate is the bulk-waste k of Table 3.3.
public struct SolidWasteDisposal: GroupMethod {
    /// Creates the method.
    public init() {}

    /// The most components a composite DOC may have.
    public static let maxComponents = 16

    /// Categories 4.A; a mass; a waste type; a series.
    public let spec = MethodSpec(.solidWasteDisposal, categories: ["4.A"], dimensions: [.mass], itemKinds: [.waste],
                                 parameters: [.doc, .docf, .mcf, .methaneFraction, .decayRate, .oxidation],
                                 series: true, crossItemParameters: [.wasteComposition, .doc])

    /// The DOC term: a factor, or the composite of `components` (slots `base`, `base + 1`, … as WF, DOC pairs).
    static func doc(components: Int, base: Int) -> Expr {
        guard components > 0 else { return .factor(slot: 0, label: "DOC") }
        return .named("DOC", unit: "tC/t", .sum((0..<components).map { i in
            .product([.factor(slot: base + 2 * i, label: "WF"), .factor(slot: base + 2 * i + 1, label: "DOC")])
        }), display: .expanded)
    }

    /// First-order decay and mass balance, with a DOC of the item's own (0 components) or composite (1 … 16).
    /// Slots: DOC (own only), DOCf, MCF, k (FOD only), F, OX, then the WF/DOC pairs.
    public let formulas: [Formula] = {
        var out: [Formula] = []
        for components in [0] + Array(1...SolidWasteDisposal.maxComponents) {
            let s = components == 0 ? 1 : 0  // slot of DOCf
            let suffix = components == 0 ? "" : "_composite_\(components)"
            let ddocm = Expr.named("DDOCm", unit: "tC", .product([
                .inputs(role: 0, symbol: "W"), doc(components: components, base: s + 5),
                .factor(slot: s, label: "DOCf"), .factor(slot: s + 1, label: "MCF")]), display: .expanded)
            let k = Expr.factor(slot: s + 2, label: "k")
            out.append(Formula("landfill_fod" + suffix, lhs: "CH4", .product([
                ddocm,
                .exp(.product([.number(-1, "−1"), k, .inputs(role: 1, symbol: "(T − t − 1)")])),
                .oneMinus(.exp(.product([.number(-1, "−1"), k]))),
                .factor(slot: s + 3, label: "F"), .ratio(16, 12), .oneMinus(.factor(slot: s + 4, label: "OX"))])))
            // Mass balance: the same slots with k unused is not allowed (every slot is read), so its slots shift.
            let l0 = Expr.named("L0", unit: "t/t", .product([
                doc(components: components, base: s + 4), .factor(slot: s, label: "DOCf"),
                .factor(slot: s + 1, label: "MCF"), .factor(slot: s + 2, label: "F"), .ratio(16, 12)]),
                display: .expanded)
            out.append(Formula("landfill_mass_balance" + suffix, lhs: "CH4", .product([
                .inputs(role: 0, symbol: "W"), l0, .oneMinus(.factor(slot: s + 3, label: "OX"))])))
        }
        return out
    }()

    static let fraction = UnitRequirement(.dimensionless, example: "a fraction, e.g. 0.5 (unit 1)")
    static let carbon = UnitRequirement(.dimensionless, species: .carbon, example: "carbon per wet waste, e.g. 0.15 tC/t")
    static let rate = UnitRequirement(.dimensionless / .time, example: "a decay rate, e.g. 0.185 1/yr")

    /// One series per waste type, site (category and technology) and facility.
    public func groupKey(_ row: Int, _ table: ActivityTable) -> String {
        "\(table.itemOf(row))|\(table.categoryOf(row))|\(table.technologyOf(row) ?? "")|\(table.facilityOf(row) ?? "")"
    }

    /// The DOC of a deposit: its own factor, or the WF/DOC pairs of bulk MSW's composition (nil when reported).
    func docFactors(_ r: Int, warn: Bool, components: [String], _ p: inout GroupPlanner)
        -> (own: ResolvedFactor?, pairs: [ResolvedFactor])? {
        let item = p.table.itemOf(r)
        if item != "msw" || p.factor(.doc, row: r, requirement: Self.carbon, quiet: true) != nil {
            guard let d = p.factor(.doc, row: r, requirement: Self.carbon) else { return nil }
            return (d, [])
        }
        var found: [(String, ResolvedFactor)] = []
        for component in components {
            if let wf = p.factor(.wasteComposition, row: r, item: component, requirement: Self.fraction, quiet: true) {
                found.append((component, wf))
            }
        }
        let first = found.map(\.1.stackIndex).min()
        let shares = found.filter { $0.1.stackIndex == first }
        guard !shares.isEmpty else {
            p.error(row: r, .missingFactor, .item,
                "bulk msw needs its own 'doc' or its composition ('waste_composition' by component, e.g. IPCC 2006 "
                    + "Vol.5 Table 2.3 for a region mapped to eastern_asia in the project's factors/region-membership.csv) "
                    + "to take the composite DOC of Eq. 3.7; the stack has neither for this row")
            return nil
        }
        var pairs: [ResolvedFactor] = [], without: [String] = []
        for (component, wf) in shares {
            // A component without DOC (plastics, glass, metal: Table 2.4 gives none) carries no degradable carbon.
            guard let d = p.factor(.doc, row: r, item: component, requirement: Self.carbon, quiet: true) else {
                without.append(component)
                continue
            }
            pairs += [wf, d]
        }
        guard !pairs.isEmpty, pairs.count / 2 <= Self.maxComponents else {
            p.error(row: r, .missingFactor, .item,
                "the msw composition of set \(shares[0].1.set.id) has " + (pairs.isEmpty
                    ? "no component with a 'doc'" : "\(pairs.count / 2) components with a 'doc' (at most \(Self.maxComponents))")
                    + "; expected the degradable components (food, garden, paper, wood, textiles, nappies, …) with their DOC")
            return nil
        }
        if warn, !without.isEmpty {
            p.warning(row: r, .missingFactor, .item,
                "the composite DOC of msw (Eq. 3.7) of this series counts no degradable carbon for "
                    + without.map { "'\($0)'" }.joined(separator: ", ") + " (the stack has no 'doc' for them; IPCC "
                    + "2006 Vol.5 Table 2.4 gives none for inert and fossil components); expected a 'doc' row in the "
                    + "project's factors/ folder for a component that does degrade")
        }
        return (nil, pairs)
    }

    /// The factors of one deposit, in the order of the formula's slots (nil when one is missing, which is reported).
    func factors(_ r: Int, decay: Bool, warn: Bool, components: [String], _ p: inout GroupPlanner)
        -> (formula: Int, factors: [ResolvedFactor])? {
        let item = p.table.itemOf(r)
        let doc = docFactors(r, warn: warn, components: components, &p)
        let docf = p.factor(.docf, row: r, requirement: Self.fraction)
        let mcf = p.factor(.mcf, row: r, requirement: Self.fraction, quiet: true)
        if mcf == nil {
            let techs = p.support.context.factors.technologies(of: .mcf, item: item)
            p.error(row: r, .missingFactor, .technology,
                "no 'mcf' for the site type '\(p.table.technologyOf(r) ?? "")' of this deposit; expected the site type "
                    + "in 'technology'" + (techs.isEmpty ? "" : " (the stack has " + techs.map { "'\($0)'" }
                        .joined(separator: ", ") + ")") + " or an 'mcf' row in the project's factors/ folder")
        }
        let k = decay ? p.factor(.decayRate, row: r, requirement: Self.rate) : nil
        let f = p.factor(.methaneFraction, row: r, requirement: Self.fraction)
        let ox = p.factor(.oxidation, row: r, requirement: Self.fraction)
        guard let doc, let docf, let mcf, let f, let ox, !decay || k != nil else { return nil }
        let components = doc.pairs.count / 2
        let formula = 2 * components + (decay ? 0 : 1)
        var list: [ResolvedFactor] = doc.own.map { [$0] } ?? []
        list += [docf, mcf] + (decay ? [k!] : []) + [f, ox] + doc.pairs
        return (formula, list)
    }

    /// The lines of one series.
    public func planGroup(_ rows: [Int], _ p: inout GroupPlanner) {
        let t = p.table
        let deposits = rows.sorted { (t.year[$0], $0) < (t.year[$1], $1) }
        let decay = p.support.context.landfillMethod == .firstOrderDecay
        let years = p.inventoryYears
        let item = t.itemOf(deposits[0])
        // The items a composition can name (in items.csv order), found once per series.
        let components = item == "msw"
            ? p.support.context.factors.items(p.support.context.items.all.map(\.id), having: .wasteComposition) : []
        // Warnings about the series' composition are given once, at its first deposit that is used.
        let firstUsed = deposits.first { decay || years.contains(Int(t.year[$0])) }
        for r in deposits {
            if decay {
                // A deposit of the last inventory year (or later, rejected in validation) decays after it.
                guard let (formula, factors) = factors(r, decay: true, warn: r == deposits[0], components: components, &p) else { continue }
                let y0 = Int(t.year[r])
                for y in years where y > y0 {
                    p.line(formulas[formula], gas: .ch4, scope: .total, factors: factors,
                           inputs: [GroupLine.Input(row: Int32(r), role: 0, weight: 1, label: "W"),
                                    GroupLine.Input(constant: Double(y), unit: "yr", role: 1, weight: 1, label: "T"),
                                    GroupLine.Input(constant: Double(y0), unit: "yr", role: 1, weight: -1, label: "t"),
                                    GroupLine.Input(constant: 1, unit: "yr", role: 1, weight: -1, label: "")],
                           year: y, primaryRow: r)
                }
            } else {
                guard years.contains(Int(t.year[r])) else {
                    p.warning(row: r, .unusedInput, .year,
                        "the deposit of '\(item)' in \(t.year[r]) enters no inventory year: with \"landfill_method\": "
                            + "\"mass_balance\" a deposit counts only in its own year; expected deposits of the inventory "
                            + "years (" + years.map(String.init).joined(separator: ", ") + "), or first-order decay")
                    continue
                }
                guard let (formula, factors) = factors(r, decay: false, warn: r == firstUsed, components: components, &p) else { continue }
                p.line(formulas[formula], gas: .ch4, scope: .total, factors: factors,
                       inputs: [GroupLine.Input(row: Int32(r), role: 0, weight: 1, label: "W")], primaryRow: r)
            }
        }
        // Years missing between the first and the last deposit: taken as no deposit, and said so.
        guard decay, let first = deposits.first.map({ Int(t.year[$0]) }), let last = deposits.last.map({ Int(t.year[$0]) })
        else { return }
        let present = Set(deposits.map { Int(t.year[$0]) })
        let missing = (first...last).filter { !present.contains($0) }
        if !missing.isEmpty {
            let shown = missing.prefix(10).map(String.init).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
            p.warning(row: deposits[0], .seriesGap, .year,
                "the disposal history of '\(item)' (\(first)–\(last)) has no deposit in \(missing.count) "
                    + (missing.count == 1 ? "year" : "years") + " (\(shown)), taken as none; expected one row per year "
                    + "of the history (0 for a year with no deposit)")
        }
    }
}
