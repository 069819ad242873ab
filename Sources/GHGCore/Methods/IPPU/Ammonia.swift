/// Process CO2 from ammonia production (IPCC 2006 Vol.3 Ch.3 §3.2, Eq. 3.1, Tier 1).
///
/// `CO2 = AP × FR × CCF × COF × 44/12`: ammonia produced times the fuel requirement of the feedstock (fuel and
/// feedstock together, GJ per t NH3; 37.5 GJ/t for natural gas, Tier 1), its carbon content and oxidation factor
/// (the fuel's, as in combustion). The row's item is the feedstock fuel. Its fuel and feedstock must therefore not be
/// booked as combustion too: report that quantity as `fuel_nonenergy_use`. CO2 recovered for urea is subtracted by
/// `co2_recovery` rows.
public struct AmmoniaProduction: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.B.1; a mass of ammonia; a fuel (the feedstock).
    public let spec = MethodSpec(.ammoniaProduction, categories: ["2.B.1"], dimensions: [.mass], itemKinds: [.fuel],
                                 parameters: [.fuelRequirement, .carbonContent, .oxidation])

    /// `CO2 = AP × FR × CCF × COF × 44/12`.
    public let formulas = [
        Formula("ammonia_co2", lhs: "CO2",
                .product([.activityAs("AP"), .factor(slot: 0, label: "FR"), .factor(slot: 1, label: "CCF"),
                          .factor(slot: 2, label: "COF"), .ratio(44, 12)])),
    ]

    /// One CO2 line.
    public func plan(_ p: inout RowPlanner) {
        guard let fr = p.factor(.fuelRequirement, requirement: UnitRequirement(.energy / .mass,
                                    example: "energy per mass of ammonia, e.g. GJ/t")),
              let cc = p.factor(.carbonContent, requirement: UnitRequirement(.mass / .energy, species: .carbon,
                                    allowsNone: false, example: "carbon mass per energy, e.g. tC/TJ")),
              let of = p.factor(.oxidation, requirement: ProductFactor.fraction) else { return }
        p.line(formulas[0], gas: .co2, factors: [fr, cc, of])
    }
}

/// CO2 recovered from ammonia production for downstream use (urea), subtracted from 2.B.1 (IPCC 2006 Vol.3 Eq. 3.1,
/// `− R_CO2`): `CO2 = −R`, the measured mass.
public struct CO2Recovery: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.B.1; a mass of CO2; item `co2`.
    public let spec = MethodSpec(.co2Recovery, categories: ["2.B.1"], dimensions: [.mass], itemKinds: [.substance],
                                 parameters: [])

    /// `CO2 = −1 × R`.
    public let formulas = [
        Formula("co2_recovered", lhs: "CO2", .product([.number(-1, "−1"), .activityAs("R")]),
                suffix: [.text(" (recovered for downstream use, subtracted)")]),
    ]

    /// The item must be `co2`, and a unit naming a species must name CO2.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        var out: [PlannedDiagnostic] = []
        if s.item != "co2" {
            out.append(PlannedDiagnostic(.error, .itemKind, .item,
                "co2_recovery reports the CO2 recovered; expected item 'co2', not '\(s.item)'"))
        }
        if let sp = s.unit?.species, sp != .co2 {
            out.append(PlannedDiagnostic(.error, .unitDimension, .unit,
                "unit '\(s.unit!.symbol)' counts \(sp); expected a plain mass unit such as t, or one counting CO2"))
        }
        return out
    }

    /// One negative CO2 line.
    public func plan(_ p: inout RowPlanner) {
        p.line(formulas[0], gas: .co2, factors: [])
    }
}

/// N2O from nitric acid production (IPCC 2006 Vol.3 Ch.3 §3.3, Eq. 3.5, Tier 1): `N2O = P × EF`, with the factor of
/// the plant type named in the row's technology (`nscr`, `process_integrated`, `atmospheric`, `medium_pressure`,
/// `high_pressure`; there is no default).
public struct NitricAcidProduction: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.B.2; a mass of nitric acid (100 % HNO3); a product.
    public let spec = MethodSpec(.nitricAcidProduction, categories: ["2.B.2"], dimensions: [.mass],
                                 itemKinds: [.product], parameters: [.efN2O])

    /// `N2O = P × EF`.
    public let formulas = [ProductFactor.formula("nitric_acid_n2o")]

    /// One N2O line.
    public func plan(_ p: inout RowPlanner) {
        guard let ef = ProductFactor.factor(.n2o, &p) else { return }
        p.line(formulas[0], gas: .n2o, factors: [ef])
    }
}

