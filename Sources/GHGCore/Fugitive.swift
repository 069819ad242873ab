/// Fugitive CH4 from coal mining and post-mining (IPCC 2006 Vol.2 Ch.4 §4.1, Tier 1).
///
/// `CH4 = production × EF (m3/t) × ρ_CH4`, for each stage. A row under an underground (`1.B.1.a.i`) or surface
/// (`1.B.1.a.ii`) mine category yields the two Tier 1 stages, mining (`.1`) and post-mining (`.2`); a row under a stage
/// category yields that stage only. The CH4 density is the `density` factor of item `methane` (0.67 kg/m3 at 20 °C,
/// 1 atm in the IPCC set).
public struct CoalMining: CalculationMethod {
    /// Creates the method.
    public init() {}
    /// `coal_mining`.
    public var activity: ActivityKind { .coalMining }
    /// Mass of coal produced.
    public var acceptedDimensions: [PhysicalDimension] { [.mass] }

    /// Checks category 1.B.1.a.i or 1.B.1.a.ii (or a stage below), a fuel item, the unit and the sign.
    public func validate(_ record: ActivityRecord, context: CalculationContext) -> [Diagnostic] {
        MethodSupport.check(record, context, categoryPrefixes: ["1.B.1.a.i", "1.B.1.a.ii"],
                            dimensions: acceptedDimensions, itemKinds: [.fuel])
    }

    /// Computes one CH4 line per stage.
    public func calculate(_ records: [ActivityRecord], context: CalculationContext) -> MethodOutput {
        MethodSupport.eachRow(records, context) { s, out in
            let stages = s.record.category.depth == 5 ? [s.record.category.appending("1"), s.record.category.appending("2")] : [s.record.category]
            for stage in stages {
                guard let ef = s.factor("ef_ch4", category: stage, requirement: UnitRequirement(.volume / .mass,
                                            example: "CH4 volume per mass of coal, e.g. m3/t")),
                      let rho = s.factor("density", item: "methane", category: stage,
                                         requirement: UnitRequirement(.mass / .volume, species: .ch4,
                                                                      example: "mass per volume, e.g. kg/m3"))
                else { continue }
                let volume = s.baseAmount * ef.baseValue
                let mass = volume * rho.baseValue
                let formula = "CH4 = AD × EF × ρ = \(s.shownAmount) × \(MethodSupport.show("EF", ef)) × "
                    + "\(MethodSupport.show("ρ", rho)) = \(DecimalFormat.string(mass)) t (stage \(stage))"
                out.lines.append(s.line(gas: .ch4, scope: .total, mass: mass, category: stage, factors: [ef, rho],
                                        formula: formula))
            }
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
    /// `oil_gas_system`.
    public var activity: ActivityKind { .oilGasSystem }
    /// Volume, mass or energy of throughput.
    public var acceptedDimensions: [PhysicalDimension] { [.volume, .mass, .energy] }

    /// Checks category 1.B.2, a fuel item, the unit and the sign.
    public func validate(_ record: ActivityRecord, context: CalculationContext) -> [Diagnostic] {
        MethodSupport.check(record, context, categoryPrefixes: ["1.B.2"], dimensions: acceptedDimensions,
                            itemKinds: [.fuel])
    }

    /// Computes one line per gas that has a factor.
    public func calculate(_ records: [ActivityRecord], context: CalculationContext) -> MethodOutput {
        MethodSupport.eachRow(records, context) { s, out in
            guard let unit = s.record.unit else { return }
            var found = 0
            for (gas, species) in [(Gas.co2, Species.co2), (.ch4, .ch4), (.n2o, .n2o)] {
                let parameter = "ef_" + gas.rawValue.lowercased()
                guard let ef = s.factor(parameter, requirement: UnitRequirement(.mass / unit.dimension,
                            species: species, example: "\(gas) mass per \(unit.dimension), e.g. Gg/10^6 m3"),
                                        quiet: true) else { continue }
                found += 1
                let mass = s.baseAmount * ef.baseValue
                let formula = "\(gas) = AD × EF = \(s.shownAmount) × \(MethodSupport.show("EF", ef)) = "
                    + "\(DecimalFormat.string(mass)) t"
                out.lines.append(s.line(gas: gas, scope: .total, mass: mass, factors: [ef], formula: formula))
            }
            if found == 0 && s.diagnostics.isEmpty {
                let q = FactorQuery(parameter: "ef_ch4, ef_co2 or ef_n2o", item: s.record.item, category: s.record.category,
                                    technology: s.record.technology, region: s.record.region, year: s.record.year)
                s.diagnostics.append(.error(.missingFactor, at: s.record.location(of: "item"),
                    FactorLookupError.missing(q, stack: context.factors.stackIDs).message))
            }
        }
    }
}
