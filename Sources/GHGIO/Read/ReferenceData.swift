import Foundation
import GHGCore

/// A file read as input, with its content hash, for the manifest.
public struct InputFile: Hashable, Sendable {
    /// Path as shown in outputs (relative to the project, or `EmissionFactors/...`).
    public var path: String
    /// SHA-256 of the bytes, hex.
    public var sha256: String
}

/// The shipped reference data: categories, GWPs, items and every factor set of `EmissionFactors/`.
public struct ReferenceData: Sendable {
    /// The label files are shown under (the factor folder's name, normally `EmissionFactors`).
    public var label: String
    /// The category system.
    public var categories: CategoryTable
    /// GWP values.
    public var gwp: GWPTable
    /// The shared item vocabulary.
    public var items: [Item]
    /// The indicator catalogue, by key.
    public var indicators: [String: IndicatorInfo]
    /// Every shipped set, by id.
    public var sets: [String: FactorSet]
    /// `categories.csv`, `gwp.csv`, `items.csv` with hashes.
    public var files: [InputFile]
}

/// Reads `EmissionFactors/` and factor-set folders.
public enum ReferenceReader {
    /// The factor-row columns, in order.
    public static let factorColumns = ["parameter", "item", "category", "technology", "region", "year_from", "year_to",
                                       "value", "unit", "low", "high", "distribution", "source", "note"]
    static let itemColumns = ["item", "kind", "group", "biomass", "name_en", "name_zh", "source", "note"]
    static let itemOptionalColumns = ["categories"]

    /// Reads the reference data under `root`.
    public static func load(root: String, log: inout DiagnosticLog) -> ReferenceData {
        // Paths in outputs are relative to the library, named by what it is rather than where it lies, so that a
        // byte-identical copy of the library in another folder gives byte-identical outputs (and `verify` passes).
        let label = "EmissionFactors"
        var d: [Diagnostic] = []
        var files: [InputFile] = []
        func table(_ name: String, _ req: [String], _ opt: [String] = []) -> Table? {
            let path = FileSystem.join(root, name)
            guard let bytes = FileSystem.read(path) else {
                d.append(.error(.fileFormat, at: InputLocation(file: label + "/" + name),
                    "cannot read \(name); expected it in the factor library folder '\(label)'"))
                return nil
            }
            files.append(InputFile(path: label + "/" + name, sha256: SHA256.hex(bytes)))
            return Table(bytes: bytes, file: label + "/" + name, required: req, optional: opt, diagnostics: &d)
        }
        var catRows: [CategoryInfo] = []
        if let t = table("categories.csv", ["code", "name_en", "name_zh", "cn_sector", "crt_code", "memo", "source"]) {
            for r in t.rows {
                guard let code = CategoryCode(r["code"]) else {
                    d.append(.error(.unknownCategory, at: r.location("code"),
                        "malformed category code '\(r["code"])'; expected dot-separated segments such as 1.A.1.a"))
                    continue
                }
                catRows.append(CategoryInfo(code: code, nameEN: r["name_en"], nameZH: r["name_zh"],
                                            chinaSector: r["cn_sector"], crtCode: r["crt_code"], memo: r["memo"],
                                            location: r.location))
            }
        }
        var gwpRows: [GWPValue] = []
        if let t = table("gwp.csv", ["gas", "set", "gwp100", "source"]) {
            for r in t.rows {
                guard let set = GWPSet(parsing: r["set"]) else {
                    d.append(.error(.factorSet, at: r.location("set"),
                        "unknown GWP set '\(r["set"])'; expected SAR, AR4, AR5 or AR6"))
                    continue
                }
                guard let gas = Gas(parsing: r["gas"]), case let v?? = r.number("gwp100", into: &d) else { continue }
                gwpRows.append(GWPValue(gas: gas, set: set, gwp100: v, source: r["source"], location: r.location))
            }
        }
        var items: [Item] = []
        if let t = table("items.csv", itemColumns, itemOptionalColumns) { items = readItems(t, into: &d) }
        var indicators: [String: IndicatorInfo] = [:]
        if let t = table("indicators.csv", ["key", "name_zh", "name_en", "unit", "kind", "source"]) {
            for r in t.rows {
                guard let key = r.required("key", "an indicator key", into: &d) else { continue }
                guard r["kind"] == "computed" || r["kind"] == "series" else {
                    d.append(.error(.factorSet, at: r.location("kind"),
                        "indicator kind '\(r["kind"])'; expected computed or series"))
                    continue
                }
                if indicators[key] != nil {
                    d.append(.error(.duplicateRow, at: r.location, "indicator '\(key)' is already defined"))
                    continue
                }
                indicators[key] = IndicatorInfo(key: key, nameZH: r["name_zh"], nameEN: r["name_en"], unit: r["unit"],
                                                kind: r["kind"], source: r["source"])
            }
        }
        log.report(contentsOf: d)
        let categories = CategoryTable(catRows, diagnostics: &log)
        let gwp = GWPTable(gwpRows, diagnostics: &log)
        var sets: [String: FactorSet] = [:]
        for name in FileSystem.list(root) where FileSystem.exists(FileSystem.join(root, name + "/set.json")) {
            if let set = loadSet(folder: FileSystem.join(root, name), label: label + "/" + name, isProject: false,
                                 log: &log) {
                sets[set.info.id] = set
            }
        }
        return ReferenceData(label: label, categories: categories, gwp: gwp, items: items, indicators: indicators,
                             sets: sets, files: files)
    }

