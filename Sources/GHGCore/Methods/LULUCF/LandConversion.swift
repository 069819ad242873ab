/// Biomass carbon lost (or gained) when land is converted from one use to another (IPCC 2006 Vol.4 Ch.2 Eq. 2.15-2.16,
/// Tier 1; methods.md §3, `land_conversion`).
///
///     ΔC = A × (B_before − B_after) × CF;   CO2 = ΔC × 44/12    (a gain is negative)
///
/// The item names the conversion, `<from>_to_<to>` (`forest_to_cropland`), and knows its category (`items.csv`
/// `categories`: 3.B.2.b.i); the row's category may be that code or a prefix of it. A biomass stock given as carbon
/// (`tC/ha`, as IPCC Table 5.9 gives cropland) is used without the carbon fraction, so the equation takes one of four
/// forms; the lineage names which.
public struct LandConversion: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 3.B (land converted to x); an area; a conversion.
    public let spec = MethodSpec(.landConversion, categories: ["3.B"], dimensions: [.area],
                                 itemKinds: [.landConversion],
                                 parameters: [.biomassBefore, .biomassAfter, .carbonFraction])

    /// Before and after in dry matter or carbon (`dm_dm`, `dm_c`, `c_dm`, `c_c`).
    public let formulas: [Formula] = [(false, false), (false, true), (true, false), (true, true)].map { before, after in
        let name = "land_conversion_" + (before ? "c" : "dm") + "_" + (after ? "c" : "dm")
        if !before && !after {
            return Formula(name, lhs: "CO2",
                           .product([.activityAs("A"), .difference(.factor(slot: 0, label: "B_before"),
                                                                    .factor(slot: 1, label: "B_after")),
                                     .factor(slot: 2, label: "CF"), .ratio(44, 12)]))
        }
        func side(_ slot: Int, _ carbon: Bool, _ label: String) -> Expr {
            carbon ? .factor(slot: slot, label: "C_" + label)
                : .product([.factor(slot: slot, label: "B_" + label), .factor(slot: 2, label: "CF")])
        }
        return Formula(name, lhs: "CO2",
                       .product([.activityAs("A"), .difference(side(0, before, "before"), side(1, after, "after")),
                                 .ratio(44, 12)]))
    }

    /// The land uses of a conversion item.
    static let lands = ["forest", "cropland", "grassland", "wetland", "settlement", "other_land"]

    /// The conversion's category: the item's own (`items.csv`), when the row's category is it or a prefix of it.
    static func category(_ item: String, _ row: CategoryCode, _ context: PlanningContext) -> CategoryCode? {
        guard let own = context.items[item]?.categories.first else {
            return CategoryCode("3.B")!.isPrefix(of: row) && row.description.split(separator: ".").count >= 4 ? row : nil
        }
        return row.isPrefix(of: own) ? own : nil
    }

    /// The conversion must be between two different uses, under its own category.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        var out: [PlannedDiagnostic] = []
        let parts = s.item.split(separator: "_to_", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0] == parts[1] {
            out.append(PlannedDiagnostic(.error, .itemKind, .item,
                "conversion '\(s.item)' keeps the land in the same use; expected two different uses (land remaining "
                    + "in its use is forest_stock, forest_area or forest_growth, not a conversion)"))
        }
        if Self.category(s.item, s.category, context) == nil {
            let own = context.items[s.item]?.categories.first
            out.append(PlannedDiagnostic(.error, .categoryMismatch, .category,
                "category '\(s.category)' for the conversion '\(s.item)'; expected "
                    + (own.map { "\($0)" + (context.categories[$0].map { " (\($0.nameEN))" } ?? "") + " or a prefix of it" }
                        ?? "a land-converted-to category such as 3.B.2.b.i")))
        }
        return out
    }

    /// One CO2 line.
    public func plan(_ p: inout RowPlanner) {
        // Dry matter (t/ha) or carbon (tC/ha).
        let area = UnitRequirement(.mass / .area, species: .carbon, allowsNone: true,
                                   example: "dry matter or carbon per area, e.g. 120 t/ha or 5 tC/ha")
        // Factors are looked up under the conversion's own category (a row under 3.B.2.b finds 3.B.2.b.i rows).
        let category = Self.category(p.item, p.category, p.context) ?? p.category
        func stock(_ parameter: FactorParameter, _ p: inout RowPlanner) -> (ResolvedFactor, Bool)? {
            guard let f = p.factor(parameter, category: category, requirement: area) else { return nil }
            return (f, f.row.unit.species == .carbon)
        }
        let before = stock(.biomassBefore, &p), after = stock(.biomassAfter, &p)
        guard let before, let after else { return }
        var factors = [before.0, after.0]
        if !(before.1 && after.1) {
            guard let cf = p.factor(.carbonFraction, category: category, requirement: BiomassCarbon.carbonFraction)
            else { return }
            factors.append(cf)
        }
        let index = (before.1 ? 2 : 0) + (after.1 ? 1 : 0)
        p.line(formulas[index], gas: .co2, category: category, factors: factors)
    }
}
