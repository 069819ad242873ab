/// Process CO2 from carbonates consumed (IPCC 2006 Vol.3 Ch.2 §2.5, Eq. 2.14, Tier 1): ceramics, other uses of soda
/// ash, non-metallurgical magnesia, flux in iron and steel and other process uses.
///
/// `CO2 = M × EF × F`: carbonate consumed times its stoichiometric CO2 factor (Table 2.1: limestone 0.43971, dolomite
/// 0.47732 t CO2/t …) and the fraction calcined (1 unless known). The row's category is where the carbonate is used:
/// 2.A.4.* or, for flux, 2.C.1.
public struct CarbonateUse: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Any IPPU category; a mass of carbonate; a carbonate.
    public let spec = MethodSpec(.carbonateUse, categories: ["2"], dimensions: [.mass], itemKinds: [.carbonate],
                                 parameters: [.efCO2, .calcinationFraction])

    /// `CO2 = M × EF × F`.
    public let formulas = [
        Formula("carbonate_co2", lhs: "CO2", .product([.activityAs("M"), .factor(slot: 0, label: "EF"),
                                                       .factor(slot: 1, label: "F")])),
    ]

    /// One CO2 line.
    public func plan(_ p: inout RowPlanner) {
        guard let ef = ProductFactor.factor(.co2, &p),
              let f = p.factor(.calcinationFraction, requirement: ProductFactor.fraction) else { return }
        p.line(formulas[0], gas: .co2, factors: [ef, f])
    }
}
