import Foundation
import GHGCore

/// An output folder that would overwrite or remove inputs.
public struct OutputFolderError: Error, CustomStringConvertible {
    /// What is wrong and what to do.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// Renders and writes the outputs of `ghg compile` (DESIGN §7). Every renderer is a pure function of the
/// compilation, so the same inputs give byte-identical files whatever the thread count.
public enum OutputWriter {
    /// The names of every file `write` may produce.
    public static let outputNames = ["inventory.csv", "summary.csv", "lineage.jsonl", "energy.csv", "notation.csv",
                                     "checks.csv", "indicators.csv", "targets.csv", "key_categories.csv",
                                     "uncertainty_approach1.csv", "diagnostics.csv", "report.html", "report.md",
                                     "manifest.json"]

    /// The outputs that need the report templates (`Templates/reports/`): without them they are not written.
    public static let reportNames: Set<String> = ["summary.csv", "report.html", "report.md"]

    /// The UTF-8 byte-order mark that `--excel` puts before every CSV file, so that Excel (Chinese Windows locales
    /// among them) reads the files as UTF-8 rather than GBK.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Whether CSV files get a byte-order mark: `--excel`, or `"excel_csv": true` in `ghg-project.json`.
    static func excel(_ c: Compilation, _ flag: Bool) -> Bool { flag || c.project?.config.excelCSV == true }

    /// The names written for a compilation: every output but the manifest, less those skipped and, without
    /// templates, the reports.
    static func names(templates: ReportTemplates?, skipping: Set<String>) -> [String] {
        outputNames.filter {
            $0 != "manifest.json" && !skipping.contains($0) && (templates != nil || !reportNames.contains($0))
        }
    }

    // MARK: inventory.csv

    /// `inventory.csv`: one row per region, year, scope, category node and gas, with the GWP set named on each row.
    public static func inventoryCSV(_ inv: Inventory, categories: CategoryTable) -> String {
        var sink = MemorySink()
        inventoryCSV(inv, categories: categories, into: &sink)
        return sink.text
    }

    static func inventoryCSV<S: OutputSink>(_ inv: Inventory, categories: CategoryTable, into sink: inout S) {
        var w = ByteWriter(sink)
        w.text("region,extent,year,scope,category,category_name_en,category_name_zh,gas,mass_t,co2e_t,gwp\n")
        // Every text part is escaped once: a region with its extent, and a scope, node and gas together.
        var prefixes = ByteTexts()
        for code in inv.regionCodes {
            prefixes.append(CSVWriter.escape(code) + ",all,")
            prefixes.append(CSVWriter.escape(code) + ",own,")
        }
        let nodes: [String] = inv.nodes.map { n in
            var en = "Total", zh = "合计"
            if case let .category(c) = n { en = categories[c]?.nameEN ?? ""; zh = categories[c]?.nameZH ?? "" }
            return [n.description, en, zh].map(CSVWriter.escape).joined(separator: ",") + ","
        }
        let nN = inv.nodes.count, nG = inv.gases.count
        var middles = ByteTexts()
        for scope in inv.scopes {
            for node in nodes {
                for gas in inv.gases {
                    middles.append("," + CSVWriter.escape(scope.rawValue) + "," + node + CSVWriter.escape(gas.description)
                                   + ",")
                }
            }
        }
        let isAll = inv.gases.map { $0 == .all }
        let gwp = Array(("," + CSVWriter.escape(inv.gwpSet.rawValue) + "\n").utf8)
        prefixes.withPointers { prefixText, prefixStart in
            middles.withPointers { middleText, middleStart in
                inv.cells.withUnsafeBufferPointer { cells in
                    for c in cells {
                        w.piece(prefixText, prefixStart, Int(c.region) &* 2 &+ Int(c.extent))
                        w.int(Int(c.year))
                        w.piece(middleText, middleStart, (Int(c.scope) &* nN &+ Int(c.node)) &* nG &+ Int(c.gas))
                        if !isAll[Int(c.gas)] { w.number(c.mass) }
                        w.byte(0x2C)
                        if !c.co2eMissing { w.number(c.co2e) }
                        w.bytes(gwp)
                        w.endRecord()
                    }
                }
            }
        }
        sink = w.finish()
    }

    // MARK: lineage.jsonl

    /// `lineage.jsonl`, normalised (DESIGN §6 "Lineage output"): first the activity files, the factor rows the lines
    /// and energy accounts use, formulas, line templates and row plans, each once with its citation; then one record
    /// per activity row: its file and line, its plan, its lines' masses and its energy; then one record per line over
    /// several rows; then the factor rows only the indicators use, and the indicators' uses of factor rows. Records are
    /// JSON objects on one line, except row records, which are arrays in the order the header record's `row_fields`
    /// names. Written in two parts (``lineageLines(_:gwp:aliases:into:)`` as soon as the lines are evaluated, then
    /// ``lineageIndicators(_:library:written:into:)``), which is how `compileAndWrite` writes it beside the rest of
    /// the compile.
    static func lineageJSONL<S: OutputSink>(_ c: Compilation, into sink: inout S) {
        guard let calc = c.calculation else { return }
        let written = lineageLines(calc, gwp: c.gwp, aliases: c.aliases, into: &sink)
        lineageIndicators(c.indicatorFactors, library: calc.factors, written: written, into: &sink)
    }

