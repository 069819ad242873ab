/// Fugitive CH4 from coal mining and post-mining (IPCC 2006 Vol.2 Ch.4 §4.1, Tier 1).
///
/// `CH4 = production × EF (m3/t) × ρ_CH4`, for each stage. A row under an underground (`1.B.1.a.i`) or surface
/// (`1.B.1.a.ii`) mine category yields the two Tier 1 stages, mining (`.1`) and post-mining (`.2`); a row under a stage
/// category yields that stage only. The CH4 density is the `density` factor of item `methane` (0.67 kg/m3 at 20 °C,
/// 1 atm in the IPCC set).
public struct CoalMining: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 1.B.1.a.i or 1.B.1.a.ii (or a stage below); mass of coal produced; a fuel.
    public let spec = MethodSpec(.coalMining, categories: ["1.B.1.a.i", "1.B.1.a.ii"], dimensions: [.mass],
                                 itemKinds: [.fuel], parameters: [.efCH4], fixedItemParameters: [(.density, "methane")])

    /// `CH4 = AD × EF × ρ`.
    public let formulas = [
        Formula("coal_mining_ch4", lhs: "CH4",
                .product([.activity("AD"), .factor(slot: 0, label: "EF"), .factor(slot: 1, label: "ρ")]),
                suffix: [.text(" (stage "), .category, .text(")")]),
    ]

    /// Plans one CH4 line per stage.
    public func plan(_ p: inout RowPlanner) {
        let c = p.category
        for stage in c.depth == 5 ? [c.appending("1"), c.appending("2")] : [c] {
            guard let ef = p.factor(.efCH4, category: stage, requirement: UnitRequirement(.volume / .mass,
                                        example: "CH4 volume per mass of coal, e.g. m3/t")),
                  let rho = p.factor(.density, item: "methane", category: stage,
                                     requirement: UnitRequirement(.mass / .volume, species: .ch4,
                                                                  example: "mass per volume, e.g. kg/m3"))
            else { continue }
            p.line(formulas[0], gas: .ch4, category: stage, factors: [ef, rho])
        }
    }
}

/// Fugitive, vented and flared emissions from oil and gas systems (IPCC 2006 Vol.2 Ch.4 §4.2, Tier 1, Eq. 4.2.1).
///
/// `E_gas = throughput × EF_gas` for the segment named by the row's category (and technology, where factors
/// distinguish, e.g. transmission vs storage). The gases are those the factor stack has a factor for: `ef_ch4`,
/// `ef_co2` (including vented CO2 from sour-gas processing, typically a locally measured factor in the project's own
/// set) and `ef_n2o`. A row for which no gas has a factor is an error naming the three lookups.
public struct OilGasSystem: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 1.B.2; volume, mass or energy of throughput; a fuel.
    public let spec = MethodSpec(.oilGasSystem, categories: ["1.B.2"], dimensions: [.volume, .mass, .energy],
                                 itemKinds: [.fuel], parameters: [.efCO2, .efCH4, .efN2O])

    /// `gas = AD × EF`.
    public let formulas = [
        Formula("oil_gas_system", lhs: "{gas}", .product([.activity("AD"), .factor(slot: 0, label: "EF")])),
    ]

    /// Plans one line per gas that has a factor.
    public func plan(_ p: inout RowPlanner) {
        let dimension = p.unit.dimension
        var found = 0
        for (gas, parameter, species) in [(Gas.co2, FactorParameter.efCO2, Species.co2), (.ch4, .efCH4, .ch4),
                                          (.n2o, .efN2O, .n2o)] {
            guard let ef = p.factor(parameter, requirement: UnitRequirement(.mass / dimension, species: species,
                                        example: "\(gas) mass per \(dimension), e.g. Gg/10^6 m3"), quiet: true)
            else { continue }
            found += 1
            p.line(formulas[0], gas: gas, factors: [ef])
        }
        if found == 0 && p.support.diagnostics.isEmpty {
            let q = FactorQuery(parameter: FactorParameter("ef_ch4, ef_co2 or ef_n2o"), item: p.item,
                                category: p.category, technology: p.technology, region: p.support.region, year: p.year)
            p.error(.missingFactor, .item, FactorLookupError.missing(q, stack: p.context.factors.stackIDs).message)
        }
    }
}
