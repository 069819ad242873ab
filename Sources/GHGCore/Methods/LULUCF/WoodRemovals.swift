/// The loss of the gain-loss method from wood removals (IPCC 2006 Vol.4 Ch.2 Eq. 2.12-2.13; methods.md §3,
/// `wood_removals`).
///
///     CO2 = H × BCEF_R × (1 + R) × CF × 44/12
///
/// H is the volume removed (m3), roundwood or fuelwood as the row's `technology` says (a growing-stock class for
/// BCEF_R may follow: `roundwood+gs_41_100`). Fuelwood gathered as parts of trees (Eq. 2.13's FG_part × D) is not a
/// volume of trees and is not covered: enter it as a project factor route if needed.
public struct WoodRemovals: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 3.B.1.a; a volume; a forest type; roundwood or fuelwood.
    public let spec = MethodSpec(.woodRemovals, categories: ["3.B.1.a"], dimensions: [.volume], itemKinds: [.forestType],
                                 parameters: [.bcefRemovals, .rootShootRatio, .carbonFraction],
                                 directions: ["roundwood", "fuelwood"])

    /// One formula per kind of removal, so that the lineage names it.
    public let formulas: [Formula] = ["roundwood", "fuelwood"].map { kind in
        Formula("wood_removals_\(kind)", lhs: "CO2",
                .product([.activityAs("H"), .factor(slot: 0, label: "BCEF_R"), BiomassCarbon.belowGround(1),
                          .factor(slot: 2, label: "CF"), .ratio(44, 12)]),
                suffix: [.text(" (\(kind) removals)")])
    }

    /// One CO2 line; the row must say roundwood or fuelwood.
    public func plan(_ p: inout RowPlanner) {
        guard let direction = p.direction else {
            p.error(.emptyField, .technology,
                "wood_removals needs the kind of removal in 'technology'; expected roundwood (商品材) or fuelwood "
                    + "(薪材), optionally with a growing-stock class, e.g. roundwood+gs_41_100")
            return
        }
        let bcef = p.factor(.bcefRemovals, requirement: BiomassCarbon.perVolume)
        guard let (r, cf) = BiomassCarbon.rootAndCarbon(&p), let bcef else { return }
        p.line(formulas[direction == "roundwood" ? 0 : 1], gas: .co2, factors: [bcef, r, cf])
    }
}