    /// The first part of `lineage.jsonl`: everything that depends on the calculation alone, up to and including the
    /// group records. Returns the factor rows it wrote.
    static func lineageLines<S: OutputSink>(_ calc: CalculationResult, gwp: GWPSet, aliases: [NameAlias],
                                            into sink: inout S) -> Set<FactorRowID> {
        let plan = calc.plan, table = calc.table, lines = calc.lines, library = calc.factors
        var b: [UInt8] = []
        b.reserveCapacity(1 << 20)
        func flush(_ force: Bool = false) {
            if force || b.count >= 1 << 20 { sink.write(b); b.removeAll(keepingCapacity: true) }
        }
        func object(_ fields: [(String, JSONValue)]) {
            JSONValue.object(fields).appendCompact(to: &b)
            b.append(0x0A)
        }
        let recordKinds: [String] = ["file", "alias", "factor", "formula", "template", "plan", "row", "group",
                                     "indicator_factor"]
        let rowFields: [String] = ["file", "line", "plan", "mass_t", "energy_gj", "tce"]
        let header: [(String, JSONValue)] = [
            ("kind", .string("header")), ("format", .string("ghg-inventory lineage")), ("version", .int(4)),
            ("gwp", .string(gwp.rawValue)), ("records", .array(recordKinds.map { JSONValue.string($0) })),
            ("row_fields", .array(rowFields.map { JSONValue.string($0) })),
            ("note", .string("a row record is an array: the activity file's id and line, the row's plan (its line "
                + "templates, each a formula over factor rows landing in a category, gas and scope), the masses in t "
                + "of its lines in the plan's template order, and the row's energy in GJ and standard coal in tce "
                + "(null when not accounted). explain numbers lines in canonical order: region, year, category, "
                + "gas, scope, then activity row. A group record is a line over several inputs (a fuel balance, two "
                + "forest surveys) counting in its inventory year: each input is an activity row (file, line) or a "
                + "number of the line (value, unit: a survey year). An alias record is a name the activity files wrote "
                + "(原煤) and the id it resolved to (raw_coal). Factor rows that only indicators use follow the group records, "
                + "just before the indicator_factor records that cite them")),
        ]
        object(header)
        for (i, f) in table.symbols.files.enumerated() {
            object([("kind", "file"), ("id", .int(i)), ("path", .string(f))])
        }
        for a in aliases {
            object([("kind", "alias"), ("field", .string(a.field.description)), ("written", .string(a.written)),
                    ("resolved", .string(a.resolved))])
        }
        // Factor rows used, once each, with their citations.
        var used = Set<FactorRowID>()
        for t in plan.lineTemplates { used.formUnion(t.factors) }
        for p in plan.rowPlans {
            if case let .ncv(id) = p.energy?.energy { used.insert(id) }
            if case let .coefficient(id, _) = p.energy?.tce { used.insert(id) }
        }
        for id in used.sorted() { lineageFactor(id, library, &b) }
        let formulaIDs = Set(plan.lineTemplates.map(\.formula)).sorted()
        for id in formulaIDs {
            let f = MethodRegistry.formulas[Int(id)]
            object([("kind", "formula"), ("id", .int(Int(id))), ("name", .string(f.name)),
                    ("equation", .string(f.equation))])
        }
        for (i, t) in plan.lineTemplates.enumerated() {
            var o: [(String, JSONValue)] = [
                ("kind", "template"), ("id", .int(i)), ("method", .string(t.method.rawValue)),
                ("formula", .int(Int(t.formula))), ("factors", .array(t.factors.map { .int(Int($0)) })),
                ("category", .string(t.category.description)), ("gas", .string(t.gas.rawValue)),
                ("scope", .string(t.scope.rawValue)),
            ]
            if t.lookupNotes.contains(where: { $0 != nil }) {
                o.append(("lookup", .array(t.lookupNotes.map { .optional($0) })))
            }
            object(o)
        }
        for (i, p) in plan.rowPlans.enumerated() {
            var o: [(String, JSONValue)] = [("kind", "plan"), ("id", .int(i)),
                                            ("templates", .array(p.lines.map { .int(Int($0)) }))]
            if let e = p.energy {
                switch e.energy {
                case .none: break
                case .activity: o.append(("energy", "activity"))
                case let .ncv(id): o.append(("energy", .object([("ncv", .int(Int(id)))])))
                }
                switch e.tce {
                case .none: o.append(("tce", .null))
                case .activity: o.append(("tce", "activity"))
                case let .coefficient(id, note):
                    o.append(("tce", .object([("factor", .int(Int(id)))] + (note.map { [("lookup", JSONValue.string($0))] } ?? []))))
                }
            }
            object(o)
        }
        // Row records: each row's line masses in the order of its plan's templates (evaluated row by row, as the
        // kernel evaluates the lines), and its energy.
        let rowMasses = RowEvaluator(plan: plan, table: table, factorValues: library.baseValues)
        let masses = UnsafeMutablePointer<Double>.allocate(capacity: max(1, rowMasses.maxLinesPerRow))
        defer { masses.deallocate() }
        let values = library.baseValues
        let scale = table.symbols.units.map(\.scale)
        // Per plan: how energy and standard coal are found (0 none, 1 the value, 2 a factor).
        var energyKind = [UInt8](repeating: 0, count: plan.rowPlans.count), energyFactor = [Int](repeating: 0, count: plan.rowPlans.count)
        var tceKind = [UInt8](repeating: 0, count: plan.rowPlans.count), tceFactor = [Int](repeating: 0, count: plan.rowPlans.count)
        for (k, p) in plan.rowPlans.enumerated() {
            switch p.energy?.energy {
            case .activity?: energyKind[k] = 1
            case let .ncv(id)?: energyKind[k] = 2; energyFactor[k] = Int(id)
            default: break
            }
            switch p.energy?.tce {
            case .activity?: tceKind[k] = 1
            case let .coefficient(id, _)?: tceKind[k] = 2; tceFactor[k] = Int(id)
            default: break
            }
        }
        flush(true)
        var w = ByteWriter(sink)
        for r in 0..<table.count {
            let p = Int(plan.rowPlan[r])
            guard p >= 0 else { continue }
            w.byte(0x5B)
            w.int(Int(table.file[r]))
            w.byte(0x2C)
            w.int(Int(table.line[r]))
            w.byte(0x2C)
            w.int(p)
            w.byte(0x2C)
            w.byte(0x5B)
            let n = rowMasses.masses(ofRow: r, into: masses)
            for k in 0..<n {
                if k > 0 { w.byte(0x2C) }
                w.number(masses[k])
            }
            w.byte(0x5D)
            w.byte(0x2C)
            let u = Int(table.unit[r])
            let base = u < 0 ? 0 : table.value[r] * scale[u]
            switch energyKind[p] {
            case 1: w.number(base)
            case 2: w.number(base * values[energyFactor[p]])
            default: w.text("null")
            }
            w.byte(0x2C)
            switch tceKind[p] {
            case 1: w.number(base)
            case 2: w.number(base * values[tceFactor[p]])
            default: w.text("null")
            }
            w.byte(0x5D)
            w.byte(0x0A)
            w.endRecord()
        }
        sink = w.finish()
        for i in 0..<lines.count where lines.group[i] >= 0 {
            let g = plan.groupLines[Int(lines.group[i])]
            object([("kind", "group"), ("line", .int(i)), ("year", .int(Int(g.year))),
                    ("template", .int(Int(g.template))),
                    ("rows", .array(g.inputs.map { input in
                        input.row < 0
                            ? .object([("value", .number(input.constant)), ("unit", .string(input.constantUnit)),
                                       ("role", .int(input.role)), ("weight", .number(input.weight)),
                                       ("label", .string(input.label))])
                            : .object([("file", .int(Int(table.file[Int(input.row)]))),
                                       ("line", .int(Int(table.line[Int(input.row)]))), ("role", .int(input.role)),
                                       ("weight", .number(input.weight)), ("label", .string(input.label))])
                    })), ("mass_t", .number(lines.mass[i]))])
        }
        flush(true)
        return used
    }

