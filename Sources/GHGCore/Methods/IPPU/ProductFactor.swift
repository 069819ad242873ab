/// Lookups shared by the IPPU methods: a gas's emission factor per mass of product, and fractions.
enum ProductFactor {
    /// The species of each gas a product factor may be counted in.
    static let species: [Gas: Species] = [.co2: .co2, .ch4: .ch4, .n2o: .n2o, .cf4: .cf4, .c2f6: .c2f6, .sf6: .sf6,
                                          .hfc23: .hfc23]

    /// The parameter of each gas's emission factor.
    static let parameter: [Gas: FactorParameter] = [.co2: .efCO2, .ch4: .efCH4, .n2o: .efN2O, .cf4: .efCF4,
                                                    .c2f6: .efC2F6, .sf6: .efSF6, .hfc23: .efHFC23]

    /// The requirement of a gas's factor per mass of product (`tCO2/t`, `kg N2O/t`, `kg HFC-23/kg`).
    static func requirement(_ gas: Gas) -> UnitRequirement {
        UnitRequirement(.mass / .mass, species: species[gas], example: "\(gas) mass per mass of product, e.g. "
            + (gas == .co2 ? "tCO2/t" : "kg \(gas)/t"))
    }

    /// A fraction (unit 1 or %).
    static let fraction = UnitRequirement(.dimensionless, example: "a fraction, e.g. 0.5 (unit 1) or 50 (unit %)")

    /// Looks up the factor of a gas for the row.
    static func factor(_ gas: Gas, _ p: inout RowPlanner, quiet: Bool = false) -> ResolvedFactor? {
        p.factor(parameter[gas]!, requirement: requirement(gas), quiet: quiet)
    }

    /// `gas = P × EF`, the equation of most product methods.
    static func formula(_ name: String) -> Formula {
        Formula(name, lhs: "{gas}", .product([.activityAs("P"), .factor(slot: 0, label: "EF")]))
    }
}
