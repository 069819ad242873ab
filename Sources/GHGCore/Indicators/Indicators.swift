/// One row of `indicators.csv` (the indicator catalogue): a key targets and outputs use.
public struct IndicatorInfo: Hashable, Sendable {
    /// The key (`co2_intensity_decline`).
    public var key: String
    /// Chinese name.
    public var nameZH: String
    /// English name.
    public var nameEN: String
    /// Unit as written.
    public var unit: String
    /// `computed` by the compiler, or `series`: read from the socio-economic series of the same key.
    public var kind: String
    /// Source of the definition.
    public var source: String
    /// Creates an entry.
    public init(key: String, nameZH: String, nameEN: String, unit: String, kind: String, source: String) {
        self.key = key
        self.nameZH = nameZH
        self.nameEN = nameEN
        self.unit = unit
        self.kind = kind
        self.source = source
    }
}

/// Which CO2 the carbon intensity counts (a named, documented option; methodology.md §6 "inventory-scope caveat").
public enum CO2IntensityScope: String, Hashable, Sendable, CaseIterable {
    /// CO2 of the energy sector (category 1), territorial.
    case energy
    /// Energy CO2 plus indirect CO2 of net imported electricity and heat (IND): the usual provincial assessment scope.
    case energyWithIndirect = "energy_with_indirect"
    /// All territorial CO2 (every sector).
    case allCO2 = "all_co2"
}

/// A ratio indicator declared in `ghg-project.json`: the emissions of some categories and gases over a
/// socio-economic series (transport CO2 per converted turnover).
public struct CustomIndicator: Hashable, Sendable {
    /// The indicator's key; `<key>_decline` is computed against each base year too.
    public var key: String
    /// The categories summed (each with its whole subtree).
    public var categories: [CategoryCode]
    /// The gases: one gas sums its mass; several sum CO2e.
    public var gases: [Gas]
    /// The denominator series.
    public var series: String
    /// Creates an indicator.
    public init(key: String, categories: [CategoryCode], gases: [Gas], series: String) {
        self.key = key
        self.categories = categories
        self.gases = gases
        self.series = series
    }
}

/// Settings of the indicator calculation, from `ghg-project.json`.
public struct IndicatorSettings: Hashable, Sendable {
    /// Base years for declines (default 2005 and 2020).
    public var baseYears: [Int]
    /// Price base year of constant-price GDP (default: the earliest base year). Declines do not depend on it.
    public var priceBase: Int
    /// The CO2 of the carbon intensity.
    public var co2Scope: CO2IntensityScope
    /// Custom ratio indicators.
    public var custom: [CustomIndicator]
    /// Relative tolerance of `≈` targets (default 0.05).
    public var approxTolerance: Double
    /// Creates settings.
    public init(baseYears: [Int] = [2005, 2020], priceBase: Int? = nil, co2Scope: CO2IntensityScope = .energyWithIndirect,
                custom: [CustomIndicator] = [], approxTolerance: Double = 0.05) {
        self.baseYears = baseYears
        self.priceBase = priceBase ?? baseYears.min() ?? 2005
        self.co2Scope = co2Scope
        self.custom = custom
        self.approxTolerance = approxTolerance
    }
}

/// One indicator value for a region and year (and base year, for declines).
public struct IndicatorValue: Hashable, Sendable {
    /// Region code.
    public var region: String
    /// Year.
    public var year: Int
    /// Indicator key.
    public var key: String
    /// The base year of a decline or rate.
    public var baseYear: Int?
    /// The value.
    public var value: Double
    /// Unit.
    public var unit: String
    /// Numerator and denominator of a ratio, in the units the method names.
    public var numerator: Double?
    /// Denominator of a ratio.
    public var denominator: Double?
    /// How it was computed.
    public var method: String

    /// Creates a value.
    public init(region: String, year: Int, key: String, baseYear: Int? = nil, value: Double, unit: String,
                numerator: Double? = nil, denominator: Double? = nil, method: String) {
        self.region = region
        self.year = year
        self.key = key
        self.baseYear = baseYear
        self.value = value
        self.unit = unit
        self.numerator = numerator
        self.denominator = denominator
        self.method = method
    }
}