    /// The second part of `lineage.jsonl`: the factor rows the indicators use that the first part did not write (in
    /// id order), then one record per use of a factor row by an indicator.
    static func lineageIndicators<S: OutputSink>(_ factors: [IndicatorFactor], library: FactorLibrary,
                                                 written: Set<FactorRowID>, into sink: inout S) {
        var b: [UInt8] = []
        for id in Set(factors.map(\.factor)).subtracting(written).sorted() { lineageFactor(id, library, &b) }
        for f in factors {
            JSONValue.object([("kind", "indicator_factor"), ("region", .string(f.region)), ("year", .int(f.year)),
                              ("indicator", .string(f.indicator)), ("factor", .int(Int(f.factor))),
                              ("input", .string(f.input.description)), ("input_value", .number(f.inputValue))])
                .appendCompact(to: &b)
            b.append(0x0A)
        }
        sink.write(b)
    }

    /// A factor record of `lineage.jsonl`: the row with its set, version, place and citation.
    private static func lineageFactor(_ id: FactorRowID, _ library: FactorLibrary, _ b: inout [UInt8]) {
        let r = FactorReference(library, id: id, lookupNote: nil)
        var o: [(String, JSONValue)] = [
            ("kind", "factor"), ("id", .int(Int(id))), ("parameter", .string(r.parameter.rawValue)),
            ("item", .string(r.item)), ("set", .string(r.set)), ("version", .string(r.version)),
            ("file", .string(r.location.file)), ("line", .int(r.location.line)), ("value", .number(r.value)),
            ("unit", .string(r.unit)), ("base_value", .number(r.baseValue)), ("base_unit", .string(r.baseUnit)),
            ("source", .string(r.source)),
        ]
        if !r.note.isEmpty { o.append(("note", .string(r.note))) }
        JSONValue.object(o).appendCompact(to: &b)
        b.append(0x0A)
    }

