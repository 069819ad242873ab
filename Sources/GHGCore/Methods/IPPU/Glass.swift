/// Process CO2 from glass production (IPCC 2006 Vol.3 Ch.2 §2.4, Eq. 2.10, Tier 1).
///
/// `CO2 = M × EF × (1 − CR)`: glass produced times the emission factor of the glass (0.20 t CO2/t for glass of
/// unknown type) and the fraction of the furnace charge that is not cullet (recycled glass; Tier 1 cullet ratio 0.50,
/// typical ratios by glass type and colour in IPCC Table 2.6).
public struct GlassProduction: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.A.3; a mass of glass; a product (the glass type).
    public let spec = MethodSpec(.glassProduction, categories: ["2.A.3"], dimensions: [.mass], itemKinds: [.product],
                                 parameters: [.efCO2, .culletRatio])

    /// `CO2 = M × EF × (1 − CR)`.
    public let formulas = [
        Formula("glass_co2", lhs: "CO2", .product([.activityAs("M"), .factor(slot: 0, label: "EF"),
                                                   .oneMinus(.factor(slot: 1, label: "CR"))])),
    ]

    /// One CO2 line.
    public func plan(_ p: inout RowPlanner) {
        guard let ef = ProductFactor.factor(.co2, &p),
              let cullet = p.factor(.culletRatio, requirement: ProductFactor.fraction) else { return }
        p.line(formulas[0], gas: .co2, factors: [ef, cullet])
    }
}
