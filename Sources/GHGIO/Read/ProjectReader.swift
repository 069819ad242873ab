import Foundation
import GHGCore

/// A project folder as read: settings, regions, activity rows, its own factor set and the hashes of its files.
public struct Project: Sendable {
    /// The folder.
    public var root: String
    /// `ghg-project.json`.
    public var config: ProjectConfig
    /// `regions.csv`.
    public var regions: RegionTree
    /// Every valid activity row of `activity/*.csv`, in file and line order, column by column.
    public var activity: ActivityTable
    /// How many data rows the activity files have (valid or not).
    public var activityRowCount: Int
    /// The project's own `factors/` set, if it has one.
    public var localSet: FactorSet?
    /// `socioeconomic.csv` rows (validated against regions when the compiler indexes them).
    public var socio: [SocioRecord]
    /// `targets.csv` rows.
    public var targets: [Target]
    /// Every input file with its hash, relative to the project.
    public var files: [InputFile]
}

/// Reads a project folder (DESIGN §3).
public enum ProjectReader {
    /// The activity columns; `technology` is optional.
    public static let activityColumns = ["region", "year", "category", "activity", "item", "value", "unit", "source",
                                         "note"]
    static let knownKeys: Set<String> = ["name", "description", "years", "base_years", "gwp", "factor_stack",
                                         "factor_lookup", "co2_intensity_scope", "gdp_price_base",
                                         "approx_tolerance", "rollup_tolerance", "indicators", "calibers",
                                         "landfill_method", "uncertainty", "checks", "excel_csv"]

