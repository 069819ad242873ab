/// CO2, CH4 and N2O from incineration (4.C.1) and open burning (4.C.2) of waste (IPCC 2006 Vol.5 Ch.5 Eq. 5.1, 5.2,
/// 5.4, 5.5; methods.md §4, `waste_incineration`, `open_burning`).
///
///     fossil CO2   = M × dm × CF × FCF × OF × 44/12             (in the total)
///     biogenic CO2 = M × dm × CF × (1 − FCF) × OF × 44/12       (memo, as for biomass fuels)
///     CH4 = M × EF_CH4;   N2O = M × EF_N2O                     (M: wet waste)
///
/// A waste type has its own dry matter, carbon fraction and fossil carbon fraction (Table 2.4). Bulk MSW (`msw`)
/// without them is split by its composition (`waste_composition`, Table 2.3 by region, or the project's own): one
/// CO2 line per component, `M × WF_j × dm_j × CF_j × FCF_j × OF × 44/12` (Eq. 5.2). OF is 1 for incineration and 0.58
/// for open burning. CH4 and N2O factors depend on the technology (the incinerator's firing type) for incineration;
/// where the guideline gives none (CH4 of continuous incineration, N2O of open burning on a wet basis), the gas is
/// reported as not estimated (NE).
public struct WasteCombustion: CalculationMethod {
    /// The method for incineration or for open burning.
    public let spec: MethodSpec

    /// Incineration, 4.C.1.
    public static let incineration = WasteCombustion(MethodSpec(
        .wasteIncineration, categories: ["4.C.1"], dimensions: [.mass], itemKinds: [.waste, .nitrogenSource, .fuel],
        parameters: [.dryMatter, .carbonFraction, .fossilCarbonFraction, .oxidation, .efCH4, .efN2O],
        crossItemParameters: [.wasteComposition, .dryMatter, .carbonFraction, .fossilCarbonFraction]))
    /// Open burning, 4.C.2.
    public static let openBurning = WasteCombustion(MethodSpec(
        .openBurning, categories: ["4.C.2"], dimensions: [.mass], itemKinds: [.waste, .nitrogenSource, .fuel],
        parameters: [.dryMatter, .carbonFraction, .fossilCarbonFraction, .oxidation, .efCH4, .efN2O],
        crossItemParameters: [.wasteComposition, .dryMatter, .carbonFraction, .fossilCarbonFraction]))

    init(_ spec: MethodSpec) { self.spec = spec }

    /// Fossil and biogenic CO2 of a waste type and of a component of MSW, and the CH4/N2O factor line.
    public let formulas: [Formula] = {
        func co2(_ name: String, component: Bool, fossil: Bool) -> Formula {
            let k = component ? 1 : 0
            let fcf: Expr = fossil ? .factor(slot: 2 + k, label: "FCF") : .oneMinus(.factor(slot: 2 + k, label: "FCF"))
            let share: [Expr] = component ? [.factor(slot: 0, label: "WF")] : []
            return Formula(name, lhs: "CO2",
                           .product([.activityAs("M")] + share + [.factor(slot: k, label: "dm"),
                                     .factor(slot: 1 + k, label: "CF"), fcf, .factor(slot: 3 + k, label: "OF"),
                                     .ratio(44, 12)]),
                           suffix: fossil ? [] : [.text(" (biogenic, memo)")])
        }
        return [co2("waste_fossil_co2", component: false, fossil: true),
                co2("waste_biogenic_co2", component: false, fossil: false),
                co2("waste_fossil_co2_component", component: true, fossil: true),
                co2("waste_biogenic_co2_component", component: true, fossil: false),
                Formula("waste_combustion_gas", lhs: "{gas}", .product([.activityAs("M"), .factor(slot: 0, label: "EF")]))]
    }()

    static let fraction = UnitRequirement(.dimensionless, example: "a fraction, e.g. 0.9 (unit 1)")
    static let carbon = UnitRequirement(.dimensionless, species: .carbon, example: "carbon per dry matter, e.g. 0.75 tC/t")

