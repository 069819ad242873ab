/// Forest growth and consumption by the China provincial guideline's standing-volume method (省级温室气体清单编制指南
/// 2011, 土地利用变化和林业; methodology.md §2.10; methods.md §3, `forest_growth`).
///
/// A row is the standing volume V (活立木蓄积量) of a forest type, or of all standing trees (`standing_trees`), in the
/// inventory year. Two lines, so that both the sink and the harvest are visible:
///
///     growth:       CO2 = -1 × V × GR × SVD × BEF × CF × 44/12   (removal)
///     consumption:  CO2 = V × CR × SVD × BEF × CF × 44/12        (emission)
///
/// GR (`growth_rate`) and CR (`consumption_rate`) are the inventory's annual rates (活立木蓄积量年均总生长率, 年均消耗率),
/// SVD the basic wood density, BEF the whole-tree expansion factor, CF the carbon fraction. No guideline value ships
/// with a verified citation: the project supplies them in its `factors/` set.
public struct ForestGrowth: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 3.B.1.a; a volume; a forest type.
    public let spec = MethodSpec(.forestGrowth, categories: ["3.B.1.a"], dimensions: [.volume], itemKinds: [.forestType],
                                 parameters: [.growthRate, .consumptionRate, .woodDensity, .bef, .carbonFraction])

    /// Growth (a removal) and consumption (an emission).
    public let formulas: [Formula] = [
        Formula("forest_growth_removal", lhs: "CO2",
                .product([.number(-1, "-1"), .activityAs("V"), .factor(slot: 0, label: "GR"),
                          .factor(slot: 1, label: "SVD"), .factor(slot: 2, label: "BEF"), .factor(slot: 3, label: "CF"),
                          .ratio(44, 12)]),
                suffix: [.text(" (growth)")]),
        Formula("forest_consumption_emission", lhs: "CO2",
                .product([.activityAs("V"), .factor(slot: 0, label: "CR"), .factor(slot: 1, label: "SVD"),
                          .factor(slot: 2, label: "BEF"), .factor(slot: 3, label: "CF"), .ratio(44, 12)]),
                suffix: [.text(" (consumption)")]),
    ]

    /// A rate as a fraction or per year.
    static func rate(_ parameter: FactorParameter, _ p: inout RowPlanner) -> ResolvedFactor? {
        if let f = p.factor(parameter, requirement: BiomassCarbon.rate, quiet: true) { return f }
        return p.factor(parameter, requirement: BiomassCarbon.ratePerYear)
    }

    /// The growth and the consumption line.
    public func plan(_ p: inout RowPlanner) {
        let gr = Self.rate(.growthRate, &p), cr = Self.rate(.consumptionRate, &p)
        let svd = p.factor(.woodDensity, requirement: BiomassCarbon.perVolume)
        let bef = p.factor(.bef, requirement: BiomassCarbon.ratio)
        let cf = p.factor(.carbonFraction, requirement: BiomassCarbon.carbonFraction)
        guard let gr, let cr, let svd, let bef, let cf else { return }
        p.line(formulas[0], gas: .co2, factors: [gr, svd, bef, cf])
        p.line(formulas[1], gas: .co2, factors: [cr, svd, bef, cf])
    }
}
