import Foundation
import GHGCore

/// Renders and writes the outputs of `ghg compile` (DESIGN §7). Every renderer is a pure function of the
/// compilation, so the same inputs give byte-identical files.
public enum OutputWriter {
    /// `inventory.csv`: one row per region, year, scope, category node and gas, with the GWP set named on each row.
    public static func inventoryCSV(_ inv: Inventory, categories: CategoryTable) -> String {
        var w = CSVWriter(header: ["region", "extent", "year", "scope", "category", "category_name_en",
                                   "category_name_zh", "gas", "mass_t", "co2e_t", "gwp"])
        for row in inv.rows {
            let k = row.key
            var en = "Total", zh = "合计"
            if case let .category(c) = k.node { en = categories[c]?.nameEN ?? ""; zh = categories[c]?.nameZH ?? "" }
            w.row([k.region, k.extent.rawValue, String(k.year), k.scope.rawValue, k.node.description, en, zh, k.gas.description,
                   row.massTonnes.map(DecimalFormat.string) ?? "", row.co2eTonnes.map(DecimalFormat.string) ?? "",
                   inv.gwpSet.rawValue])
        }
        return w.text
    }

    /// `lineage.jsonl`: one JSON object per emission line, in the inventory's line order (`line` is the index that
    /// inventory rows refer to).
    public static func lineageJSONL(_ inv: Inventory) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(inv.lines.count * 1024)
        for (i, l) in inv.lines.enumerated() {
            lineJSON(l, index: i).appendCompact(to: &out)
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One emission line as JSON.
    public static func lineJSON(_ l: EmissionLine, index: Int) -> JSONValue {
        let a = l.lineage.activity
        let factors: [JSONValue] = l.lineage.factors.map { f in
            var o: [(String, JSONValue)] = [
                ("parameter", .string(f.parameter)), ("item", .string(f.item)), ("set", .string(f.set)),
                ("version", .string(f.version)), ("file", .string(f.location.file)), ("line", .int(f.location.line)),
                ("value", .number(f.value)), ("unit", .string(f.unit)), ("base_value", .number(f.baseValue)),
                ("base_unit", .string(f.baseUnit)), ("source", .string(f.source)),
            ]
            if !f.note.isEmpty { o.append(("note", .string(f.note))) }
            if let n = f.lookupNote { o.append(("lookup", .string(n))) }
            return .object(o)
        }
        return .object([
            ("line", .int(index)), ("region", .string(l.region)), ("year", .int(l.year)),
            ("category", .string(l.category.description)), ("item", .string(l.item)),
            ("gas", .string(l.gas.rawValue)),
            ("scope", .string(l.scope.rawValue)), ("mass_t", .number(l.massTonnes)),
            ("method", .string(l.method.rawValue)),
            ("activity", .object([
                ("file", .string(a.location.file)), ("line", .int(a.location.line)), ("value", .number(a.value)),
                ("unit", .string(a.unit)), ("converted_value", .number(a.convertedValue)),
                ("converted_unit", .string(a.convertedUnit)), ("source", .string(a.source)),
            ])),
            ("other_activities", .array(l.lineage.otherActivities.map { o in
                .object([("file", .string(o.location.file)), ("line", .int(o.location.line)),
                         ("value", .number(o.value)), ("unit", .string(o.unit))])
            })),
            ("factors", .array(factors)), ("formula", .string(l.lineage.formula)),
        ])
    }

    /// `diagnostics.csv`: every kept diagnostic, sorted by location.
    public static func diagnosticsCSV(_ log: DiagnosticLog) -> String {
        var w = CSVWriter(header: ["file", "line", "column", "severity", "code", "message"])
        for d in log.sorted {
            w.row([d.location.file, String(d.location.line), String(d.location.column), d.severity.rawValue,
                   d.code.rawValue, d.message])
        }
        if log.dropped > 0 {
            w.row(["", "0", "0", "warning", DiagnosticCode.tooManyDiagnostics.rawValue,
                   "\(log.dropped) more diagnostics were not kept (limit \(log.limit))"])
        }
        return w.text
    }

    /// `energy.csv`: the energy content of every fuel, electricity and heat row (GJ from the NCV, tce from the
    /// standard-coal coefficient), with the factors used.
    public static func energyCSV(_ lines: [EnergyLine]) -> String {
        var w = CSVWriter(header: ["region", "year", "category", "activity", "item", "value", "unit", "energy_gj",
                                   "tce", "ncv_factor", "tce_factor", "file", "line"])
        func ref(_ f: FactorReference?) -> String {
            f.map { "\($0.set)@\($0.version) \($0.location.file):\($0.location.line)" } ?? ""
        }
        for e in lines {
            let a = e.activityReference
            w.row([e.region, String(e.year), e.category.description, e.activity.rawValue, e.item,
                   DecimalFormat.string(a.value), a.unit, e.gigajoules.map(DecimalFormat.string) ?? "",
                   e.tce.map(DecimalFormat.string) ?? "", ref(e.ncv), ref(e.tceCoefficient), a.location.file,
                   String(a.location.line)])
        }
        return w.text
    }

    /// `checks.csv`: quality-check results (reference vs sectoral approach, roll-up residuals).
    public static func checksCSV(_ checks: [CheckResult]) -> String {
        var w = CSVWriter(header: ["check", "region", "year", "subject", "value", "reference", "difference",
                                   "difference_pct", "status"])
        for c in checks {
            w.row([c.check, c.region, String(c.year), c.subject, DecimalFormat.string(c.value),
                   DecimalFormat.string(c.reference), DecimalFormat.string(c.value - c.reference),
                   c.differencePct.map(DecimalFormat.string) ?? "", c.status])
        }
        return w.text
    }

    /// `indicators.csv`: every indicator of every region and year.
    public static func indicatorsCSV(_ values: [IndicatorValue]) -> String {
        var w = CSVWriter(header: ["region", "year", "indicator", "base_year", "value", "unit", "numerator",
                                   "denominator", "method"])
        for v in values {
            w.row([v.region, String(v.year), v.key, v.baseYear.map(String.init) ?? "", DecimalFormat.string(v.value),
                   v.unit, v.numerator.map(DecimalFormat.string) ?? "", v.denominator.map(DecimalFormat.string) ?? "",
                   v.method])
        }
        return w.text
    }

    /// `targets.csv` (output): each target with its status for the latest year with data and the numbers behind it.
    public static func targetsCSV(_ results: [TargetResult]) -> String {
        var w = CSVWriter(header: ["region", "indicator", "base_year", "target_year", "comparison", "target",
                                   "unit", "status", "latest_year", "actual", "path_start_year", "path_start",
                                   "path_value", "explanation", "source", "file", "line"])
        for r in results {
            let t = r.target
            w.row([t.region, t.indicator, t.baseYear.map(String.init) ?? "", t.targetYear.map(String.init) ?? "",
                   t.comparison.rawValue, t.value.map(DecimalFormat.string) ?? "", t.unit, r.status.rawValue,
                   r.latestYear.map(String.init) ?? "", r.actual.map(DecimalFormat.string) ?? "",
                   r.pathStart.map { String($0.year) } ?? "", r.pathStart.map { DecimalFormat.string($0.value) } ?? "",
                   r.pathValue.map(DecimalFormat.string) ?? "", r.explanation, t.source, t.location.file,
                   String(t.location.line)])
        }
        return w.text
    }

    /// `notation.csv`: rows that carry a notation key instead of a value.
    public static func notationCSV(_ records: [ActivityRecord]) -> String {
        var w = CSVWriter(header: ["region", "year", "category", "activity", "item", "key", "note", "file", "line"])
        for r in records {
            guard case let .notation(k) = r.amount else { continue }
            w.row([r.region, String(r.year), r.category.description, r.activity.rawValue, r.item, k.rawValue, r.note,
                   r.location.file, String(r.location.line)])
        }
        return w.text
    }

    /// `manifest.json`: tool version, GWP set, inputs with hashes, factor sets with versions and hashes, counts and
    /// the hashes of the other outputs. No timestamps and no absolute paths, so it is reproducible.
    public static func manifestJSON(_ c: Compilation, outputs: [(String, String)]) -> String {
        let p = c.project
        let sets: [JSONValue] = c.stack.map { s in
            .object([("id", .string(s.info.id)), ("version", .string(s.info.version)),
                     ("edition", .string(s.info.edition)), ("path", .string(s.info.path)),
                     ("sha256", .string(s.info.contentHash)), ("rows", .int(s.rows.count))])
        }
        let files = (p?.files ?? []).map { JSONValue.object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) }
        let refs = c.reference.files.map { JSONValue.object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) }
        let outs = outputs.map { JSONValue.object([("path", .string($0.0)), ("sha256", .string(SHA256.hex(Array($0.1.utf8))))]) }
        let calc = c.calculation
        let manifest: JSONValue = .object([
            ("tool", "ghg-inventory"), ("version", .string(GHGVersion.current)),
            ("project", .string(p?.config.name ?? "")),
            ("years", .array((p?.config.years ?? []).map { .int($0) })),
            ("base_years", .array((p?.config.baseYears ?? []).map { .int($0) })),
            ("gwp", .string(c.gwp.rawValue)),
            ("factor_stack", .array(sets)),
            ("inputs", .array(files)),
            ("reference", .array(refs)),
            ("counts", .object([
                ("activity_rows", .int(p?.activityRowCount ?? 0)), ("rows_used", .int(calc?.usedRowCount ?? 0)),
                ("rows_rejected", .int((p?.activityRowCount ?? 0) - (calc?.usedRowCount ?? 0))),
                ("notation_rows", .int(calc?.notationRecords.count ?? 0)),
                ("emission_lines", .int(calc?.lines.count ?? 0)),
                ("errors", .int(c.log.errorCount)), ("warnings", .int(c.log.warningCount)),
            ])),
            ("outputs", .array(outs)),
        ])
        return manifest.pretty + "\n"
    }

    /// The names of every file `write` may produce.
    public static let outputNames = ["inventory.csv", "lineage.jsonl", "energy.csv", "notation.csv", "checks.csv",
                                     "indicators.csv", "targets.csv", "diagnostics.csv", "manifest.json"]

    /// Renders every output of a successful compilation, by file name, in writing order.
    public static func render(_ c: Compilation) -> [(String, String)] {
        guard let inv = c.inventory else { return [("diagnostics.csv", diagnosticsCSV(c.log))] }
        var files: [(String, String)] = [
            ("inventory.csv", inventoryCSV(inv, categories: c.reference.categories)),
            ("lineage.jsonl", lineageJSONL(inv)),
            ("energy.csv", energyCSV(c.calculation?.energy ?? [])),
            ("notation.csv", notationCSV(c.calculation?.notationRecords ?? [])),
            ("checks.csv", checksCSV((c.calculation?.checks ?? []) + c.rollupChecks)),
            ("indicators.csv", indicatorsCSV(c.indicators)),
            ("targets.csv", targetsCSV(c.targets)),
            ("diagnostics.csv", diagnosticsCSV(c.log)),
        ]
        files.append(("manifest.json", manifestJSON(c, outputs: files)))
        return files
    }

    /// Writes the outputs into `directory` (created if needed). After errors only `diagnostics.csv` is written, so
    /// that no partial inventory is ever mistaken for a result.
    public static func write(_ c: Compilation, to directory: String) throws -> [String] {
        try FileSystem.makeDirectory(directory)
        // Outputs of an earlier run must not survive beside this run's diagnostics.
        for name in outputNames where FileSystem.exists(FileSystem.join(directory, name)) {
            try FileManager.default.removeItem(atPath: FileSystem.join(directory, name))
        }
        let files = c.succeeded ? render(c) : [("diagnostics.csv", diagnosticsCSV(c.log))]
        for (name, text) in files { try FileSystem.write(text, to: FileSystem.join(directory, name)) }
        return files.map(\.0)
    }
}
