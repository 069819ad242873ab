/// Fuel combustion, stationary and mobile (IPCC 2006 Vol.2 Ch.2 Eq. 2.1, Ch.3; China provincial guideline).
///
/// - Energy: `E = AD × NCV` (or AD itself when it is given in energy units).
/// - CO2 by the China method, `E × CC × OF × 44/12`, or the IPCC Tier 1 method, `E × EF_CO2` (Table 1.4 factors
///   include COF = 1). Which one is used is decided by the factor stack: the first set that has either an `ef_co2` or
///   a `carbon_content` row for the fuel provides it; when that set has both, its `ef_co2` is used. The lineage
///   records the route (the formula's name).
/// - CH4 and N2O: `E × EF` with factors by category (stationary Tables 2.2–2.5) and technology (road Table 3.2.2).
/// - Biomass fuels (as classified in `items.csv`): CO2 is a memo item outside the totals; CH4 and N2O count.
public struct FuelCombustion: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 1.A; mass, volume, energy or standard coal (the latter needs an NCV per tce); a fuel.
    public let spec = MethodSpec(.fuelCombustion, categories: ["1.A"], dimensions: [.mass, .volume, .energy, .standardCoal],
                                 itemKinds: [.fuel],
                                 parameters: [.ncv, .efCO2, .carbonContent, .oxidation, .efCH4, .efN2O, .tceCoefficient])

    /// `E = AD × NCV`, shown expanded.
    static let energyFromNCV = Expr.named("E", unit: "GJ", .product([.activity("AD"), .factor(slot: 0, label: "NCV")]),
                                          display: .expanded)

    /// The equations: CO2 by emission factor or by carbon content (for fuels in physical or energy units, fossil or
    /// biomass), and CH4/N2O by emission factor.
    public let formulas: [Formula] = {
        var out: [Formula] = []
        for (route, e, first) in [("ncv", energyFromNCV, 1), ("energy", Expr.activityAs("E"), 0)] {
            for (tag, suffix) in [("", [Formula.SuffixPart]()),
                                  ("_biomass", [.text(" (biomass: memo item, not in totals)")])] {
                out.append(Formula("fuel_co2_ef_\(route)\(tag)", lhs: "CO2",
                                   .product([e, .factor(slot: first, label: "EF")]), suffix: suffix))
                out.append(Formula("fuel_co2_cc_\(route)\(tag)", lhs: "CO2",
                                   .product([e, .factor(slot: first, label: "CC"), .factor(slot: first + 1, label: "OF"),
                                             .ratio(44, 12)]), suffix: suffix))
            }
            out.append(Formula("fuel_nonco2_\(route)", lhs: "{gas}", .product([e, .factor(slot: first, label: "EF")])))
        }
        return out
    }()

    /// A liquid fuel booked to 1.A.4.c as a whole: its CH4 and N2O then come from the stationary factors of
    /// Table 2.5, although agricultural machinery (1.A.4.c.ii) and fishing vessels (1.A.4.c.iii) have mobile
    /// factors several times higher for N2O (a warning: the row is computed).
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        guard s.category.description == "1.A.4.c", context.items[s.item]?.group == "oil" else { return [] }
        return [PlannedDiagnostic(.warning, .coarseCategory, .category,
            "liquid fuel '\(s.item)' under 1.A.4.c without a sub-category gets the stationary factors of IPCC 2006 "
                + "Table 2.5; expected 1.A.4.c.i (stationary), 1.A.4.c.ii (off-road vehicles and machinery, e.g. "
                + "农业机械) or 1.A.4.c.iii (fishing vessels)")]
    }

    /// CO2, CH4 and N2O per energy, held against a plausibility range (`ief_co2`, `ief_ch4`, `ief_n2o`) or the range of
    /// the IPCC emission factor for the fuel (`ef_co2`, `ef_ch4`, `ef_n2o`): a China carbon content and oxidation
    /// give a CO2 factor that can be compared with IPCC 2006 Table 1.4.
    public func impliedFactor(_ template: LineTemplate) -> ImpliedFactor? {
        switch template.gas {
        case .co2: ImpliedFactor(basis: .energy, parameters: [.iefCO2, .efCO2])
        case .ch4: ImpliedFactor(basis: .energy, parameters: [.iefCH4, .efCH4])
        case .n2o: ImpliedFactor(basis: .energy, parameters: [.iefN2O, .efN2O])
        default: nil
        }
    }

    /// Plans the CO2, CH4 and N2O lines and the energy accounting of a signature.
    public func plan(_ p: inout RowPlanner) {
        guard let energy = p.fuelEnergy() else { return }
        let route = energy.isEmpty ? "energy" : "ncv"
        let biomass = p.context.items[p.item]?.isBiomass ?? false
        let tag = biomass ? "_biomass" : ""
        let scope: EmissionScope = biomass ? .memoBiomass : .total

        let efReq = UnitRequirement(.mass / .energy, species: .co2, example: "CO2 mass per energy, e.g. kg/TJ")
        let ccReq = UnitRequirement(.mass / .energy, species: .carbon, allowsNone: false,
                                    example: "carbon mass per energy, e.g. tC/TJ")
        let ef = p.factor(.efCO2, requirement: efReq, quiet: true)
        let cc = p.factor(.carbonContent, requirement: ccReq, quiet: true)
        if let ef, cc == nil || ef.stackIndex <= cc!.stackIndex {
            p.line(formula("fuel_co2_ef_\(route)\(tag)"), gas: .co2, scope: scope, factors: energy + [ef])
        } else if let cc {
            if let of = p.factor(.oxidation, requirement: UnitRequirement(.dimensionless,
                                     example: "a fraction, e.g. 0.98 (unit 1) or 98 (unit %)")) {
                p.line(formula("fuel_co2_cc_\(route)\(tag)"), gas: .co2, scope: scope, factors: energy + [cc, of])
            }
        } else {
            let q = p.support.query(.carbonContent, dimension: ccReq.dimension)
            p.error(.missingFactor, .item, "CO2 needs 'carbon_content' (with 'oxidation') or 'ef_co2': "
                + FactorLookupError.missing(q, stack: p.context.factors.stackIDs).message)
        }
        for (gas, parameter, species) in [(Gas.ch4, FactorParameter.efCH4, Species.ch4), (.n2o, .efN2O, .n2o)] {
            guard let ef = p.factor(parameter, requirement: UnitRequirement(.mass / .energy, species: species,
                                        example: "\(gas) mass per energy, e.g. kg/TJ")) else { continue }
            p.line(formula("fuel_nonco2_\(route)"), gas: gas, factors: energy + [ef])
        }
    }
}

