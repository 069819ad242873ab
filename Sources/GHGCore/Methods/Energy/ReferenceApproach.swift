/// The reference approach for CO2 from fuel combustion (IPCC 2006 Vol.2 Ch.6, Eq. 6.1–6.2): a top-down check on
/// the sectoral approach from each fuel's supply balance.
///
/// Rows are `fuel_supply` under category `1.A`, one per flow, the flow named in `technology`: `production`,
/// `imports`, `exports`, `international_bunkers`, `stock_change` (positive = stock build) and, optionally,
/// `non_energy_use` (fuel whose carbon is stored in products: the excluded carbon). For each region, year and fuel
/// one line combines the flows:
///
///     apparent consumption = production + imports − exports − international bunkers − stock change
///     CO2 = (apparent × NCV × CC − excluded C) × COF × 44/12,   excluded C = non-energy use × NCV × CC
///
/// NCV, CC (`carbon_content`) and COF (`oxidation`) come from the factor stack. The line is in scope
/// `reference_approach` under `1.A` and never counts in a total; ``ReferenceApproach/difference(reference:sectoral:)``
/// compares it with the sectoral approach.
public struct ReferenceApproach: GroupMethod {
    /// The flows a `fuel_supply` row may name, with their sign in apparent consumption.
    public static let flows: [String: Double] = [
        "production": 1, "imports": 1, "exports": -1, "international_bunkers": -1, "stock_change": -1,
        "non_energy_use": 0,
    ]

    /// Creates the method.
    public init() {}

    /// Category 1.A; mass, volume or energy; a fuel; only a stock change may be negative.
    public let spec = MethodSpec(.fuelSupply, categories: ["1.A"], dimensions: [.mass, .volume, .energy],
                                 itemKinds: [.fuel], negativeTechnologies: ["stock_change"],
                                 parameters: [.ncv, .carbonContent, .oxidation])

    /// The balance, with and without an NCV (flows given in energy units).
    public let formulas: [Formula] = [true, false].map { ncv in
        let toEnergy: [Expr] = ncv ? [.factor(slot: 0, label: "NCV")] : []
        let cc = Expr.factor(slot: ncv ? 1 : 0, label: "CC")
        return Formula(ncv ? "reference_approach_ncv" : "reference_approach_energy", lhs: "CO2",
                       .product([.difference(.product([.inputs(role: 0, symbol: "apparent")] + toEnergy + [cc]),
                                             .named("excluded C", unit: "tC",
                                                    .product([.inputs(role: 1, symbol: "excluded")] + toEnergy + [cc]),
                                                    display: .value)),
                                 .factor(slot: ncv ? 2 : 1, label: "COF"), .ratio(44, 12)]),
                       style: .numbers, preamble: .init(name: "apparent consumption", role: 0),
                       suffix: [.text(" (reference approach: a check, not in totals)")])
    }

    /// The category must be 1.A itself and the flow one of ``flows``.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        var out: [PlannedDiagnostic] = []
        if s.category.description != "1.A" {
            out.append(PlannedDiagnostic(.error, .categoryMismatch, .category,
                "category '\(s.category)' for fuel_supply; expected 1.A (the reference approach covers all fuel "
                    + "combustion)"))
        }
        if Self.flows[s.technology ?? ""] == nil {
            out.append(PlannedDiagnostic(.error, .categoryMismatch, .technology,
                "fuel_supply flow '\(s.technology ?? "")' in 'technology'; expected one of "
                    + Self.flows.keys.sorted().joined(separator: ", ")))
        }
        return out
    }

    /// A fuel's flows of one year form one balance.
    public func groupKey(_ row: Int, _ table: ActivityTable) -> String { "\(table.year[row])|\(table.itemOf(row))" }

    /// Plans one reference-approach CO2 line over the flows.
    public func planGroup(_ rows: [Int], _ p: inout GroupPlanner) {
        let t = p.table
        // All flows of a fuel must share a dimension, so that one NCV converts them.
        guard let dimension = t.unitOf(rows[0])?.dimension,
              rows.allSatisfy({ t.unitOf($0)?.dimension == dimension }) else {
            p.error(row: rows[0], .unitDimension, .unit,
                "fuel_supply flows of '\(t.itemOf(rows[0]))' in \(t.year[rows[0]]) use units of different "
                    + "dimensions; expected one dimension for all flows of a fuel")
            return
        }
        var factors: [ResolvedFactor] = []
        if dimension != .energy {
            guard let ncv = p.factor(.ncv, requirement: UnitRequirement(.energy / dimension,
                                                                        example: "energy per \(dimension), e.g. TJ/Gg"))
            else { return }
            factors.append(ncv)
        }
        guard let cc = p.factor(.carbonContent, requirement: UnitRequirement(.mass / .energy, species: .carbon,
                                    allowsNone: false, example: "carbon mass per energy, e.g. tC/TJ")),
              let cof = p.factor(.oxidation, requirement: UnitRequirement(.dimensionless,
                                     example: "a fraction, e.g. 1")) else { return }
        let inputs = rows.map { r -> GroupLine.Input in
            let flow = t.technologyOf(r) ?? ""
            return flow == "non_energy_use"
                ? GroupLine.Input(row: Int32(r), role: 1, weight: 1, label: flow)
                : GroupLine.Input(row: Int32(r), role: 0, weight: Self.flows[flow] ?? 0, label: flow)
        }
        p.line(formulas[dimension == .energy ? 1 : 0], gas: .co2, scope: .referenceApproach,
               factors: factors + [cc, cof], inputs: inputs)
    }

    /// The relative difference between reference and sectoral approach, in percent:
    /// `(RA − SA) / SA × 100` (IPCC 2006 Vol.2 Ch.6; methodology.md §2.2). Nil when SA is zero.
    public static func difference(reference: Double, sectoral: Double) -> Double? {
        sectoral == 0 ? nil : (reference - sectoral) / sectoral * 100
    }
}
