/// The gain of the gain-loss method for forest land remaining forest land (IPCC 2006 Vol.4 Ch.2 Eq. 2.9-2.10;
/// methods.md §3, `forest_area`), and for mangrove (2013 Wetlands Supplement Ch.4, biomass growth in mangroves).
///
///     CO2 = -1 × A × G_W × (1 + R) × CF × 44/12
///
/// A is the area of the forest type (or of mangrove, under 3.B.4) in the year, G_W the above-ground biomass growth
/// (`biomass_growth`, t d.m./ha/yr; IPCC Table 4.9 by ecological zone and age class, so the row's technology names
/// the class, `natural_gt20y`), R the root-to-shoot ratio (Table 4.4, by above-ground biomass class: a row whose
/// factors need both classes names both, `natural_gt20y+agb_lt125`) and CF the carbon fraction.
public struct ForestArea: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 3.B.1.a (a forest type) or 3.B.4 (a wetland type); an area.
    public let spec = MethodSpec(.forestArea, categories: ["3.B.1.a", "3.B.4"], dimensions: [.area],
                                 itemKinds: [.forestType, .wetland],
                                 parameters: [.biomassGrowth, .rootShootRatio, .carbonFraction])

    /// `CO2 = -1 × A × G_W × (1 + R) × CF × 44/12`.
    public let formulas = [
        Formula("forest_area_growth", lhs: "CO2",
                .product([.number(-1, "-1"), .activityAs("A"), .factor(slot: 0, label: "G_W"),
                          BiomassCarbon.belowGround(1), .factor(slot: 2, label: "CF"), .ratio(44, 12)])),
    ]

    /// A forest type under 3.B.1.a, a wetland type under 3.B.4.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        let wetland = context.items[s.item]?.kind == .wetland
        let expected = CategoryCode(wetland ? "3.B.4" : "3.B.1.a")!
        return expected.isPrefix(of: s.category) ? [] : [PlannedDiagnostic(.error, .categoryMismatch, .category,
            "category '\(s.category)' for the \(wetland ? "wetland" : "forest type") '\(s.item)'; expected \(expected)"
                + (wetland ? " (wetlands; mangrove growth, 2013 Wetlands Supplement Ch.4)"
                    : " (forest land remaining forest land)"))]
    }

    /// One CO2 line.
    public func plan(_ p: inout RowPlanner) {
        let g = p.factor(.biomassGrowth, requirement: UnitRequirement(.mass / (.area * .time),
                             example: "dry matter per area and year, e.g. 3.1 t/ha/yr"))
        guard let (r, cf) = BiomassCarbon.rootAndCarbon(&p), let g else { return }
        p.line(formulas[0], gas: .co2, category: BiomassCarbon.landing(p.item, p.category, p.context), factors: [g, r, cf])
    }
}