    /// Reads the project at `root` (with `configFile` in place of its `ghg-project.json` when given); every problem
    /// goes to `log`. Returns nil only when `ghg-project.json` is unusable.
    /// Activity files are read on up to `threads` threads; a file larger than `chunkBytes` is split into chunks.
    public static func load(root: String, configFile: String? = nil, threads: Int = 1, chunkBytes: Int = 1 << 22, hashActivity: Bool = true,
                            log: inout DiagnosticLog) -> Project? {
        var d: [Diagnostic] = []
        var files: [InputFile] = []
        defer { log.report(contentsOf: d) }
        func read(_ rel: String) -> [UInt8]? {
            let path = rel == "ghg-project.json" && configFile != nil ? configFile! : FileSystem.join(root, rel)
            guard let input = FileSystem.readInput(path) else { return nil }
            files.append(InputFile(path: rel, sha256: input.sha256))
            if let found = input.converted { d.append(FileSystem.conversionNote(found, file: rel)) }
            return input.bytes
        }
        guard let json = read("ghg-project.json") else {
            d.append(.error(.projectFile, at: InputLocation(file: "ghg-project.json"),
                "cannot read ghg-project.json in '\(root)'; expected a project folder (see Templates/demo-city)"))
            return nil
        }
        guard let config = parseConfig(json, into: &d) else { return nil }

        var regionList: [Region] = []
        if let bytes = read("regions.csv") {
            let t = Table(bytes: bytes, file: "regions.csv", required: ["code", "name_zh", "name_en", "level", "parent"],
                          optional: ["totals", "note"], diagnostics: &d)
            for r in t.rows {
                guard let code = r.required("code", "a region code such as 510802", into: &d) else { continue }
                guard let level = RegionLevel(rawValue: r["level"]) else {
                    d.append(.error(.unknownRegion, at: r.location("level"),
                        "unknown region level '\(r["level"])'; expected province, city, county or zone"))
                    continue
                }
                guard let totals = r["totals"].isEmpty ? .sum : RegionTotals(rawValue: r["totals"]) else {
                    d.append(.error(.unknownRegion, at: r.location("totals"),
                        "unknown totals '\(r["totals"])'; expected sum (sub-regions plus own rows) or own (the "
                            + "region's own rows are its complete inventory)"))
                    continue
                }
                regionList.append(Region(code: code, nameZH: r["name_zh"], nameEN: r["name_en"], level: level,
                                         parent: r["parent"].isEmpty ? nil : r["parent"], totals: totals,
                                         location: r.location))
            }
        } else {
            d.append(.error(.projectFile, at: InputLocation(file: "regions.csv"),
                "cannot read regions.csv; expected code,name_zh,name_en,level,parent"))
        }
        var regionLog = DiagnosticLog(limit: .max)
        let regions = RegionTree(regionList, diagnostics: &regionLog)
        d += regionLog.diagnostics

        // Every entry of activity/ is read or reported: a *.csv that is no readable file is an error, anything else
        // the reader skips by name is a warning naming it.
        var activityFiles: [String] = []
        for name in FileSystem.list(FileSystem.join(root, "activity")) {
            let rel = "activity/" + name, path = FileSystem.join(root, rel)
            if name.hasSuffix(".csv") {
                if let problem = FileBytes.problem(path) {
                    d.append(.error(.projectFile, at: InputLocation(file: rel),
                        "cannot read \(rel): it is \(problem); expected a CSV file"))
                } else {
                    activityFiles.append(name)
                }
                continue
            }
            let lower = name.lowercased()
            let hint = FileSystem.isDirectory(path)
                ? "a sub-folder, whose files are not read; expected the CSV files directly in activity/"
                : lower.hasSuffix(".csv") ? "not read because only names ending in lower-case .csv are; expected "
                    + "activity/\(name.dropLast(4)).csv"
                : lower.hasSuffix(".xlsx") || lower.hasSuffix(".xls") || lower.hasSuffix(".et")
                    ? "a workbook, which is not read; expected it saved as CSV (UTF-8, or GBK from Chinese Excel)"
                : "not read (only activity/*.csv files are)"
            d.append(.warning(.unusedInput, at: InputLocation(file: rel), "\(rel) is \(hint)"))
        }
        if activityFiles.isEmpty {
            d.append(.warning(.projectFile, at: InputLocation(file: "activity"),
                "no activity/*.csv files; the inventory will be empty"))
        }
        var timer = PhaseTimer()
        var inputs: [ActivityReader.Input] = []
        for name in activityFiles {
            let rel = "activity/" + name
            guard let bytes = FileBytes(path: FileSystem.join(root, rel)) else {
                d.append(.error(.projectFile, at: InputLocation(file: rel), "cannot read \(rel); expected a CSV file"))
                continue
            }
            if let found = bytes.converted { d.append(FileSystem.conversionNote(found, file: rel)) }
            inputs.append(ActivityReader.Input(path: rel, absolutePath: FileSystem.join(root, rel), bytes: bytes))
        }
        timer.mark("  activity files mapped")
        let (activity, rowCount, activityDiagnostics, hashes) = ActivityReader.read(inputs, threads: threads,
                                                                                            chunkBytes: chunkBytes,
                                                                                            hash: hashActivity)
        if hashActivity {
            for (input, hash) in zip(inputs, hashes) {
                files.append(InputFile(path: input.path, sha256: input.bytes.originalSHA256 ?? hash))
            }
        }
        timer.mark("  activity rows parsed and files hashed")
        inputs = []
        d += activityDiagnostics
        if !activityFiles.isEmpty && rowCount == 0 {
            d.append(.warning(.projectFile, at: InputLocation(file: "activity"),
                "the activity files have no data rows; the inventory will be empty (fill in one row per measured "
                    + "quantity, see Templates/demo-city)"))
        }

        var socio: [SocioRecord] = []
        if let bytes = read("socioeconomic.csv") {
            let t = Table(bytes: bytes, file: "socioeconomic.csv",
                          required: ["region", "year", "series", "value", "unit", "source"],
                          optional: ["base_year", "note"], diagnostics: &d)
            for r in t.rows { if let rec = socioRecord(r, into: &d) { socio.append(rec) } }
        }
        var targets: [Target] = []
        if let bytes = read("targets.csv") {
            let t = Table(bytes: bytes, file: "targets.csv",
                          required: ["region", "indicator", "base_year", "target_year", "comparison", "value", "source"],
                          optional: ["unit", "note"], diagnostics: &d)
            for r in t.rows { if let target = targetRecord(r, into: &d) { targets.append(target) } }
        }

        timer.mark("  socio-economic data and targets")
        var localSet: FactorSet?
        if FileSystem.isDirectory(FileSystem.join(root, "factors")) {
            localSet = ReferenceReader.loadSet(folder: FileSystem.join(root, "factors"), label: "factors",
                                               isProject: true, log: &log, files: &files)
        }
        timer.mark("  project factor set")
        return Project(root: root, config: config, regions: regions, activity: activity,
                       activityRowCount: rowCount, localSet: localSet, socio: socio, targets: targets,
                       files: files.sorted { $0.path < $1.path })
    }

