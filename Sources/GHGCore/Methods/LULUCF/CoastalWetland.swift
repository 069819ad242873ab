/// Soil carbon of coastal wetlands (2013 Supplement to the 2006 IPCC Guidelines: Wetlands, Ch.4, Tier 1; methods.md
/// §3, `coastal_wetland`), and the separate blue-carbon indicator. A row under 3.B.4 lands in its wetland type's
/// category (mangrove 3.B.4.c.i, tidal marsh 3.B.4.c.ii, seagrass 3.B.4.c.iii).
///
/// The row's `technology` says what happened to the area (mangrove, tidal marsh or seagrass) in the year:
///
///     rewetted, revegetated, created:  CO2 = -1 × A × carbon_accumulation × 44/12    (soil carbon accumulates)
///     extraction:                      CO2 = A × soil_carbon_stock × 44/12          (lost once)
///     drainage:                        CO2 = A × drainage_loss × 44/12              (lost each year)
///     existing:                        no Tier 1 soil flux: no inventory line
///
/// Where the stack has a `blue_carbon_sequestration_rate` for the wetland (a project value, e.g. from HY/T
/// 0349-2022), rows other than extraction and drainage also get `CO2 = -1 × A × rate × 44/12` in scope
/// `blue_carbon_sequestration`: a separately labelled indicator, never in a total. Biomass growth of mangrove is
/// `forest_area` under 3.B.4.
public struct CoastalWetland: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// What happened to the area.
    public static let activities = ["rewetted", "revegetated", "created", "extraction", "drainage", "existing"]

    /// Category 3.B.4; an area; a wetland type.
    public let spec = MethodSpec(.coastalWetland, categories: ["3.B.4"], dimensions: [.area], itemKinds: [.wetland],
                                 parameters: [.carbonAccumulation, .soilCarbonStock, .drainageLoss,
                                              .blueCarbonSequestrationRate],
                                 directions: Set(activities))

    /// Accumulation, extraction, drainage, and the blue-carbon indicator.
    public let formulas = [
        Formula("coastal_wetland_accumulation", lhs: "CO2",
                .product([.number(-1, "-1"), .activityAs("A"), .factor(slot: 0, label: "CA"), .ratio(44, 12)])),
        Formula("coastal_wetland_extraction", lhs: "CO2",
                .product([.activityAs("A"), .factor(slot: 0, label: "C_soil"), .ratio(44, 12)])),
        Formula("coastal_wetland_drainage", lhs: "CO2",
                .product([.activityAs("A"), .factor(slot: 0, label: "EF_drainage"), .ratio(44, 12)])),
        Formula("blue_carbon_sequestration", lhs: "CO2",
                .product([.number(-1, "-1"), .activityAs("A"), .factor(slot: 0, label: "rate"), .ratio(44, 12)]),
                suffix: [.text(" (blue-carbon indicator, outside the inventory)")]),
    ]

    static let perYear = UnitRequirement(.mass / (.area * .time), species: .carbon, allowsNone: false,
                                         example: "carbon per area and year, e.g. 1.62 tC/ha/yr")

    /// The inventory line of the row's activity, and the indicator line where the project gives a rate.
    public func plan(_ p: inout RowPlanner) {
        let category = BiomassCarbon.landing(p.item, p.category, p.context)
        guard let what = p.direction else {
            p.error(.emptyField, .technology,
                "coastal_wetland needs what happened to the area in 'technology'; expected one of "
                    + Self.activities.joined(separator: ", "))
            return
        }
        switch what {
        case "extraction":
            guard let c = p.factor(.soilCarbonStock, requirement: UnitRequirement(.mass / .area, species: .carbon,
                                       allowsNone: false, example: "carbon per area, e.g. 386 tC/ha"),
                                   technology: what) else { return }
            p.line(formulas[1], gas: .co2, category: category, factors: [c])
        case "drainage":
            guard let c = p.factor(.drainageLoss, requirement: Self.perYear, technology: what) else { return }
            p.line(formulas[2], gas: .co2, category: category, factors: [c])
        case "existing":
            break
        default:
            guard let c = p.factor(.carbonAccumulation, requirement: Self.perYear, technology: what) else { return }
            p.line(formulas[0], gas: .co2, category: category, factors: [c])
        }
        guard what != "extraction", what != "drainage" else { return }
        if let rate = p.factor(.blueCarbonSequestrationRate, requirement: Self.perYear, quiet: true,
                               technology: what) {
            p.line(formulas[3], gas: .co2, scope: .blueCarbonSequestration, category: category, factors: [rate])
        } else if what == "existing" {
            p.warning(.missingFactor, .technology,
                "an existing '\(p.item)' area has no Tier 1 soil flux (2013 Wetlands Supplement Ch.4), so it makes no "
                    + "inventory line; it counts in the blue_carbon_sequestration indicator only with a "
                    + "'blue_carbon_sequestration_rate' (tC/ha/yr, with its source) in the project's factors/ folder")
        }
    }
}