/// Fuel used for non-energy purposes (feedstock, reductant, lubricants): recorded, not combusted.
///
/// The row is excluded from combustion. Its carbon, `AD × NCV × CC`, is reported as a memo line expressed as CO2
/// (× 44/12) for the reference-approach check (IPCC 2006 Vol.2 Ch.6, "excluded carbon"); it is not an emission.
public struct FuelNonEnergyUse: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 1.A or 2; mass, volume, energy or standard coal; a fuel.
    public let spec = MethodSpec(.fuelNonEnergyUse, categories: ["1.A", "2"],
                                 dimensions: [.mass, .volume, .energy, .standardCoal], itemKinds: [.fuel],
                                 parameters: [.ncv, .carbonContent, .tceCoefficient])

    /// `stored C = E × CC`, then `as CO2 × 44/12`.
    public let formulas: [Formula] = [("ncv", FuelCombustion.energyFromNCV, 1), ("energy", Expr.activityAs("E"), 0)]
        .map { route, e, first in
            Formula("nonenergy_carbon_\(route)", lhs: "stored C", .product([e, .factor(slot: first, label: "CC")]),
                    conversion: .init(unit: "tC", text: "as CO2", numerator: 44, denominator: 12),
                    suffix: [.text(" (non-energy use: recorded, not emitted)")])
        }

    /// Plans one memo line and the energy accounting.
    public func plan(_ p: inout RowPlanner) {
        guard let energy = p.fuelEnergy() else { return }
        guard let cc = p.factor(.carbonContent, requirement: UnitRequirement(.mass / .energy, species: .carbon,
                                    allowsNone: false, example: "carbon mass per energy, e.g. tC/TJ")) else { return }
        p.line(formula("nonenergy_carbon_" + (energy.isEmpty ? "energy" : "ncv")), gas: .co2, scope: .memoNonEnergy,
               factors: energy + [cc])
    }
}
