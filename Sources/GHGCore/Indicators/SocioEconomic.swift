/// One row of `socioeconomic.csv`: a named series' value for a region and year.
public struct SocioRecord: Hashable, Sendable {
    /// Where the row is.
    public var location: InputLocation
    /// Region code.
    public var region: String
    /// Year (any year, not only inventory years: GDP indices are needed for every year of a chain).
    public var year: Int
    /// Series name (`gdp`, `gdp_index`, `gdp_constant`, `population`, `energy_tce`, `forest_coverage`, ...).
    public var series: String
    /// The value as given.
    public var value: Double
    /// The unit, when the registry knows it; nil for a free label such as `10^4 kW` or `parks`.
    public var unit: MeasurementUnit?
    /// The unit as written.
    public var unitText: String
    /// The price base year of a constant-price series.
    public var baseYear: Int?
    /// Source.
    public var source: String

    /// Creates a record.
    public init(location: InputLocation, region: String, year: Int, series: String, value: Double,
                unit: MeasurementUnit?, unitText: String, baseYear: Int?, source: String) {
        self.location = location
        self.region = region
        self.year = year
        self.series = series
        self.value = value
        self.unit = unit
        self.unitText = unitText
        self.baseYear = baseYear
        self.source = source
    }

    /// The value in the base unit of its dimension (the value itself for a label unit).
    public var baseValue: Double { unit?.toBase(value) ?? value }
}

/// Socio-economic series by region, year and name, validated.
public struct SocioEconomicData: Sendable {
    /// The series the compiler computes with, and the dimension each must have.
    public static let knownSeries: [String: (dimension: PhysicalDimension, example: String)] = [
        "gdp": (.currency, "GDP at current prices, e.g. 亿元 or 万元"),
        "gdp_constant": (.currency, "GDP at constant prices (with base_year), e.g. 亿元"),
        "gdp_index": (.dimensionless, "the GDP index, previous year = 100, in % (e.g. 108.2 %) or as a ratio in 1"),
        "population": (.population, "resident population, e.g. 万人"),
        "energy_tce": (.standardCoal, "total energy consumption, e.g. 万吨标准煤"),
        "non_fossil_tce": (.standardCoal, "non-fossil energy consumption, e.g. 万吨标准煤"),
        "non_fossil_electricity": (.electricity, "non-fossil electricity consumed, e.g. 亿千瓦时"),
    ]

    private var byKey: [String: SocioRecord] = [:]

    /// Validates and indexes the rows: known series must have a unit of their dimension, `gdp_constant` a base
    /// year, regions must exist, and a (region, year, series) may appear once.
    public init(_ records: [SocioRecord], regions: RegionTree, diagnostics: inout DiagnosticLog) {
        for r in records {
            if !regions.contains(r.region) {
                diagnostics.report(.error(.unknownRegion, at: r.location,
                    regions.unknownCodeMessage(r.region)))
                continue
            }
            if let known = Self.knownSeries[r.series] {
                guard let unit = r.unit, unit.dimension == known.dimension else {
                    diagnostics.report(.error(r.unit == nil ? .unknownUnit : .unitDimension, at: r.location,
                        "unit '\(r.unitText)' for series '\(r.series)'; expected \(known.example)"))
                    continue
                }
                _ = unit
            }
            if r.series == "gdp_index", !(0.5...1.5).contains(r.baseValue) {
                diagnostics.report(.error(.malformedNumber, at: r.location,
                    "gdp_index '\(DecimalFormat.string(r.value))' with unit '\(r.unitText)' is a growth factor of "
                        + "\(DecimalFormat.string(r.baseValue)); expected previous year = 100 in % (e.g. 108.2 %) or "
                        + "a ratio near 1 (e.g. 1.082 with unit 1)"))
                continue
            }
            if r.series == "gdp_constant" && r.baseYear == nil {
                diagnostics.report(.error(.emptyField, at: r.location,
                    "gdp_constant without base_year; expected the price base year, e.g. 2020"))
                continue
            }
            let key = Self.key(r.series, r.region, r.year)
            if let first = byKey[key] {
                diagnostics.report(.error(.duplicateRow, at: r.location,
                    "duplicate series '\(r.series)' for region \(r.region), year \(r.year); first given at "
                        + "\(first.location)"))
                continue
            }
            byKey[key] = r
        }
    }

    static func key(_ series: String, _ region: String, _ year: Int) -> String { "\(series)|\(region)|\(year)" }

    /// The row of a series, if given.
    public func record(_ series: String, region: String, year: Int) -> SocioRecord? {
        byKey[Self.key(series, region, year)]
    }

    /// Every series name given, sorted.
    public var seriesNames: [String] { Set(byKey.values.map(\.series)).sorted() }

    /// The years a series has for a region, ascending.
    public func years(_ series: String, region: String) -> [Int] {
        byKey.values.filter { $0.series == series && $0.region == region }.map(\.year).sorted()
    }
}

