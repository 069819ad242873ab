/// Fuel combustion, stationary and mobile (IPCC 2006 Vol.2 Ch.2 Eq. 2.1, Ch.3; China provincial guideline).
///
/// - Energy: `E = AD × NCV` (or AD itself when it is given in energy units).
/// - CO2 by the China method, `E × CC × OF × 44/12`, or the IPCC Tier 1 method, `E × EF_CO2` (Table 1.4 factors
///   include COF = 1). Which one is used is decided by the factor stack: the first set that has either an `ef_co2` or
///   a `carbon_content` row for the fuel provides it; when that set has both, its `ef_co2` is used. The lineage
///   records the path.
/// - CH4 and N2O: `E × EF` with factors by category (stationary Tables 2.2–2.5) and technology (road Table 3.2.2).
/// - Biomass fuels (as classified in `items.csv`): CO2 is a memo item outside the totals; CH4 and N2O count.
public struct FuelCombustion: CalculationMethod {
    /// Creates the method.
    public init() {}
    /// `fuel_combustion`.
    public var activity: ActivityKind { .fuelCombustion }
    /// Mass, volume, energy or standard coal (the latter needs an NCV per tce in the stack).
    public var acceptedDimensions: [PhysicalDimension] { [.mass, .volume, .energy, .standardCoal] }

    /// Checks category 1.A, a fuel item, the unit and a non-negative value.
    public func validate(_ record: ActivityRecord, context: CalculationContext) -> [Diagnostic] {
        MethodSupport.check(record, context, categoryPrefixes: ["1.A"], dimensions: acceptedDimensions,
                            itemKinds: [.fuel])
    }

    /// Computes CO2, CH4 and N2O lines for each row.
    public func calculate(_ records: [ActivityRecord], context: CalculationContext) -> MethodOutput {
        MethodSupport.eachRow(records, context) { s, out in
            guard let energy = FuelEnergy(&s) else { return }
            out.energy.append(s.energyLine(gigajoules: energy.gigajoules, ncv: energy.factors.first))
            let biomass = context.items[s.record.item]?.isBiomass ?? false
            if let co2 = co2Line(&s, energy, biomass: biomass) { out.lines.append(co2) }
            for (gas, parameter, species) in [(Gas.ch4, "ef_ch4", Species.ch4), (Gas.n2o, "ef_n2o", Species.n2o)] {
                guard let ef = s.factor(parameter, requirement: UnitRequirement(.mass / .energy, species: species,
                                            example: "\(gas) mass per energy, e.g. kg/TJ")) else { continue }
                let mass = energy.gigajoules * ef.baseValue
                let formula = "\(gas) = E × EF = \(energy.shown) × \(MethodSupport.show("EF", ef)) = "
                    + "\(DecimalFormat.string(mass)) t"
                out.lines.append(s.line(gas: gas, scope: .total, mass: mass, factors: energy.factors + [ef],
                                        formula: formula))
            }
        }
    }

    private func co2Line(_ s: inout MethodSupport, _ energy: FuelEnergy, biomass: Bool) -> EmissionLine? {
        let efReq = UnitRequirement(.mass / .energy, species: .co2, example: "CO2 mass per energy, e.g. kg/TJ")
        let ccReq = UnitRequirement(.mass / .energy, species: .carbon, allowsNone: false,
                                    example: "carbon mass per energy, e.g. tC/TJ")
        let ef = s.factor("ef_co2", requirement: efReq, quiet: true)
        let cc = s.factor("carbon_content", requirement: ccReq, quiet: true)
        let scope: EmissionScope = biomass ? .memoBiomass : .total
        let memo = biomass ? " (biomass: memo item, not in totals)" : ""
        if let ef, cc == nil || ef.stackIndex <= cc!.stackIndex {
            let mass = energy.gigajoules * ef.baseValue
            let formula = "CO2 = E × EF = \(energy.shown) × \(MethodSupport.show("EF", ef)) = "
                + "\(DecimalFormat.string(mass)) t\(memo)"
            return s.line(gas: .co2, scope: scope, mass: mass, factors: energy.factors + [ef], formula: formula)
        }
        guard let cc else {
            // Neither found: report what was looked for.
            let q = FactorQuery(parameter: "carbon_content", item: s.record.item, category: s.record.category,
                                technology: s.record.technology, region: s.record.region, year: s.record.year,
                                dimension: ccReq.dimension)
            s.diagnostics.append(.error(.missingFactor, at: s.record.location(of: "item"),
                "CO2 needs 'carbon_content' (with 'oxidation') or 'ef_co2': "
                    + FactorLookupError.missing(q, stack: s.context.factors.stackIDs).message))
            return nil
        }
        guard let of = s.factor("oxidation", requirement: UnitRequirement(.dimensionless,
                                    example: "a fraction, e.g. 0.98 (unit 1) or 98 (unit %)")) else { return nil }
        let mass = energy.gigajoules * cc.baseValue * of.baseValue * 44.0 / 12.0
        let formula = "CO2 = E × CC × OF × 44/12 = \(energy.shown) × \(MethodSupport.show("CC", cc)) × "
            + "\(MethodSupport.show("OF", of)) × 44/12 = \(DecimalFormat.string(mass)) t\(memo)"
        return s.line(gas: .co2, scope: scope, mass: mass, factors: energy.factors + [cc, of], formula: formula)
    }
}

