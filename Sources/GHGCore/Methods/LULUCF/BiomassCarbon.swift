/// The terms shared by the forest methods (IPCC 2006 Vol.4 Ch.2 and Ch.4): unit requirements of their factors and the
/// carbon in a biomass stock or increment, `× (1 + R) × CF`.
enum BiomassCarbon {
    /// `bcef`, `bcef_removals`, `wood_density`: dry matter per volume.
    static let perVolume = UnitRequirement(.mass / .volume, example: "dry matter per volume, e.g. 0.7 t/m3")
    /// `root_shoot_ratio`, `bef`: a ratio.
    static let ratio = UnitRequirement(.dimensionless, example: "a ratio, e.g. 0.2 (unit 1)")
    /// `carbon_fraction` of dry matter.
    static let carbonFraction = UnitRequirement(.dimensionless, species: .carbon,
                                                example: "carbon per dry matter, e.g. 0.47 tC/t")
    /// A rate per year (`growth_rate`, `consumption_rate`), as a fraction or `1/yr`.
    static let rate = UnitRequirement(.dimensionless, example: "a fraction per year, e.g. 0.06 (unit 1)")
    static let ratePerYear = UnitRequirement(.dimensionless / .time, example: "a rate per year, e.g. 0.06 1/yr")

    /// `(1 + R)` with R in `slot`.
    static func belowGround(_ slot: Int) -> Expr { .sum([.number(1, "1"), .factor(slot: slot, label: "R")]) }

    /// The root-to-shoot ratio and carbon fraction of the row.
    static func rootAndCarbon(_ p: inout RowPlanner) -> (ResolvedFactor, ResolvedFactor)? {
        let r = p.factor(.rootShootRatio, requirement: ratio)
        let cf = p.factor(.carbonFraction, requirement: carbonFraction)
        guard let r, let cf else { return nil }
        return (r, cf)
    }

    /// Where a line of an item that knows its category lands (`items.csv` `categories`: mangrove 3.B.4.c.i): the
    /// item's own category when the row's is it or a prefix of it (a row under 3.B.4), else the row's.
    static func landing(_ item: String, _ row: CategoryCode, _ context: PlanningContext) -> CategoryCode {
        guard let own = context.items[item]?.categories.first, row.isPrefix(of: own) else { return row }
        return own
    }
}