    /// One line as JSON, as `explain --format json` prints it: the line with its activity row, every factor and the
    /// formula with numbers.
    public static func lineJSON(_ l: LineDescription) -> JSONValue {
        let a = l.activity
        let factors: [JSONValue] = l.factors.map { f in
            var o: [(String, JSONValue)] = [
                ("parameter", .string(f.parameter.rawValue)), ("item", .string(f.item)), ("set", .string(f.set)),
                ("version", .string(f.version)), ("file", .string(f.location.file)), ("line", .int(f.location.line)),
                ("value", .number(f.value)), ("unit", .string(f.unit)), ("base_value", .number(f.baseValue)),
                ("base_unit", .string(f.baseUnit)), ("source", .string(f.source)),
            ]
            if !f.note.isEmpty { o.append(("note", .string(f.note))) }
            if let n = f.lookupNote { o.append(("lookup", .string(n))) }
            return .object(o)
        }
        return .object([
            ("line", .int(l.index)), ("region", .string(l.region)), ("year", .int(l.year)),
            ("category", .string(l.category.description)), ("item", .string(l.item)),
            ("gas", .string(l.gas.rawValue)),
            ("scope", .string(l.scope.rawValue)), ("mass_t", .number(l.mass)),
            ("method", .string(l.method.rawValue)),
            ("activity", .object([
                ("file", .string(a.location.file)), ("line", .int(a.location.line)), ("value", .number(a.value)),
                ("unit", .string(a.unit)), ("converted_value", .number(a.convertedValue)),
                ("converted_unit", .string(a.convertedUnit)), ("source", .string(a.source)),
            ])),
            ("other_activities", .array(l.otherActivities.map { o in
                .object([("file", .string(o.location.file)), ("line", .int(o.location.line)),
                         ("value", .number(o.value)), ("unit", .string(o.unit))])
            })),
            ("factors", .array(factors)), ("formula", .string(l.formula)),
        ])
    }

    // MARK: energy.csv

    /// `energy.csv`: the energy accounting rolled up like the inventory (``EnergyAccounts``): per region (extent
    /// `all`, and `own` for a region's own rows), year, activity and category node, the energy in GJ (from NCVs) and
    /// standard coal in tce (from standard-coal coefficients), with the number of rows, of rows without a
    /// coefficient and of net exports (counted, not subtracted). Each row's own figures and factors are in
    /// `lineage.jsonl`.
    static func energyCSV<S: OutputSink>(_ c: Compilation, into sink: inout S) {
        var w = ByteWriter(sink)
        w.text("region,extent,year,activity,category,energy_gj,tce,rows,rows_without_tce,net_exports_not_subtracted\n")
        if let e = c.energy {
            let regions = e.regionCodes.map { Array(CSVWriter.escape($0).utf8) }
            let activities = e.activities.map { Array(("," + CSVWriter.escape($0.rawValue) + ",").utf8) }
            let nodes = e.nodes.map { Array(($0.description + ",").utf8) }
            let extents = [Array(",all,".utf8), Array(",own,".utf8)]
            for cell in e.cells {
                w.bytes(regions[Int(cell.region)])
                w.bytes(extents[Int(cell.extent)])
                w.int(Int(cell.year))
                w.bytes(activities[Int(cell.activity)])
                w.bytes(nodes[Int(cell.node)])
                if cell.rowsWithEnergy > 0 { w.number(cell.energyGJ) }
                w.byte(0x2C)
                if cell.rows - cell.rowsWithoutTCE - cell.netExports > 0 { w.number(cell.tce) }
                w.byte(0x2C)
                w.int(cell.rows)
                w.byte(0x2C)
                w.int(cell.rowsWithoutTCE)
                w.byte(0x2C)
                w.int(cell.netExports)
                w.byte(0x0A)
                w.endRecord()
            }
        }
        sink = w.finish()
    }

    // MARK: small tables

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

    /// `checks.csv`: the findings of every quality check (``InventoryChecks``), one per row: the check and its code,
    /// severity, region, year, subject, the input it points at, the numbers and what to look at.
    public static func checksCSV(_ checks: [CheckResult]) -> String {
        var sink = MemorySink()
        checksCSV(checks, into: &sink)
        return sink.text
    }

    /// `checks.csv` into a sink, straight into bytes (75 000 findings at national scale), with the repeated texts
    /// (check, code, severity, region, status) escaped once.
    static func checksCSV<S: OutputSink>(_ checks: [CheckResult], into sink: inout S) {
        var w = ByteWriter(sink)
        w.text("check,code,severity,region,year,subject,location,value,reference,difference,difference_pct,status,detail\n")
        var escaped: [String: [UInt8]] = [:]
        func repeated(_ s: String) { w.escaped(s, cache: &escaped) }
        for c in checks {
            repeated(c.check); w.byte(0x2C)
            repeated(c.code.rawValue); w.byte(0x2C)
            repeated(c.severity); w.byte(0x2C)
            repeated(c.region); w.byte(0x2C)
            w.int(c.year); w.byte(0x2C)
            repeated(c.subject); w.byte(0x2C)
            if let l = c.location { w.field(l.description) }
            w.byte(0x2C)
            w.number(c.value); w.byte(0x2C)
            w.number(c.reference); w.byte(0x2C)
            w.number(c.value - c.reference); w.byte(0x2C)
            if let p = c.differencePct { w.number(p) }
            w.byte(0x2C)
            repeated(c.status); w.byte(0x2C)
            w.field(c.detail)
            w.byte(0x0A)
            w.endRecord()
        }
        sink = w.finish()
    }

