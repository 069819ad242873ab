/// The settings of `ghg-project.json`.
public struct ProjectConfig: Hashable, Sendable {
    /// The years any input may name (inventory, base, factor and price-base years, every year column): a year outside
    /// is a located error, so that nothing is ever sized by a user-supplied number.
    public static let yearRange = 1900...2100

    /// The project's name.
    public var name: String
    /// The inventory years.
    public var years: [Int]
    /// The base years indicators compare against (default 2005 and 2020).
    public var baseYears: [Int]
    /// The GWP set of every CO2e figure (default AR5).
    public var gwp: GWPSet
    /// Shipped factor-set ids, in priority order (the project's own `factors/` set always comes first).
    public var factorStack: [String]
    /// Per-parameter lookup overrides.
    public var factorLookup: [FactorParameter: LookupOverride]
    /// Indicator settings (CO2 scope, GDP price base, custom indicators, `≈` tolerance).
    public var indicators: IndicatorSettings
    /// Relative tolerance of the residual between a region with its own totals and the sum of its sub-regions.
    public var rollupTolerance: Double
    /// The caliber chosen per item (`natural_gas` → `gasfield_gas`): the technology of the item's energy conversions
    /// (``FactorParameter/caliberParameters``), written `"calibers": {"natural_gas": "gasfield_gas"}`.
    public var calibers: [String: String]
    /// How landfill CH4 (`solid_waste_disposal`) is estimated: first-order decay (default) or mass balance, for the
    /// whole project (`"landfill_method": "mass_balance"`), so that no series mixes the two.
    public var landfillMethod: LandfillMethod
    /// The uncertainties assumed where a row states none (`"uncertainty"`), for Approach 1 and Monte Carlo.
    public var uncertainty = UncertaintyDefaults()
    /// The year-on-year thresholds of the time-series check (`"checks": {"year_on_year_category_pct": 10,
    /// "year_on_year_total_pct": 5}`).
    public var yearOnYear = TimeSeriesChecks.Thresholds()
    /// Whether CSV outputs begin with a UTF-8 byte-order mark, so that Excel opens them as UTF-8
    /// (`"excel_csv": true`; `ghg compile --excel` does the same for one run).
    public var excelCSV = false

    /// Creates a configuration.
    public init(name: String, years: [Int], baseYears: [Int] = [2005, 2020], gwp: GWPSet = .ar5,
                factorStack: [String], factorLookup: [FactorParameter: LookupOverride] = [:],
                indicators: IndicatorSettings? = nil, rollupTolerance: Double = 0.01, calibers: [String: String] = [:],
                landfillMethod: LandfillMethod = .firstOrderDecay) {
        self.calibers = calibers
        self.landfillMethod = landfillMethod
        self.name = name
        self.years = years
        self.baseYears = baseYears
        self.gwp = gwp
        self.factorStack = factorStack
        self.factorLookup = factorLookup
        self.indicators = indicators ?? IndicatorSettings(baseYears: baseYears)
        self.rollupTolerance = rollupTolerance
    }
}

/// The uncertainties a project assumes where its rows state none (`"uncertainty": {"activity": {"default": 5,
/// "solid_waste_disposal": 30}, "factor": {"decay_rate": 50}}`), each ± % at the 95 % level. An activity row's own
/// `uncertainty` column and a factor row's `low`/`high` always come first; an input with neither is taken as exact
/// and listed as such in the uncertainty outputs.
public struct UncertaintyDefaults: Hashable, Sendable {
    /// By activity kind; the key `default` applies to every kind not named.
    public var activity: [String: Double]
    /// By factor parameter, for factor rows without `low`/`high`.
    public var factor: [FactorParameter: Double]

    /// Creates defaults.
    public init(activity: [String: Double] = [:], factor: [FactorParameter: Double] = [:]) {
        self.activity = activity
        self.factor = factor
    }

    /// The assumed uncertainty of a row of `kind` that states none.
    public func activityPercent(kind: String) -> Double? { activity[kind] ?? activity["default"] }
}

/// How landfill CH4 is estimated (methodology.md §2.11).
public enum LandfillMethod: String, CaseIterable, Hashable, Sendable {
    /// First-order decay over the disposal history (IPCC 2006 Vol.5 Ch.3 Eq. 3.1–3.6), the default.
    case firstOrderDecay = "first_order_decay"
    /// The mass-balance (default) method of the Revised 1996 Guidelines, used by China's provincial guideline: all
    /// potential CH4 of a year's deposit is counted in that year. Not time-consistent with FOD.
    case massBalance = "mass_balance"
}

/// The compiler's version, written into every manifest.
public enum GHGVersion {
    /// Semantic version of the tool.
    public static let current = "0.1.0"
}
