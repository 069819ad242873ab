/// Process CO2 from lime production (IPCC 2006 Vol.3 Ch.2 §2.3, Eq. 2.8, Tier 1).
///
/// `CO2 = M × EF`: the mass of lime produced times the `ef_co2` of its type (t CO2 per t lime: high-calcium 0.75,
/// dolomitic 0.77 for developing countries, hydraulic 0.59, and 0.75 for lime of unknown type in the IPCC set). The
/// row's item is the lime type. Fuel burnt in the kiln is `fuel_combustion` under 1.A.2, not part of this factor.
///
/// The method is the worked example of the article "Adding a method".
public struct LimeProduction: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.A.2; a mass of lime; a product (the lime type).
    public let spec = MethodSpec(.limeProduction, categories: ["2.A.2"], dimensions: [.mass], itemKinds: [.product],
                                 parameters: [.efCO2])

    /// `CO2 = M × EF`.
    public let formulas = [
        Formula("lime_co2", lhs: "CO2", .product([.activityAs("M"), .factor(slot: 0, label: "EF")])),
    ]

    /// One CO2 line: the lime type's emission factor, looked up in the stack.
    public func plan(_ p: inout RowPlanner) {
        guard let ef = p.factor(.efCO2, requirement: UnitRequirement(.mass / .mass, species: .co2,
                                    example: "CO2 mass per mass of lime, e.g. tCO2/t")) else { return }
        p.line(formulas[0], gas: .co2, factors: [ef])
    }
}