    static func parseConfig(_ bytes: [UInt8], into d: inout [Diagnostic]) -> ProjectConfig? {
        let loc = InputLocation(file: "ghg-project.json")
        let object: [String: Any]
        do {
            guard let o = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                d.append(.error(.projectFile, at: loc, "ghg-project.json is not a JSON object; expected {...}"))
                return nil
            }
            object = o
        } catch {
            if let e = JSONSyntax.firstError(bytes) {
                d.append(.error(.projectFile, at: InputLocation(file: "ghg-project.json", line: e.line, column: e.column),
                    "ghg-project.json is not valid JSON here; expected \(e.expected)"))
            } else {
                d.append(.error(.projectFile, at: loc, "ghg-project.json is not valid JSON (\(error.localizedDescription))"))
            }
            return nil
        }
        for key in object.keys.sorted() where !knownKeys.contains(key) {
            d.append(.warning(.projectFile, at: loc, "unknown key '\(key)' is ignored; expected one of "
                + knownKeys.sorted().joined(separator: ", ")))
        }
        /// A year: a JSON integer (not `true`, not 2020.5) between 1900 and 2100.
        func year(_ v: Any) -> Int? {
            guard !(v is Bool), let n = v as? NSNumber, let y = Int(exactly: n.doubleValue),
                  ProjectConfig.yearRange.contains(y) else { return nil }
            return y
        }
        func show(_ v: Any) -> String { v is Bool ? ((v as? Bool) == true ? "true" : "false") : "\(v)" }
        func ints(_ key: String) -> [Int]? {
            guard let a = object[key] else { return nil }
            guard let arr = a as? [Any] else {
                d.append(.error(.projectFile, at: loc, "'\(key)' must be a list of years such as [2005, 2020]"))
                return nil
            }
            var out: [Int] = []
            for v in arr {
                guard let y = year(v) else {
                    d.append(.error(.projectFile, at: loc, "'\(key)': \(show(v)) is not a year; expected years between "
                        + "1900 and 2100 such as [2005, 2020]"))
                    return nil
                }
                out.append(y)
            }
            return out
        }
        let name = object["name"] as? String ?? ""
        guard object["years"] != nil else {
            d.append(.error(.projectFile, at: loc, "missing 'years'; expected the inventory years, e.g. [2005, 2020]"))
            return nil
        }
        guard let years = ints("years") else { return nil }
        guard !years.isEmpty else {
            d.append(.error(.projectFile, at: loc, "'years' is empty; expected the inventory years, e.g. [2005, 2020]"))
            return nil
        }
        let baseYears = ints("base_years") ?? [2005, 2020]
        var gwp = GWPSet.ar5
        if let g = object["gwp"] {
            guard let s = g as? String, let set = GWPSet(parsing: s) else {
                d.append(.error(.projectFile, at: loc, "unknown gwp '\(g)'; expected SAR, AR4, AR5 or AR6"))
                return nil
            }
            gwp = set
        }
        let stackExample = "[\"china-provincial-2011\", \"ipcc-2006\"]"
        guard let rawStack = object["factor_stack"] else {
            d.append(.error(.projectFile, at: loc,
                "missing 'factor_stack'; expected a list of factor-set ids such as \(stackExample)"))
            return nil
        }
        guard let stack = rawStack as? [String] else {
            d.append(.error(.projectFile, at: loc,
                "'factor_stack' must be a list of factor-set ids such as \(stackExample)"))
            return nil
        }
        var lookup: [FactorParameter: LookupOverride] = [:]
        if let fl = object["factor_lookup"] {
            guard let dict = fl as? [String: Any] else {
                d.append(.error(.projectFile, at: loc, "'factor_lookup' must be an object keyed by parameter"))
                return nil
            }
            for (param, spec) in dict.sorted(by: { $0.key < $1.key }) {
                guard let o = spec as? [String: Any] else {
                    d.append(.error(.projectFile, at: loc, "factor_lookup.\(param) must be an object with "
                        + "'region' and/or 'years'"))
                    continue
                }
                for k in o.keys.sorted() where !["region", "years", "technology"].contains(k) {
                    d.append(.warning(.projectFile, at: loc, "factor_lookup.\(param): unknown key '\(k)' is ignored; "
                        + "expected region, years or technology"))
                }
                var ov = LookupOverride(region: o["region"] as? String, technology: o["technology"] as? String)
                if let ys = o["years"] as? [String: Any] {
                    for (k, v) in ys {
                        guard let from = Int(k), ProjectConfig.yearRange.contains(from), let to = year(v) else {
                            d.append(.error(.projectFile, at: loc,
                                "factor_lookup.\(param).years: '\(k)': \(show(v)) is not year: year (both between "
                                    + "1900 and 2100); expected e.g. {\"2005\": 2012}"))
                            continue
                        }
                        ov.years[from] = to
                    }
                }
                lookup[FactorParameter(param)] = ov
            }
        }
        var calibers: [String: String] = [:]
        if let raw = object["calibers"] {
            guard let dict = raw as? [String: Any], dict.values.allSatisfy({ $0 is String }) else {
                d.append(.error(.projectFile, at: loc, "'calibers' must be an object from item to caliber, e.g. "
                    + "{\"natural_gas\": \"gasfield_gas\"}"))
                return nil
            }
            for (item, caliber) in dict { calibers[item] = caliber as? String }
        }
        var landfill = LandfillMethod.firstOrderDecay
        if let raw = object["landfill_method"] {
            guard let s = raw as? String, let m = LandfillMethod(rawValue: s) else {
                d.append(.error(.projectFile, at: loc, "unknown landfill_method '\(show(raw))'; expected "
                    + LandfillMethod.allCases.map(\.rawValue).joined(separator: " or ")))
                return nil
            }
            landfill = m
        }
        var excel = false
        if let raw = object["excel_csv"] {
            guard let b = raw as? Bool else {
                d.append(.error(.projectFile, at: loc, "'excel_csv' is '\(show(raw))'; expected true (CSV files with a "
                    + "UTF-8 byte-order mark, for Excel) or false"))
                return nil
            }
            excel = b
        }
        var uncertainty = UncertaintyDefaults()
        if let raw = object["uncertainty"] {
            let example = "e.g. {\"activity\": {\"default\": 5, \"solid_waste_disposal\": 30}, \"factor\": "
                + "{\"decay_rate\": 50}} (± % at 95 %)"
            guard let dict = raw as? [String: Any] else {
                d.append(.error(.projectFile, at: loc, "'uncertainty' must be an object, " + example))
                return nil
            }
            for key in dict.keys.sorted() {
                guard key == "activity" || key == "factor", let table = dict[key] as? [String: Any] else {
                    d.append(.error(.projectFile, at: loc, "uncertainty.\(key): expected 'activity' or 'factor', each "
                        + "an object of percentages, " + example))
                    continue
                }
                let kinds = Set(MethodRegistry.kinds.map(\.rawValue))
                for name in table.keys.sorted() {
                    guard let v = table[name] as? Double, v >= 0, v <= 1000, v.isFinite else {
                        d.append(.error(.projectFile, at: loc, "uncertainty.\(key).\(name): \(show(table[name]!)) is not "
                            + "a percentage; expected ± % at the 95 % level, a number from 0 to 1000 such as 5"))
                        continue
                    }
                    if key == "activity" {
                        guard name == "default" || kinds.contains(name) else {
                            d.append(.error(.projectFile, at: loc, "uncertainty.activity.\(name): unknown activity kind; "
                                + "expected 'default' or one of " + kinds.sorted().joined(separator: ", ")))
                            continue
                        }
                        uncertainty.activity[name] = v
                    } else {
                        guard FactorParameter(name).spec != nil else {
                            d.append(.error(.projectFile, at: loc, "uncertainty.factor.\(name): unknown factor "
                                + "parameter; expected a parameter of EmissionFactors/README.md such as ef_ch4"))
                            continue
                        }
                        uncertainty.factor[FactorParameter(name)] = v
                    }
                }
            }
        }
        var thresholds = TimeSeriesChecks.Thresholds()
        if let raw = object["checks"] {
            let keys = ["year_on_year_category_pct", "year_on_year_total_pct"]
            guard let dict = raw as? [String: Any] else {
                d.append(.error(.projectFile, at: loc, "'checks' must be an object, e.g. {\"year_on_year_category_pct\": "
                    + "10, \"year_on_year_total_pct\": 5}"))
                return nil
            }
            for key in dict.keys.sorted() {
                guard keys.contains(key) else {
                    d.append(.error(.projectFile, at: loc, "checks.\(key): unknown setting; expected "
                        + keys.joined(separator: " or ")))
                    continue
                }
                guard let v = dict[key] as? Double, v > 0, v.isFinite else {
                    d.append(.error(.projectFile, at: loc, "checks.\(key): \(show(dict[key]!)) is not a percentage; "
                        + "expected a positive number such as 10"))
                    continue
                }
                if key == keys[0] { thresholds.categoryPct = v } else { thresholds.totalPct = v }
            }
        }
        var scope = CO2IntensityScope.energyWithIndirect
        if let raw = object["co2_intensity_scope"] {
            guard let s = raw as? String, let v = CO2IntensityScope(rawValue: s) else {
                d.append(.error(.projectFile, at: loc, "unknown co2_intensity_scope '\(raw)'; expected "
                    + CO2IntensityScope.allCases.map(\.rawValue).joined(separator: ", ")))
                return nil
            }
            scope = v
        }
        func number(_ key: String, default value: Double) -> Double? {
            guard let raw = object[key] else { return value }
            guard let v = raw as? Double, v >= 0 else {
                d.append(.error(.projectFile, at: loc, "'\(key)' must be a non-negative number, e.g. 0.05"))
                return nil
            }
            return v
        }
        guard let approx = number("approx_tolerance", default: 0.05),
              let rollup = number("rollup_tolerance", default: 0.01) else { return nil }
        var priceBase = baseYears.min() ?? 2005
        if let raw = object["gdp_price_base"] {
            guard let y = year(raw) else {
                d.append(.error(.projectFile, at: loc, "'gdp_price_base': \(show(raw)) is not a year; expected a year "
                    + "between 1900 and 2100 such as 2020"))
                return nil
            }
            priceBase = y
        }
        var custom: [CustomIndicator] = []
        if let raw = object["indicators"] {
            guard let list = raw as? [[String: Any]] else {
                d.append(.error(.projectFile, at: loc, "'indicators' must be a list of objects with key, categories, "
                    + "gases and series"))
                return nil
            }
            for (i, o) in list.enumerated() {
                let rawCats = o["categories"] as? [String] ?? [], rawGases = o["gases"] as? [String] ?? ["CO2"]
                let cats = rawCats.compactMap(CategoryCode.init)
                let gases = rawGases.compactMap { Gas(parsing: $0) }
                guard let key = o["key"] as? String, !key.isEmpty, !cats.isEmpty, cats.count == rawCats.count,
                      !gases.isEmpty, gases.count == rawGases.count,
                      let series = o["series"] as? String, !series.isEmpty else {
                    d.append(.error(.projectFile, at: loc, "indicators[\(i)] needs 'key', 'categories' (IPCC codes), "
                        + "'series' and optionally 'gases', e.g. {\"key\": \"transport_co2_intensity\", "
                        + "\"categories\": [\"1.A.3\"], \"gases\": [\"CO2\"], \"series\": \"transport_turnover\"}"))
                    continue
                }
                custom.append(CustomIndicator(key: key, categories: cats, gases: gases, series: series))
            }
        }
        let settings = IndicatorSettings(baseYears: baseYears, priceBase: priceBase, co2Scope: scope, custom: custom,
                                         approxTolerance: approx)
        var config = ProjectConfig(name: name, years: years.sorted(), baseYears: baseYears, gwp: gwp,
                                   factorStack: stack, factorLookup: lookup, indicators: settings,
                                   rollupTolerance: rollup, calibers: calibers, landfillMethod: landfill)
        config.uncertainty = uncertainty
        config.yearOnYear = thresholds
        config.excelCSV = excel
        return config
    }

    static func socioRecord(_ r: Table.Row, into d: inout [Diagnostic]) -> SocioRecord? {
        let before = d.count
        let region = r.required("region", "a region code of regions.csv", into: &d)
        let year = r.year("year", into: &d)
        let series = r.required("series", "a series name such as gdp, gdp_index, population, energy_tce", into: &d)
        let value = r.number("value", into: &d)
        let baseYear = r.year("base_year", optional: true, into: &d)
        var unit: GHGCore.MeasurementUnit?
        if let s = series, SocioEconomicData.knownSeries[s] != nil { unit = r.unit("unit", into: &d) }
        else { unit = try? UnitRegistry.parse(r["unit"]) }
        // GDP, its index and population must be positive: an intensity or a per-capita value cannot be divided by
        // zero or less.
        if let series, ["gdp", "gdp_constant", "gdp_index", "population"].contains(series), case let v?? = value, !(v > 0) {
            d.append(.error(.malformedNumber, at: r.location("value"),
                "\(series) '\(r["value"])' is not positive; expected a positive number"))
        }
        guard d.count == before, let region, let year, let y = year, let series, let value, let v = value,
              let baseYear else { return nil }
        return SocioRecord(location: r.location, region: region, year: y, series: series, value: v, unit: unit,
                           unitText: r["unit"], baseYear: baseYear, source: r["source"])
    }

    static func targetRecord(_ r: Table.Row, into d: inout [Diagnostic]) -> Target? {
        let before = d.count
        let region = r.required("region", "a region code of regions.csv", into: &d)
        let indicator = r.required("indicator", "an indicator key such as co2_intensity_decline", into: &d)
        let base = r.year("base_year", optional: true, into: &d)
        let targetYear = r.year("target_year", optional: true, into: &d)
        let comparison = TargetComparison(parsing: r["comparison"])
        if comparison == nil {
            d.append(.error(.malformedNumber, at: r.location("comparison"),
                "unknown comparison '\(r["comparison"])'; expected ≥, ≤, ≈ or = (or >=, <=, ~)"))
        }
        let value = r.number("value", optional: true, into: &d)
        guard d.count == before, let region, let indicator, let base, let targetYear, let comparison, let value
        else { return nil }
        return Target(location: r.location, region: region, indicator: indicator, baseYear: base,
                      targetYear: targetYear, comparison: comparison, value: value, unit: r["unit"],
                      source: r["source"], note: r["note"])
    }
}