/// Computes the indicators of every region and year (methodology.md §6; DESIGN §8).
public enum IndicatorCalculator {
    /// Decline against a base year, in percent: `(1 − I_t / I_b) × 100` (TV38).
    public static func decline(current: Double, base: Double) -> Double { (1 - current / base) * 100 }

    /// Average annual decline over `years` years, in percent per year: `(1 − (I_t / I_b)^(1/n)) × 100` (TV38b:
    /// a cumulative 18 % decline over 5 years is 3.891 %/yr). Nil unless both intensities are positive.
    public static func annualDecline(current: Double, base: Double, years: Int) -> Double? {
        guard current > 0, base > 0, years > 0, let r = pow(current / base, 1 / Double(years)) else { return nil }
        return (1 - r) * 100
    }

    /// All indicators of every region (with its roll-up) and year of `years`.
    ///
    /// Total energy computed from activity is the sum of the rows' standard coal (``Kernel/standardCoal(of:plan:table:values:)``)
    /// for fuel combustion, non-energy use and net imported electricity and heat, per row's region and year, rolled up
    /// like the inventory. Factors an indicator itself uses (the coal-equivalent coefficient of non-fossil
    /// electricity) are resolved once into ``IndicatorFactor`` records, so that they appear in lineage and audit.
    /// With `threads` above 1, runs of regions are computed side by side; the result is the same whatever the count.
    public static func compute(inventory inv: Inventory, calculation calc: CalculationResult, energy: EnergyAccounts,
                               socio: SocioEconomicData, regions: RegionTree, years: [Int],
                               settings: IndicatorSettings, factorValues: [Double]? = nil, threads: Int = 1,
                               diagnostics: inout [Diagnostic]) -> (values: [IndicatorValue], factors: [IndicatorFactor]) {
        let values = factorValues ?? calc.factors.baseValues
        let netMethod = "TOTAL, scope total, \(inv.gwpSet)", grossMethod = "TOTAL − 3.B − 3.D (LULUCF), \(inv.gwpSet)"
        let co2Method = "CO2, scope \(settings.co2Scope.rawValue)"
        let intensityMethod = "CO2 (\(settings.co2Scope.rawValue)) / GDP at \(settings.priceBase) prices"
        let energyNode = InventoryNode.category(CategoryCode("1")!), indirectNode = InventoryNode.category(CategoryCode("IND")!)
        let lulucfNodes = CategoryCode.lulucf.map { InventoryNode.category($0) }
        let forestNode = InventoryNode.category(CategoryCode("3.B.1")!)
        let wetlandNode = InventoryNode.category(CategoryCode("3.B.4")!)
        // Each region is independent: regions are split into runs computed side by side, each run's values,
        // factors and diagnostics joined in region order, as one pass in region order would give them.
        let codes = regions.all.map(\.code)
        let runs = Parallel.ranges(codes.count, parts: threads <= 1 ? 1 : threads * 4)
        typealias Run = (values: [IndicatorValue], factors: [IndicatorFactor], diagnostics: [Diagnostic])
        let parts = Parallel.map(runs.count, threads: threads) { k -> UnsafeSendable<Run> in
            var out: [IndicatorValue] = []
            var indicatorFactors: [IndicatorFactor] = []
            var diagnostics: [Diagnostic] = []
            for region in codes[runs[k]] {
                let regionStart = out.count
                var perYear: [Int: [String: IndicatorValue]] = [:]
                // Addresses resolved once per region, looked up per year.
                let netAddress = inv.address(region: region, node: .total, gas: .all, scope: .total)
                let lulucfAddresses = lulucfNodes.compactMap { inv.address(region: region, node: $0, gas: .all, scope: .total) }
                let energyCO2 = inv.address(region: region, node: energyNode, gas: .gas(.co2), scope: .total)
                let indirectCO2 = inv.address(region: region, node: indirectNode, gas: .gas(.co2), scope: .indirect)
                let allCO2 = inv.address(region: region, node: .total, gas: .gas(.co2), scope: .total)
                let usesEnergySeries = !socio.years("energy_tce", region: region).isEmpty
                func add(_ v: IndicatorValue) {
                    out.append(v)
                    if v.baseYear == nil { perYear[v.year, default: [:]][v.key] = v }
                }
                // Every gdp_index the region's chains lack, reported once.
                if let d = ConstantPriceGDP.missingIndexYears(region: region, years: Set(years).sorted(),
                                                              priceBase: settings.priceBase, data: socio).diagnostic {
                    diagnostics.append(d)
                }
                // Base years count only as inventory years: a base year outside them has no inventory to divide.
                for year in Set(years).sorted() {
                    func mass(_ node: InventoryNode, _ gas: Gas, _ scope: EmissionScope) -> Double? {
                        inv.row(InventoryKey(region: region, year: year, node: node, gas: .gas(gas), scope: scope))?
                            .massTonnes
                    }
                    let net = netAddress.flatMap { inv.row($0, year: year)?.co2eTonnes }
                    if let net {
                        var lulucf = 0.0
                        for a in lulucfAddresses { lulucf += inv.row(a, year: year)?.co2eTonnes ?? 0 }
                        add(IndicatorValue(region: region, year: year, key: "ghg_net", value: net, unit: "t CO2e",
                                           method: netMethod))
                        add(IndicatorValue(region: region, year: year, key: "ghg_gross", value: net - lulucf, unit: "t CO2e",
                                           method: grossMethod))
                    }
                    // Sinks as positive numbers: the forest-land removals of the inventory (3.B.1, CO2), and the
                    // blue-carbon indicator of existing coastal wetlands (outside the inventory).
                    if let forest = mass(forestNode, .co2, .total) {
                        add(IndicatorValue(region: region, year: year, key: "forest_sink", value: -forest, unit: "t CO2",
                                           method: "−CO2 of 3.B.1 (forest land), scope total"))
                    }
                    if let blue = mass(wetlandNode, .co2, .blueCarbonSequestration) {
                        add(IndicatorValue(region: region, year: year, key: "blue_carbon_sequestration", value: -blue,
                                           unit: "t CO2", method: "−CO2 of 3.B.4, scope blue_carbon_sequestration (area × "
                                               + "sequestration rate; outside the inventory total)"))
                    }
                    var co2: Double?
                    switch settings.co2Scope {
                    case .energy: co2 = energyCO2.flatMap { inv.row($0, year: year)?.massTonnes }
                    case .energyWithIndirect:
                        let e = energyCO2.flatMap { inv.row($0, year: year)?.massTonnes }
                        let i = indirectCO2.flatMap { inv.row($0, year: year)?.massTonnes }
                        co2 = e == nil && i == nil ? nil : (e ?? 0) + (i ?? 0)
                    case .allCO2: co2 = allCO2.flatMap { inv.row($0, year: year)?.massTonnes }
                    }
                    if let co2 {
                        add(IndicatorValue(region: region, year: year, key: "co2", value: co2, unit: "t", method: co2Method))
                    }
                    let gdp = ConstantPriceGDP.value(region: region, year: year, priceBase: settings.priceBase,
                                                     data: socio, reportMissingIndex: false, diagnostics: &diagnostics)
                    let gdpWan = gdp.map { $0.yuan / 1e4 }
                    if let gdp, let gdpWan {
                        add(IndicatorValue(region: region, year: year, key: "gdp_constant", value: gdpWan,
                                           unit: "10^4 yuan (\(gdp.priceBase) prices)", method: gdp.method))
                    }
                    if let co2, let gdpWan, gdpWan > 0 {
                        add(IndicatorValue(region: region, year: year, key: "co2_intensity", value: co2 / gdpWan,
                                           unit: "t/10^4 yuan", numerator: co2, denominator: gdpWan,
                                           method: intensityMethod))
                    }
                    // One method for the whole series of a region, so that declines never compare two calibers: the
                    // statistical total when the region has one in any year, else the total computed from activity.
                    var energyTotal: Double?
                    var energyMethod = ""
                    if usesEnergySeries {
                        if let e = socio.record("energy_tce", region: region, year: year) {
                            energyTotal = e.baseValue
                            energyMethod = "socio-economic series energy_tce (\(e.location))"
                        }
                    } else if let e = energy.total(region: region, year: year) {
                        energyTotal = e.tce
                        let missing = e.rowsWithoutTCE, exports = e.netExports
                        energyMethod = "computed from activity with standard-coal coefficients (energy.csv: fuel "
                            + "combustion, non-energy use, net imported electricity and heat)"
                            + (exports > 0 ? "; \(exports) net exports not subtracted" : "")
                            + (missing > 0 ? "; incomplete: \(missing) rows without a coefficient" : "")
                        if missing > 0 {
                            diagnostics.append(.warning(.missingFactor,
                                at: regions[region]?.location ?? InputLocation(file: "regions.csv"),
                                "total energy of region \(region) in \(year) is computed from activity but \(missing) rows "
                                    + "have no standard-coal coefficient; expected tce_coefficient rows for them, or the "
                                    + "series energy_tce"))
                        }
                    }
                    if let energyTotal {
                        add(IndicatorValue(region: region, year: year, key: "energy_total_tce", value: energyTotal,
                                           unit: "tce", method: energyMethod))
                        if let gdpWan, gdpWan > 0 {
                            add(IndicatorValue(region: region, year: year, key: "energy_intensity",
                                               value: energyTotal / gdpWan, unit: "tce/10^4 yuan", numerator: energyTotal,
                                               denominator: gdpWan, method: energyMethod))
                        }
                        if let nf = nonFossil(region: region, year: year, socio: socio, factors: calc.factors,
                                              values: values, used: &indicatorFactors) {
                            add(IndicatorValue(region: region, year: year, key: "non_fossil_share",
                                               value: nf.tce / energyTotal * 100, unit: "%", numerator: nf.tce,
                                               denominator: energyTotal, method: nf.method + " / " + energyMethod))
                        }
                    }
                    if let net, let pop = socio.record("population", region: region, year: year), pop.baseValue > 0 {
                        add(IndicatorValue(region: region, year: year, key: "ghg_per_capita", value: net / pop.baseValue,
                                           unit: "t CO2e/person", numerator: net, denominator: pop.baseValue,
                                           method: "net GHG / population (\(pop.location))"))
                    }
                    for c in settings.custom {
                        guard let denominator = socio.record(c.series, region: region, year: year),
                              denominator.baseValue != 0 else { continue }
                        var sum = 0.0
                        var found = false
                        for cat in c.categories {
                            if c.gases.count == 1 {
                                if let m = mass(.category(cat), c.gases[0], .total) { sum += m; found = true }
                            } else {
                                for g in c.gases {
                                    if let v = inv.row(InventoryKey(region: region, year: year, node: .category(cat),
                                                                    gas: .gas(g), scope: .total))?.co2eTonnes {
                                        sum += v; found = true
                                    }
                                }
                            }
                        }
                        guard found else { continue }
                        let what = c.gases.count == 1 ? "\(c.gases[0]) mass" : "CO2e of " + c.gases.map(\.rawValue).joined(separator: ", ")
                        add(IndicatorValue(region: region, year: year, key: c.key, value: sum / denominator.baseValue,
                                           unit: "t/" + (denominator.unit?.baseSymbol ?? denominator.unitText),
                                           numerator: sum, denominator: denominator.baseValue,
                                           method: "\(what) of " + c.categories.map(\.description).joined(separator: ", ")
                                               + " / series \(c.series)"))
                    }
                }
                // Declines and average annual rates against each base year. An intensity that is zero or negative (a
                // region whose net electricity export exceeds its emissions) has no meaningful decline: say so.
                let ratioKeys = ["co2_intensity", "energy_intensity"] + settings.custom.map(\.key)
                for year in years {
                    for b in settings.baseYears where b < year {
                        for key in ratioKeys {
                            guard let now = perYear[year]?[key], let base = perYear[b]?[key] else { continue }
                            guard now.value > 0, base.value > 0 else {
                                diagnostics.append(.warning(.nonPositiveIntensity,
                                    at: regions[region]?.location ?? InputLocation(file: "regions.csv"),
                                    "\(key) of region \(region) is \(DecimalFormat.string(base.value)) in \(b) and "
                                        + "\(DecimalFormat.string(now.value)) in \(year); a decline needs both positive, so "
                                        + "\(key)_decline \(year) vs \(b) is not computed"))
                                continue
                            }
                            add(IndicatorValue(region: region, year: year, key: key + "_decline", baseYear: b,
                                               value: decline(current: now.value, base: base.value), unit: "%",
                                               numerator: now.value, denominator: base.value,
                                               method: "(1 − \(key) \(year) / \(key) \(b)) × 100"))
                            if key == "co2_intensity" || key == "energy_intensity",
                               let rate = annualDecline(current: now.value, base: base.value, years: year - b) {
                                add(IndicatorValue(region: region, year: year, key: key + "_annual_decline", baseYear: b,
                                                   value: rate,
                                                   unit: "%/yr", numerator: now.value, denominator: base.value,
                                                   method: "(1 − (\(key) \(year) / \(key) \(b))^(1/\(year - b))) × 100"))
                            }
                        }
                    }
                }
                // Regions come in code order; inside a region, indicators in year, key and base-year order.
                out[regionStart...].sort { ($0.year, $0.key, $0.baseYear ?? 0) < ($1.year, $1.key, $1.baseYear ?? 0) }
            }
            return UnsafeSendable((out, indicatorFactors, diagnostics))
        }
        var out: [IndicatorValue] = []
        var indicatorFactors: [IndicatorFactor] = []
        for p in parts {
            out += p.value.values
            indicatorFactors += p.value.factors
            diagnostics += p.value.diagnostics
        }
        return (out, indicatorFactors)
    }

