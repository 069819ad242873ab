/// SF6 from electrical equipment in use (IPCC 2006 Vol.3 Ch.8 §8.2, Tier 1 use-phase): `SF6 = bank × leak rate`,
/// the SF6 contained in the equipment (nameplate capacity) times the fraction emitted per year. The IPCC gives only
/// regional defaults of 1995 practice (technology `sealed_pressure_europe`, `closed_pressure_japan` …); a project
/// names one or supplies its own rate.
public struct SF6Equipment: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.G.1; a mass of SF6; item `sf6`.
    public let spec = MethodSpec(.sf6Equipment, categories: ["2.G.1"], dimensions: [.mass], itemKinds: [.substance],
                                 parameters: [.leakRate])

    /// `SF6 = bank × rate`.
    public let formulas = [
        Formula("sf6_leak", lhs: "SF6", .product([.activityAs("bank"), .factor(slot: 0, label: "rate")]),
                suffix: [.text(" per year")]),
    ]

    /// The item must be `sf6`.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        s.item == "sf6" ? [] : [PlannedDiagnostic(.error, .itemKind, .item,
            "sf6_equipment reports the SF6 bank; expected item 'sf6', not '\(s.item)'")]
    }

    /// One SF6 line.
    public func plan(_ p: inout RowPlanner) {
        guard let rate = p.factor(.leakRate, requirement: UnitRequirement(.dimensionless / .time,
                                      example: "a fraction per year, e.g. 0.02 1/yr")) else { return }
        p.line(formulas[0], gas: .sf6, factors: [rate])
    }
}
