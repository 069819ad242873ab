/// Indirect CO2 from net imported electricity or heat (调入调出电力/热力间接排放; methodology §2.14).
///
/// `CO2 = (imports − exports) × EF`, with the grid factor of the region's grid and year (`grid_ef`) or the heat
/// factor (`heat_ef`). A negative value is a net export and gives a negative line. Lines are in scope `indirect`,
/// under `IND.1` / `IND.2`: outside the IPCC total, added in the second total and available to indicators. Local
/// generation is already in 1.A.1, so this line is additive only for net imports.
public struct NetImport: CalculationMethod {
    /// The activity kind.
    public let activity: ActivityKind
    /// The category prefix the rows must use.
    public let categoryPrefix: String
    /// The item kind's dimension.
    public let dimension: PhysicalDimension
    /// The factor parameter.
    public let parameter: String
    /// An example unit for messages.
    public let example: String

    /// Net imported electricity: `IND.1`, electricity units, `grid_ef`.
    public static let electricity = NetImport(activity: .electricityNetImport, categoryPrefix: "IND.1",
                                              dimension: .electricity, parameter: "grid_ef", example: "tCO2/MWh")
    /// Net imported heat: `IND.2`, energy units, `heat_ef`.
    public static let heat = NetImport(activity: .heatNetImport, categoryPrefix: "IND.2", dimension: .energy,
                                       parameter: "heat_ef", example: "tCO2/GJ")

    /// The one dimension the activity value may have.
    public var acceptedDimensions: [PhysicalDimension] { [dimension] }

    /// Checks the category, an energy-carrier item and the unit; negative values (net exports) are allowed.
    public func validate(_ record: ActivityRecord, context: CalculationContext) -> [Diagnostic] {
        MethodSupport.check(record, context, categoryPrefixes: [categoryPrefix], dimensions: acceptedDimensions,
                            itemKinds: [.energyCarrier], allowsNegative: true)
    }

    /// Computes one indirect CO2 line per row.
    public func calculate(_ records: [ActivityRecord], context: CalculationContext) -> MethodOutput {
        MethodSupport.eachRow(records, context) { s, out in
            out.energy.append(s.energyLine(gigajoules: dimension == .energy ? s.baseAmount : nil, ncv: nil))
            guard let ef = s.factor(parameter, requirement: UnitRequirement(.mass / dimension, species: .co2,
                                        example: "CO2 mass per \(dimension), e.g. \(example)")) else { return }
            let mass = s.baseAmount * ef.baseValue
            let direction = mass < 0 ? " (net export)" : ""
            let formula = "CO2 = net import × EF = \(s.shownAmount) × \(MethodSupport.show("EF", ef)) = "
                + "\(DecimalFormat.string(mass)) t\(direction) (indirect, outside the IPCC total)"
            out.lines.append(s.line(gas: .co2, scope: .indirect, mass: mass, factors: [ef], formula: formula))
        }
    }
}

/// A measured emission counted as given (a key enterprise's verified report, a CEMS total).
///
/// The row's `item` names the gas (`CO2`, `CH4`, `SF6`, ...) and its unit is a mass; the lineage points to the
/// row's `source`. Under an `IND` category the line is indirect, otherwise it counts in the total.
public struct DirectEmission: CalculationMethod {
    /// Creates the method.
    public init() {}
    /// `direct_emission`.
    public var activity: ActivityKind { .directEmission }
    /// Mass.
    public var acceptedDimensions: [PhysicalDimension] { [.mass] }

    /// Checks the gas, the unit (species, if written, must be the gas) and the sign.
    public func validate(_ record: ActivityRecord, context: CalculationContext) -> [Diagnostic] {
        var out = MethodSupport.check(record, context, categoryPrefixes: [], dimensions: acceptedDimensions,
                                      itemKinds: nil)
        let gas = Gas(parsing: record.item)
        if gas == nil || !context.knownGases.contains(gas!) {
            out.append(.error(.unknownGas, at: record.location(of: "item"),
                "unknown gas '\(record.item)' for direct_emission; expected one of "
                    + context.knownGases.sorted().map(\.rawValue).joined(separator: ", ")))
        } else if let sp = record.unit?.species, Species(gas: gas!) != sp {
            out.append(.error(.unitDimension, at: record.location(of: "unit"),
                "unit '\(record.unit!.symbol)' counts \(sp) but the row reports \(gas!); expected a plain mass "
                    + "unit such as t or a unit counting \(gas!)"))
        }
        return out
    }

    /// One line per row, the value converted to tonnes.
    public func calculate(_ records: [ActivityRecord], context: CalculationContext) -> MethodOutput {
        var out = MethodOutput()
        for r in records {
            guard let gas = Gas(parsing: r.item) else { continue }
            let s = MethodSupport(r, context)
            let scope: EmissionScope = r.category.sector == "IND" ? .indirect : .total
            let formula = "\(gas) = \(s.shownAmount) (measured, counted as given; source: \(r.source))"
            out.lines.append(s.line(gas: gas, scope: scope, mass: s.baseAmount, factors: [], formula: formula))
        }
        return out
    }
}