    /// Non-fossil energy in tce: the series `non_fossil_tce`, or `non_fossil_electricity` converted with the
    /// coal-equivalent coefficient of electricity (`tce_coefficient`, technology `coal_equivalent`: the year's
    /// thermal-power coal rate, 发电煤耗法), as in TV40. The coefficient used is recorded in `used`.
    static func nonFossil(region: String, year: Int, socio: SocioEconomicData, factors: FactorLibrary,
                          values: [Double], used: inout [IndicatorFactor]) -> (tce: Double, method: String)? {
        if let r = socio.record("non_fossil_tce", region: region, year: year) {
            return (r.baseValue, "non_fossil_tce (\(r.location))")
        }
        guard let e = socio.record("non_fossil_electricity", region: region, year: year) else { return nil }
        guard case let .success(f) = factors.resolve(FactorQuery(parameter: .tceCoefficient, item: "electricity",
                                                                  category: CategoryCode("IND.1")!,
                                                                  technology: "coal_equivalent", region: region,
                                                                  year: year, dimension: .standardCoal / .electricity))
        else { return nil }
        used.append(IndicatorFactor(region: region, year: year, indicator: "non_fossil_share", factor: f.id,
                                    input: e.location, inputValue: e.baseValue))
        let value = values[Int(f.id)]
        return (e.baseValue * value, "non_fossil_electricity (\(e.location)) × coal-equivalent coefficient "
            + "\(DecimalFormat.string(f.row.value)) \(f.row.unit.symbol) (\(f.set.id) \(f.row.location))")
    }
}

/// A factor an indicator uses, resolved once: where it comes from and what it multiplies, so that lineage lists it
/// and audit attributes indicator changes to it.
public struct IndicatorFactor: Hashable, Sendable {
    /// Region code.
    public var region: String
    /// Year.
    public var year: Int
    /// The indicator.
    public var indicator: String
    /// The factor row.
    public var factor: FactorRowID
    /// The socio-economic row it converts.
    public var input: InputLocation
    /// The input's value in base units.
    public var inputValue: Double
}