    /// `indicators.csv`: every indicator of every region and year.
    public static func indicatorsCSV(_ values: [IndicatorValue]) -> String {
        var sink = MemorySink()
        indicatorsCSV(values, into: &sink)
        return sink.text
    }

    static func indicatorsCSV<S: OutputSink>(_ values: [IndicatorValue], into sink: inout S) {
        var w = ByteWriter(sink)
        w.text("region,year,indicator,base_year,value,unit,numerator,denominator,method\n")
        var escaped: [String: [UInt8]] = [:]
        func text(_ s: String) { w.escaped(s, cache: &escaped) }
        for v in values {
            text(v.region)
            w.byte(0x2C)
            w.int(v.year)
            w.byte(0x2C)
            text(v.key)
            w.byte(0x2C)
            if let y = v.baseYear { w.int(y) }
            w.byte(0x2C)
            w.number(v.value)
            w.byte(0x2C)
            text(v.unit)
            w.byte(0x2C)
            if let x = v.numerator { w.number(x) }
            w.byte(0x2C)
            if let x = v.denominator { w.number(x) }
            w.byte(0x2C)
            text(v.method)
            w.byte(0x0A)
            w.endRecord()
        }
        sink = w.finish()
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
    public static func notationCSV(_ calc: CalculationResult?) -> String {
        var w = CSVWriter(header: ["region", "year", "category", "activity", "item", "key", "note", "file", "line"])
        guard let calc else { return w.text }
        let t = calc.table
        for r32 in calc.plan.notationRows {
            let r = Int(r32)
            guard let k = t.notationOf(r) else { continue }
            let l = t.location(r)
            w.row([t.regionOf(r), String(t.year[r]), t.categoryOf(r).description, t.activityOf(r).rawValue,
                   t.itemOf(r), k.rawValue, t.noteOf(r), l.file, String(l.line)])
        }
        return w.text
    }

    /// `manifest.json`: tool version, GWP set, inputs with hashes, factor sets with versions and hashes, counts and
    /// the hashes of the other outputs. No timestamps and no absolute paths, so it is reproducible.
    public static func manifestJSON(_ c: Compilation, outputHashes: [(String, String)],
                                    templates: [InputFile] = [], excel: Bool = false) -> String {
        let p = c.project
        let sets: [JSONValue] = c.stack.map { s in
            .object([("id", .string(s.info.id)), ("version", .string(s.info.version)),
                     ("edition", .string(s.info.edition)), ("path", .string(s.info.path)),
                     ("sha256", .string(s.info.contentHash)), ("rows", .int(s.rows.count))])
        }
        let files = (p?.files ?? []).map { JSONValue.object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) }
        let refs = c.reference.files.map { JSONValue.object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) }
        let outs = outputHashes.map { JSONValue.object([("path", .string($0.0)), ("sha256", .string($0.1))]) }
        let calc = c.calculation
        let manifest: JSONValue = .object([
            ("tool", "ghg-inventory"), ("version", .string(GHGVersion.current)),
            ("project", .string(p?.config.name ?? "")),
            ("years", .array((p?.config.years ?? []).map { .int($0) })),
            ("base_years", .array((p?.config.baseYears ?? []).map { .int($0) })),
            ("gwp", .string(c.gwp.rawValue)),
            ("calibers", .object((p?.config.calibers ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("factor_stack", .array(sets)),
            ("inputs", .array(files)),
            ("reference", .array(refs)),
            ("report_templates", .array(templates.map {
                JSONValue.object([("path", .string($0.path)), ("sha256", .string($0.sha256))])
            })),
            ("csv_byte_order_mark", .bool(excel)),
            ("counts", .object([
                ("activity_rows", .int(p?.activityRowCount ?? 0)), ("rows_used", .int(calc?.usedRowCount ?? 0)),
                ("rows_rejected", .int((p?.activityRowCount ?? 0) - (calc?.usedRowCount ?? 0))),
                ("notation_rows", .int(calc?.plan.notationRows.count ?? 0)),
                ("emission_lines", .int(calc?.lines.count ?? 0)),
                ("errors", .int(c.log.errorCount)), ("warnings", .int(c.log.warningCount)),
            ])),
            ("outputs", .array(outs)),
        ])
        return manifest.pretty + "\n"
    }

    // MARK: rendering and writing

    /// Renders one output into a sink.
    static func render<S: OutputSink>(_ name: String, _ c: Compilation, templates: ReportTemplates?,
                                      into sink: inout S) {
        switch name {
        case "inventory.csv":
            if let inv = c.inventory { inventoryCSV(inv, categories: c.reference.categories, into: &sink) }
        case "summary.csv":
            if let templates, let inv = c.inventory {
                summaryCSV(inv, layout: templates.layout, regions: c.project?.regions, into: &sink)
            }
        case "report.html":
            if let templates { sink.write(Array(ReportWriter.html(c, templates: templates).utf8)) }
        case "report.md":
            if let templates { sink.write(Array(ReportWriter.markdown(c, templates: templates).utf8)) }
        case "lineage.jsonl": lineageJSONL(c, into: &sink)
        case "energy.csv": energyCSV(c, into: &sink)
        case "notation.csv": sink.write(Array(notationCSV(c.calculation).utf8))
        case "checks.csv": checksCSV(c.checks, into: &sink)
        case "indicators.csv": indicatorsCSV(c.indicators, into: &sink)
        case "targets.csv": sink.write(Array(targetsCSV(c.targets).utf8))
        case "key_categories.csv": KeyCategoryWriter.keyCategories(c, into: &sink)
        case "uncertainty_approach1.csv": KeyCategoryWriter.approach1(c, into: &sink)
        case "diagnostics.csv": sink.write(Array(diagnosticsCSV(c.log).utf8))
        default: preconditionFailure("unknown output \(name)")
        }
    }

    /// Renders every output of a successful compilation in memory, by file name, in writing order: the report
    /// outputs (`summary.csv`, `report.html`, `report.md`) only with templates; with `excel`, CSV files begin with
    /// a byte-order mark.
    public static func render(_ c: Compilation, templates: ReportTemplates? = nil, excel: Bool = false)
        -> [(String, String)] {
        guard c.inventory != nil else { return [("diagnostics.csv", diagnosticsCSV(c.log))] }
        let bom = Self.excel(c, excel)
        var files: [(String, String)] = []
        for name in names(templates: templates, skipping: []) {
            var sink = MemorySink()
            if bom && name.hasSuffix(".csv") { sink.write(byteOrderMark) }
            render(name, c, templates: templates, into: &sink)
            files.append((name, sink.text))
        }
        files.append(("manifest.json", manifestJSON(c, outputHashes: files.map { ($0.0, SHA256.hex(Array($0.1.utf8))) },
                                                    templates: templates?.files ?? [], excel: bom)))
        return files
    }

    /// A file-system error as one plain sentence (`cannot create the output folder 'out/x': Not a directory`), never
    /// Foundation's dump of an `NSError`.
    public static func plainMessage(_ error: Error, doing what: String) -> String {
        let ns = error as NSError
        let underlying = (ns.userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError }
        let posix = underlying?.domain == NSPOSIXErrorDomain ? underlying!.code : ns.domain == NSPOSIXErrorDomain ? ns.code : nil
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        let reason = posix.map { String(cString: strerror(Int32($0))) } ?? "\(error)"
        return "cannot \(what)\(path.map { " '\($0)'" } ?? ""): \(reason)"
    }

    /// Creates the output folder (and its parents), or says in one sentence why it cannot be.
    public static func prepareOutputFolder(_ out: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? nil : "cannot use '\(out)' as the output folder: it is a file; expected a folder"
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            return nil
        } catch {
            return plainMessage(error, doing: "create the output folder") + "; expected a folder you can write to"
        }
    }

    /// Why `out` may not be an output folder: it is, lies inside or contains one of `inputs` (the project folder, the
    /// factor library), so writing or cleaning it could destroy inputs. Nil when it is safe.
    public static func outputFolderProblem(_ out: String, inputs: [String]) -> String? {
        func canonical(_ p: String) -> String {
            URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path
        }
        let o = canonical(out)
        for input in inputs {
            let i = canonical(input)
            if o == i { return "the output folder '\(out)' is the input folder '\(input)'; expected a folder of its own, e.g. out/demo" }
            if o.hasPrefix(i + "/") { return "the output folder '\(out)' lies inside the input folder '\(input)'; expected a folder outside it, e.g. out/demo" }
            if i.hasPrefix(o + "/") { return "the output folder '\(out)' contains the input folder '\(input)'; expected a folder of its own, e.g. out/demo" }
        }
        return nil
    }

    /// The outputs a previous compile wrote into a folder, as its manifest lists them (plus the manifest and the
    /// diagnostics), that exist: the only files a new compile removes.
    static func previousOutputs(in directory: String) -> [String] {
        var names: Set<String> = []
        if let bytes = FileSystem.read(FileSystem.join(directory, "manifest.json")),
           let m = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] {
            for e in m["outputs"] as? [[String: Any]] ?? [] {
                if let p = e["path"] as? String, outputNames.contains(p) { names.insert(p) }
            }
            names.insert("manifest.json")
        }
        names.insert("diagnostics.csv")
        return names.sorted().filter { FileSystem.exists(FileSystem.join(directory, $0)) }
    }

