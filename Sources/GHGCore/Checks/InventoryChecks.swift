/// Every quality check of a compiled inventory, in one place (IPCC 2006 Vol.1 Ch.6 QC; methodology.md §5.4): the
/// findings that `checks.csv` lists, in a fixed order of checks, each check's findings in its own order.
///
/// | check | code | finds |
/// |---|---|---|
/// | `reference_vs_sectoral` | `reference-vs-sectoral` | a fuel's reference-approach CO2 against its sectoral CO2 |
/// | `rollup_residual` | `rollup-residual` | a region's own totals against the sum of its sub-regions |
/// | `completeness` | `completeness` | a category with neither an estimate nor a notation key |
/// | `year_on_year` | `year-on-year` | a total or category changing beyond the thresholds |
/// | `implied_factor` | `implied-factor` | an implied emission factor outside a stated range |
/// | `factor_year` | `factor-year` | a factor more than 3 years from the inventory year |
/// | `overlapping_rows` | `overlapping-rows` | rows under a category and its sub-category, both counted |
/// | `measured_vs_calculated` | `measured-and-calculated` | a measured total and a calculated value, both counted |
/// | `biomass_as_fossil` | `biomass-as-fossil` | a fossil fuel row whose note names a biomass fuel |
/// | `coarse_category` | `coarse-category` | fuel in 1.A.4.c without a sub-category |
///
/// Exact duplicates, a measured total next to a calculated one without a subset note, and recovery beyond
/// generation are errors found while planning (the rows are not computed): they are in `diagnostics.csv`.
public enum InventoryChecks {
    /// The project's settings of the checks.
    public struct Settings: Hashable, Sendable {
        /// The roll-up tolerance (relative), `rollup_tolerance` in ghg-project.json.
        public var rollupTolerance: Double
        /// The year-on-year thresholds, `"checks"` in ghg-project.json.
        public var yearOnYear: TimeSeriesChecks.Thresholds

        /// Creates settings.
        public init(rollupTolerance: Double = 0.01, yearOnYear: TimeSeriesChecks.Thresholds = .init()) {
            self.rollupTolerance = rollupTolerance
            self.yearOnYear = yearOnYear
        }
    }

    /// The check ids, in the order their findings are listed.
    public static let order = ["reference_vs_sectoral", "rollup_residual", "completeness", "year_on_year",
                               "implied_factor", "factor_year", "overlapping_rows", "measured_vs_calculated",
                               "biomass_as_fossil", "coarse_category"]

    /// The findings and diagnostics of one group of checks, and the group's name (for timing).
    public typealias Part = (results: [CheckResult], diagnostics: [Diagnostic], name: String)

    /// Every check, as five independent groups, each a pure function of the calculation and the inventory, to be run
    /// in any order or side by side (the compiler runs them on its threads beside the outputs that list no
    /// findings) and joined by ``join(_:)`` in this order. The diagnostics are the warnings some checks also give
    /// (a large reference-approach difference, a roll-up residual beyond the tolerance).
    ///
    /// - Complexity: O(lines × region depth × category depth + rows + inventory cells), all groups together.
    public static func groups(_ calc: CalculationResult, inventory: Inventory, regions: RegionTree,
                              categories: CategoryTable, items: [String: Item], years: [Int],
                              gwp: @escaping (Gas) -> Double?, settings: Settings = Settings()) -> [() -> Part] {
        [
            {
                let (reference, referenceDiagnostics) = QualityChecks.referenceVsSectoral(calc, regions: regions)
                let (rollup, rollupDiagnostics) = QualityChecks.rollupResiduals(inventory, regions: regions,
                                                                                tolerance: settings.rollupTolerance)
                return (reference + rollup, referenceDiagnostics + rollupDiagnostics,
                        "  check reference_vs_sectoral, rollup_residual")
            },
            {
                (CompletenessChecks.check(calc, regions: regions, categories: categories, years: years), [],
                 "  check completeness")
            },
            {
                (TimeSeriesChecks.yearOnYear(inventory, calc: calc, regions: regions, years: years, gwp: gwp,
                                             thresholds: settings.yearOnYear), [], "  check year_on_year")
            },
            {
                let usage = FactorChecks.usage(calc)
                return (FactorChecks.impliedFactors(calc, usage: usage, regions: regions)
                            + FactorChecks.factorYears(calc, usage: usage, regions: regions), [],
                        "  check implied_factor, factor_year")
            },
            { (RowChecks.check(calc, items: items), [], "  check rows") },
        ]
    }

    /// The findings and diagnostics of the groups, in the groups' order.
    public static func join(_ parts: [Part]) -> (results: [CheckResult], diagnostics: [Diagnostic]) {
        (parts.flatMap(\.results), parts.flatMap(\.diagnostics))
    }
}