/// The energy content of a fuel row: `AD × NCV` in GJ, or AD itself when given in energy units.
struct FuelEnergy {
    /// Energy in GJ.
    let gigajoules: Double
    /// The NCV factor used, if any.
    let factors: [ResolvedFactor]
    /// `E = AD 10000 t × NCV 42.652 GJ/t = 426520 GJ` or `E = 426520 GJ`.
    let shown: String

    init?(_ s: inout MethodSupport) {
        guard let unit = s.record.unit else { return nil }
        if unit.dimension == .energy {
            gigajoules = s.baseAmount
            factors = []
            shown = "E " + MethodSupport.show(gigajoules, "GJ")
            return
        }
        guard let ncv = s.factor("ncv", requirement: UnitRequirement(.energy / unit.dimension,
                example: "energy per \(unit.dimension), e.g. " + (unit.dimension == .volume ? "kJ/m3" : "GJ/t")))
        else { return nil }
        gigajoules = s.baseAmount * ncv.baseValue
        factors = [ncv]
        shown = "(\(s.shownAmount) × \(MethodSupport.show("NCV", ncv)) = E \(DecimalFormat.string(gigajoules)) GJ)"
    }
}

/// Fuel used for non-energy purposes (feedstock, reductant, lubricants): recorded, not combusted.
///
/// The row is excluded from combustion. Its carbon, `AD × NCV × CC`, is reported as a memo line expressed as CO2
/// (× 44/12) for the reference-approach check (IPCC 2006 Vol.2 Ch.6, "excluded carbon"); it is not an emission.
public struct FuelNonEnergyUse: CalculationMethod {
    /// Creates the method.
    public init() {}
    /// `fuel_nonenergy_use`.
    public var activity: ActivityKind { .fuelNonEnergyUse }
    /// Mass, volume or energy.
    public var acceptedDimensions: [PhysicalDimension] { [.mass, .volume, .energy, .standardCoal] }

    /// Checks category 1.A or 2, a fuel item, the unit and a non-negative value.
    public func validate(_ record: ActivityRecord, context: CalculationContext) -> [Diagnostic] {
        MethodSupport.check(record, context, categoryPrefixes: ["1.A", "2"], dimensions: acceptedDimensions,
                            itemKinds: [.fuel])
    }

    /// Computes one memo line per row.
    public func calculate(_ records: [ActivityRecord], context: CalculationContext) -> MethodOutput {
        MethodSupport.eachRow(records, context) { s, out in
            guard let energy = FuelEnergy(&s) else { return }
            out.energy.append(s.energyLine(gigajoules: energy.gigajoules, ncv: energy.factors.first))
            guard let cc = s.factor("carbon_content", requirement: UnitRequirement(.mass / .energy, species: .carbon,
                                        allowsNone: false, example: "carbon mass per energy, e.g. tC/TJ"))
            else { return }
            let carbon = energy.gigajoules * cc.baseValue
            let mass = carbon * 44.0 / 12.0
            let formula = "stored C = E × CC = \(energy.shown) × \(MethodSupport.show("CC", cc)) = "
                + "\(DecimalFormat.string(carbon)) tC; as CO2 × 44/12 = \(DecimalFormat.string(mass)) t "
                + "(non-energy use: recorded, not emitted)"
            out.lines.append(s.line(gas: .co2, scope: .memoNonEnergy, mass: mass, factors: energy.factors + [cc],
                                    formula: formula))
        }
    }
}