    /// The outputs that do not depend on the checks' findings or the log:
    /// ``compileAndWrite(projectAt:options:to:skipping:excel:templates:)`` writes them while the checks run, in this
    /// order, longest first at national scale (`GHG_TIMING=1` at 3.6 M rows: the lineage about 2 s, the inventory
    /// 1 s, the summary table 0.8 s), so that the threads finish together. The rest (`checks.csv`,
    /// `diagnostics.csv`, the reports, the manifest) are written after.
    static let independentOfChecks = ["lineage.jsonl", "inventory.csv", "summary.csv", "key_categories.csv",
                                      "energy.csv", "indicators.csv", "uncertainty_approach1.csv", "targets.csv",
                                      "notation.csv"]

    /// Writes the outputs into `directory` (created if needed), large ones in parallel, each hashed as it is written.
    /// After errors only `diagnostics.csv` is written, so that no partial inventory is ever mistaken for a result.
    /// Outputs named in `skipping` (`lineage.jsonl`) are not written and not listed in the manifest; the report
    /// outputs are written only with `templates`; with `excel` every CSV file begins with a UTF-8 byte-order mark.
    public static func write(_ c: Compilation, to directory: String, threads: Int? = nil,
                             skipping: Set<String> = [], templates: ReportTemplates? = nil,
                             excel: Bool = false) throws -> [String] {
        if let root = c.project?.root, let problem = outputFolderProblem(directory, inputs: [root]) {
            throw OutputFolderError(message: problem)
        }
        try clear(directory)
        guard c.succeeded else { return try writeDiagnosticsOnly(c, to: directory, excel: excel) }
        var timer = PhaseTimer()
        let names = Self.names(templates: templates, skipping: skipping)
        let hashes = try files(names, of: c, to: directory, threads: threads ?? c.threads, templates: templates,
                               excel: excel)
        try writeManifest(c, names: names, hashes: hashes, to: directory, templates: templates, excel: excel)
        timer.mark("outputs written")
        return names + ["manifest.json"]
    }