    static func readItems(_ t: Table, into d: inout [Diagnostic]) -> [Item] {
        var items: [Item] = []
        for r in t.rows {
            guard let id = r.required("item", "an item id such as raw_coal", into: &d) else { continue }
            let kind = ItemKind(rawValue: r["kind"])
            if !ItemKind.all.contains(kind) {
                d.append(.error(.itemKind, at: r.location("kind"), "unknown item kind '\(r["kind"])'; expected "
                    + ItemKind.all.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            guard r["biomass"] == "yes" || r["biomass"] == "no" else {
                d.append(.error(.emptyField, at: r.location("biomass"),
                    "biomass '\(r["biomass"])'; expected yes or no"))
                continue
            }
            var categories: [CategoryCode] = []
            for text in r["categories"].split(separator: " ") {
                guard let c = CategoryCode(String(text)) else {
                    d.append(.error(.unknownCategory, at: r.location("categories"),
                        "malformed category '\(text)' in 'categories'; expected IPCC codes separated by spaces, "
                            + "e.g. 3.A.1.a.i 3.A.2.a.i"))
                    continue
                }
                categories.append(c)
            }
            items.append(Item(id: id, kind: kind, group: r["group"], isBiomass: r["biomass"] == "yes",
                              nameEN: r["name_en"], nameZH: r["name_zh"], source: r["source"], categories: categories,
                              location: r.location))
        }
        return items
    }

    /// Reads one factor-set folder: `set.json`, factor CSVs, `region-membership.csv` and (for the project's set)
    /// `items.csv`. The content hash covers every file of the folder.
    public static func loadSet(folder: String, label: String, isProject: Bool, log: inout DiagnosticLog)
        -> FactorSet?
    {
        var files: [InputFile] = []
        return loadSet(folder: folder, label: label, isProject: isProject, log: &log, files: &files)
    }

    /// Reads one factor-set folder and appends each file it read, with its hash, to `files`.
    public static func loadSet(folder: String, label: String, isProject: Bool, log: inout DiagnosticLog,
                               files: inout [InputFile]) -> FactorSet? {
        var d: [Diagnostic] = []
        defer { log.report(contentsOf: d) }
        let jsonLabel = label + "/set.json"
        guard let jsonBytes = FileSystem.read(FileSystem.join(folder, "set.json")) else {
            d.append(.error(.factorSet, at: InputLocation(file: jsonLabel),
                "cannot read set.json; expected a factor-set folder with set.json and factor CSV files"))
            return nil
        }
        let object: [String: Any]
        do {
            guard let o = try JSONSerialization.jsonObject(with: Data(jsonBytes)) as? [String: Any] else {
                throw CocoaError(.propertyListReadCorrupt)
            }
            object = o
        } catch {
            if let e = JSONSyntax.firstError(jsonBytes) {
                d.append(.error(.factorSet, at: InputLocation(file: jsonLabel, line: e.line, column: e.column),
                    "set.json is not valid JSON here; expected \(e.expected)"))
            } else {
                d.append(.error(.factorSet, at: InputLocation(file: jsonLabel),
                    "set.json is not a JSON object; expected {\"id\": ..., \"version\": ..., ...}"))
            }
            return nil
        }
        func s(_ k: String) -> String { object[k] as? String ?? "" }
        guard !s("id").isEmpty, !s("version").isEmpty else {
            d.append(.error(.factorSet, at: InputLocation(file: jsonLabel),
                "set.json lacks 'id' or 'version'; expected both as strings"))
            return nil
        }
        var hasher = SHA256()
        var rows: [FactorRow] = []
        var membership: [RegionMembership] = []
        var items: [Item] = []
        for name in FileSystem.list(folder) {
            let path = FileSystem.join(folder, name)
            guard !FileSystem.isDirectory(path),
                  let input = name == "set.json" ? (jsonBytes, SHA256.hex(jsonBytes), nil) : FileSystem.readInput(path)
            else { continue }
            let bytes = input.bytes, hash = input.sha256
            if let found = input.converted { d.append(FileSystem.conversionNote(found, file: label + "/" + name)) }
            files.append(InputFile(path: label + "/" + name, sha256: hash))
            hasher.update(name + "\n" + hash + "\n")
            guard name.hasSuffix(".csv") else { continue }
            let file = label + "/" + name
            switch name {
            case "region-membership.csv":
                let t = Table(bytes: bytes, file: file,
                              required: ["region", "member", "year_from", "year_to", "source", "note"], diagnostics: &d)
                for r in t.rows {
                    guard let region = r.required("region", "a factor region code", into: &d),
                          let member = r.required("member", "a region code", into: &d),
                          case let from?? = Optional(r.year("year_from", optional: true, into: &d)),
                          case let to?? = Optional(r.year("year_to", optional: true, into: &d)) else { continue }
                    membership.append(RegionMembership(region: region, member: member, yearFrom: from, yearTo: to,
                                                       source: r["source"], location: r.location))
                }
            case "items.csv":
                let t = Table(bytes: bytes, file: file, required: itemColumns, optional: itemOptionalColumns,
                              diagnostics: &d)
                if isProject {
                    items += readItems(t, into: &d)
                } else {
                    d.append(.error(.factorSet, at: InputLocation(file: file),
                        "a shipped set may not define items; expected them in EmissionFactors/items.csv"))
                }
            default:
                let t = Table(bytes: bytes, file: file, required: factorColumns, diagnostics: &d)
                for r in t.rows { if let row = factorRow(r, into: &d) { rows.append(row) } }
            }
        }
        let info = FactorSetInfo(id: s("id"), edition: s("edition"), version: s("version"), title: s("title"),
                                 publisher: s("publisher"), license: s("license"), notes: s("notes"), path: label,
                                 contentHash: SHA256.hexString(hasher.finalize()), isProjectSet: isProject)
        return FactorSet(info: info, rows: rows, membership: membership, items: items, diagnostics: &log)
    }

    static func factorRow(_ r: Table.Row, into d: inout [Diagnostic]) -> FactorRow? {
        let before = d.count
        let parameter = r.required("parameter", "a parameter such as ncv or ef_co2", into: &d)
        // An empty item is "any item": the factor of a manure system, a water regime, a leaching fraction.
        let item: String? = r["item"]
        var category: CategoryCode?
        if !r["category"].isEmpty {
            category = CategoryCode(r["category"])
            if category == nil {
                d.append(.error(.unknownCategory, at: r.location("category"),
                    "malformed category '\(r["category"])'; expected a code such as 1.A.1 or empty for any"))
            }
        }
        let from = r.year("year_from", optional: true, into: &d)
        let to = r.year("year_to", optional: true, into: &d)
        let value = r.number("value", into: &d)
        let unit = r.unit("unit", into: &d)
        let low = r.number("low", optional: true, into: &d)
        let high = r.number("high", optional: true, into: &d)
        let source = r.required("source", "a citation precise enough to find the number", into: &d)
        guard d.count == before, let parameter, let item, let from, let to, let value, let unit, let low, let high,
              let source, let v = value else { return nil }
        // The parameter registry: a known parameter, a unit it accepts, a value in its range.
        let p = FactorParameter(parameter)
        guard let spec = p.spec else {
            d.append(.error(.factorSet, at: r.location("parameter"),
                "unknown parameter '\(parameter)'; expected one of the parameters of EmissionFactors/README.md "
                    + "(ncv, carbon_content, oxidation, ef_co2, ef_ch4, ef_n2o, …)"))
            return nil
        }
        guard spec.accepts(unit) else {
            d.append(.error(.unitDimension, at: r.location("unit"),
                "unit '\(unit.symbol)' (\(unit.dimension)\(unit.species.map { ", counted as \($0)" } ?? "")) cannot "
                    + "express parameter '\(parameter)' (\(spec.meaning)); expected \(spec.expected)"))
            return nil
        }
        guard spec.range.contains(unit.toBase(v)) else {
            d.append(.error(.malformedNumber, at: r.location("value"),
                "value '\(r["value"])' \(unit.symbol) is out of range for parameter '\(parameter)'; expected "
                    + spec.range.text))
            return nil
        }
        // The distribution Monte Carlo draws from: a known name, and an interval that fits it.
        if case let .failure(e) = Distribution.stated(r["distribution"], value: v, low: low, high: high) {
            d.append(.error(.factorSet, at: r.location("distribution"),
                "distribution '\(r["distribution"])' with low '\(r["low"])', value '\(r["value"])', high '\(r["high"])': "
                    + e.message))
            return nil
        }
        if !r["distribution"].isEmpty, low == nil, high == nil {
            d.append(.error(.factorSet, at: r.location("distribution"),
                "distribution '\(r["distribution"])' without low or high; expected the 95 % interval in low and high "
                    + "(the 2.5th and 97.5th percentiles), or no distribution"))
            return nil
        }
        return FactorRow(parameter: p, item: item, category: category,
                         technology: r["technology"].isEmpty ? nil : r["technology"],
                         region: r["region"].isEmpty ? nil : r["region"], yearFrom: from, yearTo: to, value: v,
                         unit: unit, low: low, high: high, distribution: r["distribution"], source: source,
                         note: r["note"], location: r.location)
    }
}
