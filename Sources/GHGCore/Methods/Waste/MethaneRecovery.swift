/// CH4 recovered (flared or used for energy) at a landfill, a biological treatment plant or a wastewater plant
/// (methods.md §4, `methane_recovery`): R, subtracted in its category's equation.
///
///     4.A:        CH4 = −1 × R × (1 − OX)       (Eq. 3.1: (Σ generated − R) × (1 − OX), the R part)
///     4.B, 4.D:   CH4 = −1 × R                  (Eq. 4.1, Eq. 6.1: … − R)
///
/// The item is `ch4`; the technology of a 4.A row keys the site's oxidation factor like the deposits' (a cover:
/// `managed_covered`). Recovery larger than the CH4 its category generates in that region and year is an error that
/// names both numbers (``SubtractionChecks``), never a clamp.
public struct MethaneRecovery: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Categories 4.A, 4.B, 4.D; a mass of CH4.
    public let spec = MethodSpec(.methaneRecovery, categories: ["4.A", "4.B", "4.D"], dimensions: [.mass],
                                 itemKinds: [.substance], parameters: [.oxidation])

    /// Recovery at a landfill (through the oxidation factor) and elsewhere.
    public let formulas: [Formula] = [
        Formula("landfill_recovery", lhs: "CH4", .product([.number(-1, "−1"), .activityAs("R"),
                                                           .oneMinus(.factor(slot: 0, label: "OX"))])),
        Formula("methane_recovery", lhs: "CH4", .product([.number(-1, "−1"), .activityAs("R")])),
    ]

    /// The item must be `ch4`; a unit that names a species must name CH4.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        var out: [PlannedDiagnostic] = []
        if s.item != "ch4" {
            out.append(PlannedDiagnostic(.error, .itemKind, .item,
                "methane_recovery takes item 'ch4' (the mass of CH4 recovered or flared), not '\(s.item)'"))
        }
        if let sp = s.unit?.species, sp != .ch4 {
            out.append(PlannedDiagnostic(.error, .unitDimension, .unit,
                "unit '\(s.unit!.symbol)' counts \(sp); expected a mass of CH4 (t, t CH4, 10^4 m3 converted to t)"))
        }
        return out
    }

    /// One negative line in the row's category.
    public func plan(_ p: inout RowPlanner) {
        if CategoryCode("4.A")!.isPrefix(of: p.category) {
            guard let ox = p.factor(.oxidation, requirement: SolidWasteDisposal.fraction) else { return }
            p.line(formulas[0], gas: .ch4, factors: [ox])
        } else {
            p.line(formulas[1], gas: .ch4, factors: [])
        }
    }
}