    /// Compiles the project at `root` and writes its outputs into `directory`, as ``write(_:to:threads:skipping:templates:excel:)``
    /// does (the same files, byte for byte), but faster: the outputs that do not list the checks' findings
    /// (``independentOfChecks``: `inventory.csv`, `lineage.jsonl`, `summary.csv`, …) are written on the compile's
    /// threads side by side with the checks, the rest after them. `templates` is asked once for the report
    /// templates, with the compilation read so far (its factor library's categories check the layout). After
    /// errors only `diagnostics.csv` is written (files written beside the checks are removed again).
    ///
    /// - Returns: the compilation and the names of the files written.
    public static func compileAndWrite(projectAt root: String, options: CompileOptions, to directory: String,
                                       skipping: Set<String> = [], excel: Bool = false,
                                       templates: @escaping (Compilation) -> ReportTemplates?)
        throws -> (compilation: Compilation, written: [String])
    {
        if let problem = outputFolderProblem(directory, inputs: [root]) { throw OutputFolderError(message: problem) }
        var asked = false
        var chosen: ReportTemplates?
        var early: [String] = []
        // One slot per early output, written by its task only; read after the compile has joined every task.
        var earlyResults: UnsafeMutablePointer<Result<String, Error>?>?
        defer {
            if let earlyResults {
                earlyResults.deinitialize(count: early.count)
                earlyResults.deallocate()
            }
        }
        var setupError: Error?
        var cleared = false
        // lineage.jsonl is begun as soon as the lines are evaluated, on a thread of its own beside the aggregation.
        var lineage: LineageWriter?
        defer { lineage?.wait() }
        let lineagePath = FileSystem.join(directory, "lineage.jsonl")
        let c = Compiler.compile(projectAt: root, options: options, afterEvaluation: { evaluation in
            guard !skipping.contains("lineage.jsonl") else { return }
            do {
                try clear(directory)
                cleared = true
                lineage = try LineageWriter(evaluation, path: lineagePath, background: options.threads > 1)
            } catch {
                setupError = error
            }
        }, alongsideChecks: { partial in
            chosen = templates(partial)
            asked = true
            guard partial.succeeded, setupError == nil else { return [] }
            do {
                if !cleared { try clear(directory) }
            } catch {
                setupError = error
                return []
            }
            // Longest first (the order of writing changes no byte); a lineage begun early last, to be finished.
            let wanted = Set(Self.names(templates: chosen, skipping: skipping))
            early = independentOfChecks.filter(wanted.contains)
            if lineage != nil, let i = early.firstIndex(of: "lineage.jsonl") { early.append(early.remove(at: i)) }
            let buffer = UnsafeMutablePointer<Result<String, Error>?>.allocate(capacity: early.count)
            buffer.initialize(repeating: nil, count: early.count)
            earlyResults = buffer
            let slots = UnsafeSendable(buffer)
            let bom = Self.excel(partial, excel), reportTemplates = chosen, list = early, begun = lineage
            return list.indices.map { i in
                if list[i] == "lineage.jsonl", let begun {
                    return { slots.value[i] = Result { try begun.finish(partial.indicatorFactors) } }
                }
                return { slots.value[i] = Result { try file(list[i], of: partial, to: directory,
                                                            templates: reportTemplates, bom: bom) } }
            }
        })
        lineage?.wait()
        if let setupError { throw setupError }
        if !asked { chosen = templates(c) }
        if lineage != nil && (!c.succeeded || early.isEmpty) { try? FileManager.default.removeItem(atPath: lineagePath) }
        if early.isEmpty { return (c, try write(c, to: directory, skipping: skipping, templates: chosen, excel: excel)) }
        var timer = PhaseTimer()
        guard c.succeeded else {
            for name in early { try? FileManager.default.removeItem(atPath: FileSystem.join(directory, name)) }
            return (c, try writeDiagnosticsOnly(c, to: directory, excel: excel))
        }
        // A file that could not be written stops here, before anything else is written.
        var hashOf: [String: String] = [:]
        for (i, name) in early.enumerated() { hashOf[name] = try earlyResults![i]!.get() }
        let names = Self.names(templates: chosen, skipping: skipping)
        let late = names.filter { !early.contains($0) }
        let lateHashes = try files(late, of: c, to: directory, threads: c.threads, templates: chosen, excel: excel)
        for (name, h) in zip(late, lateHashes) { hashOf[name] = h }
        try writeManifest(c, names: names, hashes: names.map { hashOf[$0]! }, to: directory, templates: chosen,
                          excel: excel)
        timer.mark("outputs after the checks written")
        return (c, names + ["manifest.json"])
    }

