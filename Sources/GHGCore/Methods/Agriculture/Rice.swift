/// CH4 from rice cultivation (IPCC 2006 Vol.4 Ch.5 §5.5, Eq. 5.1–5.2; China provincial guideline).
///
/// China route: `CH4 = A × EF`, the harvested area of a season (`single_rice`, `early_rice`, `late_rice`) times the
/// season's factor per hectare (`ef_ch4` under 3.C.7, by region). IPCC route:
/// `CH4 = A × EF_c × t × SFw × SFp × SFo`: the baseline daily factor (1.30 kg CH4/ha/d), the cultivation period, and the
/// scaling factors for the water regime (the row's technology: `continuously_flooded`, `single_aeration`,
/// `multiple_aeration`, `rainfed_regular`, …, or the aggregated `irrigated` / `rainfed`), the pre-season water regime
/// and organic amendments. The first set in the stack with `ef_ch4` or `ef_ch4_daily` for the row decides.
///
/// The row has one technology, its water regime: a pre-season status other than the IPCC aggregate (SFp 1.22) and
/// the SFo of organic amendments are project factors (`sf_preseason`, `sf_organic` in `factors/`).
public struct RiceCultivation: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 3.C.7; an area; a crop (the rice season).
    public let spec = MethodSpec(.riceCultivation, categories: ["3.C.7"], dimensions: [.area], itemKinds: [.crop],
                                 parameters: [.efCH4, .efCH4Daily, .cultivationDays, .sfWater, .sfPreseason, .sfOrganic])

    /// `CH4 = A × EF` and `CH4 = A × EF_c × t × SFw × SFp × SFo`.
    public let formulas = [
        Formula("rice_ch4_season", lhs: "CH4", .product([.activityAs("A"), .factor(slot: 0, label: "EF")])),
        Formula("rice_ch4_daily", lhs: "CH4",
                .product([.activityAs("A"), .factor(slot: 0, label: "EF_c"), .factor(slot: 1, label: "t"),
                          .factor(slot: 2, label: "SFw"), .factor(slot: 3, label: "SFp"), .factor(slot: 4, label: "SFo")])),
    ]

    /// The item must be rice or a rice season.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        ["rice", "single_rice", "early_rice", "late_rice"].contains(s.item) ? [] : [PlannedDiagnostic(.error, .itemKind, .item,
            "rice_cultivation needs the rice season; expected single_rice (单季稻), early_rice (双季早稻), late_rice "
                + "(双季晚稻) or rice, not '\(s.item)'")]
    }

    static let scale = UnitRequirement(.dimensionless, example: "a scaling factor, e.g. 0.52 (unit 1)")

    /// One CH4 line.
    public func plan(_ p: inout RowPlanner) {
        let season = p.factor(.efCH4, requirement: UnitRequirement(.mass / .area, species: .ch4,
                                  example: "CH4 per area and season, e.g. kg CH4/ha"), quiet: true)
        let daily = p.factor(.efCH4Daily, requirement: UnitRequirement(.mass / (.area * .time), species: .ch4,
                                 example: "CH4 per area and day, e.g. kg CH4/ha/d"), quiet: true)
        if let season, daily == nil || season.stackIndex <= daily!.stackIndex {
            p.line(formulas[0], gas: .ch4, factors: [season])
            return
        }
        guard let daily else {
            let q = p.support.query(.efCH4)
            p.error(.missingFactor, .item, "rice CH4 needs 'ef_ch4' (per season, China route) or 'ef_ch4_daily' (IPCC "
                + "route): " + FactorLookupError.missing(q, stack: p.context.factors.stackIDs).message)
            return
        }
        guard let sfw = p.factor(.sfWater, requirement: Self.scale),
              let days = p.factor(.cultivationDays, requirement: UnitRequirement(.time, example: "days, e.g. 120 d")),
              let sfp = p.factor(.sfPreseason, requirement: Self.scale),
              let sfo = p.factor(.sfOrganic, requirement: Self.scale) else { return }
        p.line(formulas[1], gas: .ch4, factors: [daily, days, sfw, sfp, sfo])
    }
}