/// GDP at constant prices, given or chain-linked (methodology.md §6):
///
///     GDP_t = GDP_b(current) × Π_{y = b+1 … t} index_y           for t > b
///     GDP_t = GDP_b(current) / Π_{y = t+1 … b} index_y           for t < b
///
/// with `b` the price base year and `index_y` the GDP index of year y (previous year = 100, as a ratio). A
/// `gdp_constant` row with the same price base is used as given.
public enum ConstantPriceGDP {
    /// A constant-price GDP value with how it was obtained.
    public struct Value: Hashable, Sendable {
        /// GDP in yuan at prices of `priceBase`.
        public var yuan: Double
        /// The price base year.
        public var priceBase: Int
        /// How it was obtained (`given`, or the chain with its numbers).
        public var method: String
    }

    /// Constant-price GDP of a region and year; nil with a diagnostic when the data cannot give it (no data at all
    /// for the region gives nil without a diagnostic).
    ///
    /// A missing index is reported here unless `reportMissingIndex` is false (the caller then reports every missing
    /// year of the region at once with ``missingIndexYears(region:years:priceBase:data:)``).
    public static func value(region: String, year: Int, priceBase: Int, data: SocioEconomicData,
                             reportMissingIndex: Bool = true, diagnostics: inout [Diagnostic]) -> Value? {
        if let given = data.record("gdp_constant", region: region, year: year) {
            if given.baseYear == priceBase {
                return Value(yuan: given.baseValue, priceBase: priceBase,
                             method: "given at \(priceBase) prices (\(given.location))")
            }
            diagnostics.append(.warning(.unusedInput, at: given.location,
                "gdp_constant at \(given.baseYear.map(String.init) ?? "?") prices is not used: the project's price base "
                    + "is \(priceBase) (gdp_price_base); expected constant prices of \(priceBase), or gdp and gdp_index "
                    + "to chain-link from"))
        }
        guard let anchor = data.record("gdp", region: region, year: priceBase) else {
            if data.record("gdp", region: region, year: year) != nil
                || data.record("gdp_constant", region: region, year: year) != nil {
                let loc = (data.record("gdp", region: region, year: year)
                    ?? data.record("gdp_constant", region: region, year: year))!.location
                diagnostics.append(.error(.emptyField, at: loc,
                    "no current-price GDP ('gdp') for region \(region) in the price base year \(priceBase); expected "
                        + "a row \(region),\(priceBase),gdp,... to chain-link constant prices from"))
            }
            return nil
        }
        var factor = 1.0
        var steps: [String] = []
        let range = year > priceBase ? Array((priceBase + 1)...year) : year < priceBase ? Array((year + 1)...priceBase) : []
        for y in range {
            guard let idx = data.record("gdp_index", region: region, year: y) else {
                if !reportMissingIndex { return nil }
                diagnostics.append(.error(.emptyField, at: anchor.location,
                    "GDP index ('gdp_index') missing for region \(region), year \(y), in the chain from \(priceBase) "
                        + "to \(year); expected a row \(region),\(y),gdp_index,<value>,%"))
                return nil
            }
            factor *= idx.baseValue
            steps.append(DecimalFormat.string(idx.baseValue))
        }
        let yuan = year >= priceBase ? anchor.baseValue * factor : anchor.baseValue / factor
        let method = range.isEmpty
            ? "current-price GDP of the price base year \(priceBase)"
            : "chain-linked: GDP \(priceBase) (current) \(DecimalFormat.string(anchor.baseValue)) yuan "
                + (year > priceBase ? "×" : "÷") + " Π index \(range.first!)–\(range.last!) ("
                + steps.joined(separator: " × ") + ")"
        return Value(yuan: yuan, priceBase: priceBase, method: method)
    }

    /// Every year whose `gdp_index` the chains from the price base year to `years` need and the data lacks, for a
    /// region chain-linked from its current-price GDP (empty when the region has no anchor or gives constant
    /// prices); with the diagnostic naming them all and `gdp_price_base`.
    public static func missingIndexYears(region: String, years: [Int], priceBase: Int, data: SocioEconomicData)
        -> (years: [Int], diagnostic: Diagnostic?) {
        guard let anchor = data.record("gdp", region: region, year: priceBase) else { return ([], nil) }
        var missing = Set<Int>()
        for year in years {
            if let given = data.record("gdp_constant", region: region, year: year), given.baseYear == priceBase {
                continue
            }
            let range = year > priceBase ? Array((priceBase + 1)...year)
                : year < priceBase ? Array((year + 1)...priceBase) : []
            for y in range where data.record("gdp_index", region: region, year: y) == nil { missing.insert(y) }
        }
        guard !missing.isEmpty else { return ([], nil) }
        let list = missing.sorted()
        return (list, .error(.emptyField, at: anchor.location,
            "GDP index ('gdp_index') missing for region \(region) in " + list.map(String.init).joined(separator: ", ")
                + ": constant-price GDP is chain-linked from the price base year \(priceBase) (ghg-project.json "
                + "gdp_price_base) to each inventory year; expected one row per year, e.g. \(region),\(list[0]),"
                + "gdp_index,<value>,% (or gdp_constant at \(priceBase) prices)"))
    }
}
