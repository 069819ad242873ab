/// A measured emission counted as given (a key enterprise's verified report, a CEMS total).
///
/// The row's `item` names the gas (`CO2`, `CH4`, `SF6`, ...) and its unit is a mass; the lineage points to the
/// row's `source`. Under an `IND` category the line is indirect, otherwise it counts in the total.
public struct DirectEmission: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Any category; a mass; the item is a gas (checked in ``validate(_:_:)``).
    public let spec = MethodSpec(.directEmission, categories: [], dimensions: [.mass], itemKinds: nil, parameters: [])

    /// `gas = AD`, counted as given.
    public let formulas = [
        Formula("direct_emission", lhs: "{gas}", .activity("AD"), style: .measured,
                suffix: [.text(" (measured, counted as given; source: "), .source, .text(")")]),
    ]

    /// The item must be a gas with a GWP, and a unit that names a species must name that gas.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        guard let gas = Gas(parsing: s.item), context.knownGases.contains(gas) else {
            return [PlannedDiagnostic(.error, .unknownGas, .item,
                "unknown gas '\(s.item)' for direct_emission; expected one of "
                    + context.knownGases.sorted().map(\.rawValue).joined(separator: ", "))]
        }
        if let unit = s.unit, let sp = unit.species, Species(gas: gas) != sp {
            return [PlannedDiagnostic(.error, .unitDimension, .unit,
                "unit '\(unit.symbol)' counts \(sp) but the row reports \(gas); expected a plain mass unit such as t "
                    + "or a unit counting \(gas)")]
        }
        return []
    }

    /// One line: the measured mass, in the total (or indirect under `IND`).
    public func plan(_ p: inout RowPlanner) {
        guard let gas = Gas(parsing: p.item) else { return }
        p.line(formulas[0], gas: gas, scope: p.category.sector == "IND" ? .indirect : .total, factors: [])
    }
}