/// N2O from adipic acid production (IPCC 2006 Vol.3 Ch.3 §3.4, Eq. 3.8): `N2O = P × EF × (1 − DF × ASUF)`, with the
/// destruction factor and the abatement system utilisation of the abatement technology named in the row's
/// technology (`catalytic`, `thermal`, `recycle_to_nitric`, `recycle_to_adipic`); a row without one is unabated
/// (Tier 1, Eq. 3.7: the shipped rows without technology are DF = ASUF = 0).
public struct AdipicAcidProduction: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.B.3; a mass of adipic acid; a product.
    public let spec = MethodSpec(.adipicAcidProduction, categories: ["2.B.3"], dimensions: [.mass],
                                 itemKinds: [.product], parameters: [.efN2O, .destructionFactor, .abatementUtilisation])

    /// `N2O = P × EF × (1 − DF × ASUF)`.
    public let formulas = [
        Formula("adipic_acid_n2o", lhs: "N2O",
                .product([.activityAs("P"), .factor(slot: 0, label: "EF"),
                          .oneMinus(.product([.factor(slot: 1, label: "DF"), .factor(slot: 2, label: "ASUF")]))])),
    ]

    /// One N2O line.
    public func plan(_ p: inout RowPlanner) {
        guard let ef = ProductFactor.factor(.n2o, &p),
              let df = p.factor(.destructionFactor, requirement: ProductFactor.fraction),
              let asuf = p.factor(.abatementUtilisation, requirement: ProductFactor.fraction) else { return }
        p.line(formulas[0], gas: .n2o, factors: [ef, df, asuf])
    }
}

/// CO2 and CH4 from carbide production (IPCC 2006 Vol.3 Ch.3 §3.6, Eq. 3.11, Tier 1, per tonne of carbide):
/// `CO2 = P × EF_CO2` (calcium carbide 1.090, silicon carbide 2.62 t/t), and `CH4 = P × EF_CH4` where the stack has
/// a factor (silicon carbide 11.6 kg/t; calcium carbide production emits none).
public struct CarbideProduction: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.B.5; a mass of carbide; a product.
    public let spec = MethodSpec(.carbideProduction, categories: ["2.B.5"], dimensions: [.mass], itemKinds: [.product],
                                 parameters: [.efCO2, .efCH4])

    /// `gas = P × EF`.
    public let formulas = [ProductFactor.formula("carbide")]

    /// A CO2 line, and a CH4 line where there is a factor.
    public func plan(_ p: inout RowPlanner) {
        guard let co2 = ProductFactor.factor(.co2, &p) else { return }
        p.line(formulas[0], gas: .co2, factors: [co2])
        if let ch4 = ProductFactor.factor(.ch4, &p, quiet: true) { p.line(formulas[0], gas: .ch4, factors: [ch4]) }
    }
}

/// HFC-23 emitted as a by-product of HCFC-22 production (IPCC 2006 Vol.3 Ch.3 §3.10, Eq. 3.30, Tier 1):
/// `HFC-23 = P × EF`, with the factor of the plant vintage named in the row's technology (`old_unoptimised` 0.04,
/// `recent` 0.03 kg/kg; no default, and both assume no HFC-23 destruction: a plant that destroys it supplies its own
/// factor).
public struct HCFC22Production: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.B.9.a; a mass of HCFC-22; a product.
    public let spec = MethodSpec(.hcfc22Production, categories: ["2.B.9.a"], dimensions: [.mass],
                                 itemKinds: [.product], parameters: [.efHFC23])

    /// `HFC-23 = P × EF`.
    public let formulas = [ProductFactor.formula("hcfc22_hfc23")]

    /// One HFC-23 line.
    public func plan(_ p: inout RowPlanner) {
        guard let ef = ProductFactor.factor(.hfc23, &p) else { return }
        p.line(formulas[0], gas: .hfc23, factors: [ef])
    }
}