    /// Creates the output folder and removes the outputs of an earlier run there: the files the folder's previous
    /// manifest lists as outputs, and nothing else, so that none survives beside this run's diagnostics.
    private static func clear(_ directory: String) throws {
        try FileSystem.makeDirectory(directory)
        for name in previousOutputs(in: directory) {
            try FileManager.default.removeItem(atPath: FileSystem.join(directory, name))
        }
    }

    /// After errors: `diagnostics.csv` alone.
    private static func writeDiagnosticsOnly(_ c: Compilation, to directory: String, excel: Bool) throws -> [String] {
        let bom = Self.excel(c, excel) ? String(decoding: byteOrderMark, as: UTF8.self) : ""
        try FileSystem.write(bom + diagnosticsCSV(c.log), to: FileSystem.join(directory, "diagnostics.csv"))
        return ["diagnostics.csv"]
    }

    /// Writes one output file and returns its SHA-256.
    private static func file(_ name: String, of c: Compilation, to directory: String, templates: ReportTemplates?,
                             bom: Bool) throws -> String {
        var t = PhaseTimer()
        let sink = try FileSink(path: FileSystem.join(directory, name))
        var s = sink
        if bom && name.hasSuffix(".csv") { s.write(byteOrderMark) }
        render(name, c, templates: templates, into: &s)
        let hash = try sink.finish()
        t.mark("  " + name)
        return hash
    }

    /// Writes output files in parallel and returns their SHA-256 hashes, in order.
    private static func files(_ names: [String], of c: Compilation, to directory: String, threads: Int,
                              templates: ReportTemplates?, excel: Bool) throws -> [String] {
        let bom = Self.excel(c, excel)
        let results: [Result<String, Error>] = Parallel.map(names.count, threads: threads) { i in
            Result { try file(names[i], of: c, to: directory, templates: templates, bom: bom) }
        }
        return try results.map { try $0.get() }
    }

    /// `manifest.json`, listing the outputs in `names` with their hashes.
    private static func writeManifest(_ c: Compilation, names: [String], hashes: [String], to directory: String,
                                      templates: ReportTemplates?, excel: Bool) throws {
        try FileSystem.write(manifestJSON(c, outputHashes: Array(zip(names, hashes)), templates: templates?.files ?? [],
                                          excel: Self.excel(c, excel)),
                             to: FileSystem.join(directory, "manifest.json"))
    }
}

/// `lineage.jsonl` written in two parts: the part that depends on the evaluated lines alone (``OutputWriter/lineageLines(_:gwp:aliases:into:)``,
/// about nine tenths of the bytes at national scale) begun as soon as they are known, on a thread of its own while
/// the lines are aggregated and the indicators computed, and the indicators' part when they are known. The bytes are
/// those ``OutputWriter/lineageJSONL(_:into:)`` writes in one go.
final class LineageWriter: @unchecked Sendable {
    private let sink: FileSink
    private let factors: FactorLibrary
    private let done = DispatchSemaphore(value: 0)
    private var joined = false
    // Written by the first part (on its thread) before `done` is signalled; read after `wait()`.
    private var written: Set<FactorRowID> = []

    /// Opens the file and writes the first part: on a new thread when `background`, else before returning.
    init(_ evaluation: Evaluation, path: String, background: Bool) throws {
        sink = try FileSink(path: path)
        factors = evaluation.calculation.factors
        if background {
            let thread = Thread { [self] in
                writeLines(evaluation)
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        } else {
            writeLines(evaluation)
            done.signal()
        }
    }

    private func writeLines(_ evaluation: Evaluation) {
        var timer = PhaseTimer()
        var s = sink
        written = OutputWriter.lineageLines(evaluation.calculation, gwp: evaluation.gwp, aliases: evaluation.aliases,
                                            into: &s)
        timer.mark("  lineage.jsonl: lines (beside the compile)")
    }

    /// Waits for the first part to be written (once; later calls return at once).
    func wait() {
        guard !joined else { return }
        done.wait()
        joined = true
    }

    /// Writes the indicators' part after the first and returns the file's SHA-256.
    func finish(_ indicatorFactors: [IndicatorFactor]) throws -> String {
        var t = PhaseTimer()
        wait()
        var s = sink
        OutputWriter.lineageIndicators(indicatorFactors, library: factors, written: written, into: &s)
        let hash = try sink.finish()
        t.mark("  lineage.jsonl: indicators")
        return hash
    }
}
