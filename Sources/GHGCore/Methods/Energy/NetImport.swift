/// Indirect CO2 from net imported electricity or heat (调入调出电力/热力间接排放; methodology §2.14).
///
/// `CO2 = (imports − exports) × EF`, with the grid factor of the region's grid and year (`grid_ef`) or the heat
/// factor (`heat_ef`). A negative value is a net export and gives a negative line. Lines are in scope `indirect`,
/// under `IND.1` / `IND.2`: outside the IPCC total, added in the second total and available to indicators. Local
/// generation is already in 1.A.1, so this line is additive only for net imports.
public struct NetImport: CalculationMethod {
    /// What the method accepts.
    public let spec: MethodSpec
    /// The factor parameter.
    public let parameter: FactorParameter
    /// An example unit for messages.
    public let example: String
    /// The dimension of the activity value.
    public var dimension: PhysicalDimension { spec.dimensions[0] }

    /// Net imported electricity: `IND.1`, electricity units, `grid_ef`.
    public static let electricity = NetImport(.electricityNetImport, category: "IND.1", dimension: .electricity,
                                              parameter: .gridEF, example: "tCO2/MWh")
    /// Net imported heat: `IND.2`, energy units, `heat_ef`.
    public static let heat = NetImport(.heatNetImport, category: "IND.2", dimension: .energy, parameter: .heatEF,
                                       example: "tCO2/GJ")

    init(_ activity: ActivityKind, category: String, dimension: PhysicalDimension, parameter: FactorParameter,
         example: String) {
        spec = MethodSpec(activity, categories: [category], dimensions: [dimension], itemKinds: [.energyCarrier],
                          allowsNegative: true, parameters: [parameter, .tceCoefficient])
        self.parameter = parameter
        self.example = example
    }

    /// `CO2 = net import × EF`.
    public let formulas = [
        Formula("net_import_co2", lhs: "CO2", .product([.activity("net import"), .factor(slot: 0, label: "EF")]),
                suffix: [.ifNegative(" (net export)"), .text(" (indirect, outside the IPCC total)")]),
    ]

    /// Plans one indirect CO2 line and the energy accounting.
    public func plan(_ p: inout RowPlanner) {
        p.energyAccounting(dimension == .energy ? .activity : .none)
        guard let ef = p.factor(parameter, requirement: UnitRequirement(.mass / dimension, species: .co2,
                                    example: "CO2 mass per \(dimension), e.g. \(example)")) else { return }
        p.line(formulas[0], gas: .co2, scope: .indirect, factors: [ef])
    }
}