    /// The dry matter, carbon fraction and fossil carbon fraction of an item (nil, reported, when one is missing).
    func composition(_ item: String, _ p: inout RowPlanner, quiet: Bool = false) -> [ResolvedFactor]? {
        let dm = p.factor(.dryMatter, item: item, requirement: Self.fraction, quiet: quiet)
        let cf = p.factor(.carbonFraction, item: item, requirement: Self.carbon, quiet: quiet)
        let fcf = p.factor(.fossilCarbonFraction, item: item, requirement: Self.fraction, quiet: quiet)
        guard let dm, let cf, let fcf else { return nil }
        return [dm, cf, fcf]
    }

    /// The CO2 lines (fossil and memo), then CH4 and N2O.
    public func plan(_ p: inout RowPlanner) {
        guard let of = p.factor(.oxidation, requirement: Self.fraction) else { return }
        let open = spec.activity == .openBurning
        if p.item == "msw", p.factor(.fossilCarbonFraction, requirement: Self.fraction, quiet: true) == nil {
            // Bulk MSW: the components of one composition (the first set in the stack that has any), in item order.
            var found: [(String, ResolvedFactor)] = []
            for item in p.context.factors.items(p.context.items.all.map(\.id), having: .wasteComposition) {
                if let wf = p.factor(.wasteComposition, item: item, requirement: Self.fraction, quiet: true) {
                    found.append((item, wf))
                }
            }
            let first = found.map(\.1.stackIndex).min()
            let shares = found.filter { $0.1.stackIndex == first }
            guard !shares.isEmpty else {
                p.error(.missingFactor, .item,
                    "bulk msw needs its composition ('waste_composition' by component, e.g. IPCC 2006 Vol.5 Table 2.3 "
                        + "for a region mapped to eastern_asia in the project's factors/region-membership.csv) or its "
                        + "own dry_matter, carbon_fraction and fossil_carbon_fraction; the stack has neither for this row")
                return
            }
            var sum = 0.0
            var notEstimated: [String] = []
            for (item, wf) in shares {
                sum += p.context.factors.baseValues[Int(wf.id)]
                // A component without carbon data (metal, glass: Table 2.4 gives none) is reported, not guessed.
                guard let c = composition(item, &p, quiet: true) else { notEstimated.append(item); continue }
                p.line(formulas[2], gas: .co2, factors: [wf] + c + [of])
                p.line(formulas[3], gas: .co2, scope: .memoBiomass, factors: [wf] + c + [of])
            }
            if !notEstimated.isEmpty {
                p.warning(.missingFactor, .item,
                    "CO2 of the msw components " + notEstimated.map { "'\($0)'" }.joined(separator: ", ")
                        + " is not estimated (NE): the stack lacks their dry_matter, carbon_fraction or "
                        + "fossil_carbon_fraction; expected them in the project's factors/ folder (0 for a component "
                        + "without carbon, with its source)")
            }
            if abs(sum - 1) > 0.005 {
                p.warning(.missingFactor, .item,
                    "the msw composition (\(shares.count) components of set \(shares[0].1.set.id)) sums to "
                        + "\(DecimalFormat.string((sum * 1e6).rounded() / 1e6)), not 1: the rest carries no carbon in "
                        + "this estimate; expected shares that sum to 1, or the remainder as a component")
            }
        } else if let c = composition(p.item, &p) {
            p.line(formulas[0], gas: .co2, factors: c + [of])
            p.line(formulas[1], gas: .co2, scope: .memoBiomass, factors: c + [of])
        }
        for (parameter, gas, species) in [(FactorParameter.efCH4, Gas.ch4, Species.ch4), (.efN2O, .n2o, .n2o)] {
            let requirement = UnitRequirement(.mass / .mass, species: species,
                                              example: "\(gas) per wet waste, e.g. 50 g \(gas)/t")
            if let ef = p.factor(parameter, requirement: requirement, quiet: true) {
                p.line(formulas[4], gas: gas, factors: [ef])
            } else {
                p.warning(.missingFactor, .technology,
                    "\(gas) of \(open ? "open burning" : "incineration") of '\(p.item)'"
                        + (p.technology.map { " (technology '\($0)')" } ?? "") + " is not estimated (NE): the stack "
                        + "has no '\(parameter)' for it; expected "
                        + (open ? "a wet-basis factor in the project's factors/ folder (IPCC gives N2O per dry matter only)"
                            : "the incinerator's firing type in 'technology' (continuous_stoker, batch_fluidised_bed, "
                                + "continuous, …) or a factor in the project's factors/ folder"))
            }
        }
    }
}
