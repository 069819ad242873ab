import Foundation
import GHGCore

/// Renders and writes the outputs of `ghg compile` (DESIGN §7). Every renderer is a pure function of the
/// compilation, so the same inputs give byte-identical files whatever the thread count.
public enum OutputWriter {
    /// The names of every file `write` may produce.
    public static let outputNames = ["inventory.csv", "lineage.jsonl", "energy.csv", "notation.csv", "checks.csv",
                                     "indicators.csv", "targets.csv", "diagnostics.csv", "manifest.json"]

    // MARK: inventory.csv

    /// `inventory.csv`: one row per region, year, scope, category node and gas, with the GWP set named on each row.
    public static func inventoryCSV(_ inv: Inventory, categories: CategoryTable) -> String {
        var sink = MemorySink()
        inventoryCSV(inv, categories: categories, into: &sink)
        return sink.text
    }

    static func inventoryCSV<S: OutputSink>(_ inv: Inventory, categories: CategoryTable, into sink: inout S) {
        var b: [UInt8] = []
        b.reserveCapacity(1 << 20)
        b.append("region,extent,year,scope,category,category_name_en,category_name_zh,gas,mass_t,co2e_t,gwp\n")
        // Every text part is escaped once.
        let regions = inv.regionCodes.map { Array(CSVWriter.escape($0).utf8) }
        let scopes = inv.scopes.map { Array(CSVWriter.escape($0.rawValue).utf8) }
        let nodes: [[UInt8]] = inv.nodes.map { n in
            var en = "Total", zh = "合计"
            if case let .category(c) = n { en = categories[c]?.nameEN ?? ""; zh = categories[c]?.nameZH ?? "" }
            return Array([n.description, en, zh].map(CSVWriter.escape).joined(separator: ",").utf8)
        }
        let gases = inv.gases.map { Array(CSVWriter.escape($0.description).utf8) }
        let gwp = Array(("," + CSVWriter.escape(inv.gwpSet.rawValue) + "\n").utf8)
        var yearText: [Int32: [UInt8]] = [:]
        let extents = [Array(",all,".utf8), Array(",own,".utf8)]
        for c in inv.cells {
            b += regions[Int(c.region)]
            b += extents[Int(c.extent)]
            if yearText[c.year] == nil { yearText[c.year] = Array(String(c.year).utf8) }
            b += yearText[c.year]!
            b.append(0x2C)
            b += scopes[Int(c.scope)]
            b.append(0x2C)
            b += nodes[Int(c.node)]
            b.append(0x2C)
            b += gases[Int(c.gas)]
            b.append(0x2C)
            if inv.gases[Int(c.gas)] != .all { b.append(number: c.mass) }
            b.append(0x2C)
            if !c.co2eMissing { b.append(number: c.co2e) }
            b += gwp
            if b.count >= 1 << 20 {
                sink.write(b)
                b.removeAll(keepingCapacity: true)
            }
        }
        sink.write(b)
    }

    // MARK: lineage.jsonl

    /// `lineage.jsonl`, normalised (DESIGN §6 "Lineage output"): first the activity files, factor rows, formulas,
    /// line templates and row plans, each once with its citation; then one record per activity row: its file and
    /// line, its plan, its lines (their indices in canonical order, the `line` numbers `explain` prints) with their
    /// masses, and its energy; then one record per line over several rows. Records are JSON objects on one line,
    /// except row records, which are arrays in the order the header record's `row_fields` names.
    static func lineageJSONL<S: OutputSink>(_ c: Compilation, into sink: inout S) {
        guard let calc = c.calculation else { return }
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
        let recordKinds: [String] = ["file", "factor", "formula", "template", "plan", "row", "group", "indicator_factor"]
        let rowFields: [String] = ["file", "line", "plan", "lines", "mass_t", "energy_gj", "tce"]
        let header: [(String, JSONValue)] = [
            ("kind", .string("header")), ("format", .string("ghg-inventory lineage")), ("version", .int(2)),
            ("gwp", .string(c.gwp.rawValue)), ("records", .array(recordKinds.map { JSONValue.string($0) })),
            ("row_fields", .array(rowFields.map { JSONValue.string($0) })),
            ("note", .string("a row record is an array: file id, line, plan id, the indices of its lines in canonical "
                + "order (the numbers explain prints), their masses in t (in the plan's template order), and the "
                + "row's energy in GJ and standard coal in tce (null when not accounted)")),
        ]
        object(header)
        for (i, f) in table.symbols.files.enumerated() {
            object([("kind", "file"), ("id", .int(i)), ("path", .string(f))])
        }
        // Factor rows used, once each, with their citations.
        var used = Set<FactorRowID>()
        for t in plan.lineTemplates { used.formUnion(t.factors) }
        for p in plan.rowPlans {
            if case let .ncv(id) = p.energy?.energy { used.insert(id) }
            if case let .coefficient(id, _) = p.energy?.tce { used.insert(id) }
        }
        for f in c.indicatorFactors { used.insert(f.factor) }
        for id in used.sorted() {
            let r = FactorReference(library, id: id, lookupNote: nil)
            var o: [(String, JSONValue)] = [
                ("kind", "factor"), ("id", .int(Int(id))), ("parameter", .string(r.parameter.rawValue)),
                ("item", .string(r.item)), ("set", .string(r.set)), ("version", .string(r.version)),
                ("file", .string(r.location.file)), ("line", .int(r.location.line)), ("value", .number(r.value)),
                ("unit", .string(r.unit)), ("base_value", .number(r.baseValue)), ("base_unit", .string(r.baseUnit)),
                ("source", .string(r.source)),
            ]
            if !r.note.isEmpty { o.append(("note", .string(r.note))) }
            object(o)
        }
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
        // Row records: each row's lines in template order.
        var lineOfRow = [Int32](repeating: -1, count: table.count)
        var rowLines: [Int32] = []
        do {
            // The lines of a row-wise row are consecutive in template order within their (region, year) bucket
            // only after sorting; collect them by row.
            var counts = [Int32](repeating: 0, count: table.count + 1)
            for i in 0..<lines.count where lines.group[i] < 0 { counts[Int(lines.row[i]) + 1] += 1 }
            for r in 0..<table.count { counts[r + 1] += counts[r] }
            rowLines = [Int32](repeating: 0, count: Int(counts[table.count]))
            var fill = counts
            for i in 0..<lines.count where lines.group[i] < 0 {
                let r = Int(lines.row[i])
                rowLines[Int(fill[r])] = Int32(i)
                fill[r] += 1
            }
            for r in 0..<table.count where counts[r + 1] > counts[r] { lineOfRow[r] = counts[r] }
        }
        let values = library.baseValues
        for r in 0..<table.count {
            let p = plan.rowPlan[r]
            guard p >= 0 else { continue }
            b.append(0x5B)
            b.append(int: Int(table.file[r]))
            b.append(0x2C)
            b.append(int: Int(table.line[r]))
            b.append(0x2C)
            b.append(int: Int(p))
            b.append(0x2C)
            let n = plan.rowPlans[Int(p)].lines.count
            let first = Int(lineOfRow[r])
            // Lines of a row, ordered by their template's position in the plan.
            var mine = first < 0 ? [] : Array(rowLines[first..<(first + n)])
            if mine.count > 1 {
                let order = plan.rowPlans[Int(p)].lines
                mine.sort { order.firstIndex(of: lines.template[Int($0)])! < order.firstIndex(of: lines.template[Int($1)])! }
            }
            b.append(0x5B)
            for (k, i) in mine.enumerated() { if k > 0 { b.append(0x2C) }; b.append(int: Int(i)) }
            b.append(contentsOf: [0x5D, 0x2C, 0x5B])
            for (k, i) in mine.enumerated() { if k > 0 { b.append(0x2C) }; b.append(number: lines.mass[Int(i)]) }
            b.append(contentsOf: [0x5D, 0x2C])
            if let e = Kernel.energy(of: r, plan: plan, table: table, values: values) { b.append(number: e) } else { b.append("null") }
            b.append(0x2C)
            if let t = Kernel.standardCoal(of: r, plan: plan, table: table, values: values) { b.append(number: t) } else { b.append("null") }
            b.append(contentsOf: [0x5D, 0x0A])
            flush()
        }
        for i in 0..<lines.count where lines.group[i] >= 0 {
            let g = plan.groupLines[Int(lines.group[i])]
            object([("kind", "group"), ("line", .int(i)), ("template", .int(Int(g.template))),
                    ("rows", .array(g.inputs.map { input in
                        .object([("file", .int(Int(table.file[Int(input.row)]))),
                                 ("line", .int(Int(table.line[Int(input.row)]))), ("role", .int(input.role)),
                                 ("weight", .number(input.weight)), ("label", .string(input.label))])
                    })), ("mass_t", .number(lines.mass[i]))])
        }
        for f in c.indicatorFactors {
            object([("kind", "indicator_factor"), ("region", .string(f.region)), ("year", .int(f.year)),
                    ("indicator", .string(f.indicator)), ("factor", .int(Int(f.factor))),
                    ("input", .string(f.input.description)), ("input_value", .number(f.inputValue))])
        }
        flush(true)
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

    /// `energy.csv`: the energy accounting rolled up like the inventory: per region (extent `all`, and `own` for a
    /// region's own rows), year, activity and category node, the energy in GJ (from NCVs) and standard coal in tce
    /// (from standard-coal coefficients), with the number of rows and of rows without a coefficient. Each row's own
    /// figures and factors are in `lineage.jsonl`.
    static func energyCSV<S: OutputSink>(_ c: Compilation, into sink: inout S) {
        var b: [UInt8] = []
        b.append("region,extent,year,activity,category,energy_gj,tce,rows,rows_without_tce\n")
        guard let calc = c.calculation, let regions = c.project?.regions else { sink.write(b); return }
        // Leaf sums per (row region, year, activity, category), in row order; then rolled up like the inventory.
        let table = calc.table, plan = calc.plan, values = calc.factors.baseValues
        let sym = table.symbols
        let years = Array(Set(table.year)).sorted()
        let yearIndex = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
        func leafKey(_ r: Int) -> UInt64 {
            UInt64(table.region[r]) << 44 | UInt64(yearIndex[table.year[r]]!) << 36
                | UInt64(table.activity[r]) << 24 | UInt64(table.category[r])
        }
        var leaves: [UInt64: EnergyAcc] = [:]
        for r in 0..<table.count where plan.rowPlan[r] >= 0 {
            guard plan.energy(of: r) != nil else { continue }
            let k = leafKey(r)
            var a = leaves[k] ?? EnergyAcc()
            a.rows += 1
            if let e = Kernel.energy(of: r, plan: plan, table: table, values: values) { a.gj.add(e); a.hasGJ = true }
            if let t = Kernel.standardCoal(of: r, plan: plan, table: table, values: values) {
                a.tce.add(t); a.hasTCE = true
            } else {
                a.missing += 1
            }
            leaves[k] = a
        }
        // Ranks, so that packed keys sort in output order: region, extent, year, activity, node.
        let codes = Set(sym.regions.flatMap { regions.rollUpTargets(of: $0) }).sorted()
        let codeRank = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let activityOrder = sym.activities.indices.sorted { sym.activities[$0].rawValue < sym.activities[$1].rawValue }
        var activityRank = [Int](repeating: 0, count: sym.activities.count)
        for (k, a) in activityOrder.enumerated() { activityRank[a] = k }
        let nodes = [InventoryNode.total] + Set(sym.categories.flatMap(\.lineage)).sorted().map { .category($0) }
        let nodeRank = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        let hasChildren = Set(regions.all.compactMap(\.parent))
        var targetsOf: [[(Int, Int)]] = sym.regions.map { code in
            var t = regions.rollUpTargets(of: code).map { (codeRank[$0]!, 0) }
            if regions[code]?.totals == .sum, hasChildren.contains(code) { t.append((codeRank[code]!, 1)) }
            return t
        }
        let nodesOf: [[Int]] = sym.categories.map { c in [0] + c.lineage.map { nodeRank[.category($0)]! } }
        var rows: [UInt64: EnergyAcc] = [:]
        for k in leaves.keys.sorted() {
            let a = leaves[k]!
            let region = Int(k >> 44), year = (k >> 36) & 0xFF, activity = Int((k >> 24) & 0xFFF),
                category = Int(k & 0xFF_FFFF)
            for (target, extent) in targetsOf[region] {
                for n in nodesOf[category] {
                    let key = UInt64(target) << 44 | UInt64(extent) << 43 | year << 35
                        | UInt64(activityRank[activity]) << 23 | UInt64(n)
                    var acc = rows[key] ?? EnergyAcc()
                    acc.gj.add(a.gj); acc.tce.add(a.tce)
                    acc.hasGJ = acc.hasGJ || a.hasGJ; acc.hasTCE = acc.hasTCE || a.hasTCE
                    acc.rows += a.rows; acc.missing += a.missing
                    rows[key] = acc
                }
            }
        }
        targetsOf = []
        for key in rows.keys.sorted() {
            let a = rows[key]!
            b.append(csv: codes[Int(key >> 44)])
            b.append((key >> 43) & 1 == 0 ? ",all," : ",own,")
            b.append(String(years[Int((key >> 35) & 0xFF)]))
            b.append(0x2C)
            b.append(csv: sym.activities[activityOrder[Int((key >> 23) & 0xFFF)]].rawValue)
            b.append(0x2C)
            b.append(nodes[Int(key & 0x7F_FFFF)].description)
            b.append(0x2C)
            if a.hasGJ { b.append(number: a.gj.value) }
            b.append(0x2C)
            if a.hasTCE { b.append(number: a.tce.value) }
            b.append(",\(a.rows),\(a.missing)\n")
            if b.count >= 1 << 20 { sink.write(b); b.removeAll(keepingCapacity: true) }
        }
        sink.write(b)
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
    public static func manifestJSON(_ c: Compilation, outputHashes: [(String, String)]) -> String {
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
            ("factor_stack", .array(sets)),
            ("inputs", .array(files)),
            ("reference", .array(refs)),
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
    static func render<S: OutputSink>(_ name: String, _ c: Compilation, into sink: inout S) {
        switch name {
        case "inventory.csv":
            if let inv = c.inventory { inventoryCSV(inv, categories: c.reference.categories, into: &sink) }
        case "lineage.jsonl": lineageJSONL(c, into: &sink)
        case "energy.csv": energyCSV(c, into: &sink)
        case "notation.csv": sink.write(Array(notationCSV(c.calculation).utf8))
        case "checks.csv": sink.write(Array(checksCSV((c.calculation?.checks ?? []) + c.rollupChecks).utf8))
        case "indicators.csv": sink.write(Array(indicatorsCSV(c.indicators).utf8))
        case "targets.csv": sink.write(Array(targetsCSV(c.targets).utf8))
        case "diagnostics.csv": sink.write(Array(diagnosticsCSV(c.log).utf8))
        default: preconditionFailure("unknown output \(name)")
        }
    }

    /// Renders every output of a successful compilation in memory, by file name, in writing order.
    public static func render(_ c: Compilation) -> [(String, String)] {
        guard c.inventory != nil else { return [("diagnostics.csv", diagnosticsCSV(c.log))] }
        var files: [(String, String)] = []
        for name in outputNames where name != "manifest.json" {
            var sink = MemorySink()
            render(name, c, into: &sink)
            files.append((name, sink.text))
        }
        files.append(("manifest.json", manifestJSON(c, outputHashes: files.map { ($0.0, SHA256.hex(Array($0.1.utf8))) })))
        return files
    }

    /// Writes the outputs into `directory` (created if needed), large ones in parallel, each hashed as it is written.
    /// After errors only `diagnostics.csv` is written, so that no partial inventory is ever mistaken for a result.
    public static func write(_ c: Compilation, to directory: String, threads: Int? = nil) throws -> [String] {
        try FileSystem.makeDirectory(directory)
        // Outputs of an earlier run must not survive beside this run's diagnostics.
        for name in outputNames where FileSystem.exists(FileSystem.join(directory, name)) {
            try FileManager.default.removeItem(atPath: FileSystem.join(directory, name))
        }
        guard c.succeeded else {
            try FileSystem.write(diagnosticsCSV(c.log), to: FileSystem.join(directory, "diagnostics.csv"))
            return ["diagnostics.csv"]
        }
        var timer = PhaseTimer()
        let names = outputNames.filter { $0 != "manifest.json" }
        let results: [Result<String, Error>] = Parallel.map(names.count, threads: threads ?? c.threads) { i in
            Result {
                let sink = try FileSink(path: FileSystem.join(directory, names[i]))
                var s = sink
                render(names[i], c, into: &s)
                return try sink.finish()
            }
        }
        var hashes: [(String, String)] = []
        for (name, r) in zip(names, results) { hashes.append((name, try r.get())) }
        try FileSystem.write(manifestJSON(c, outputHashes: hashes), to: FileSystem.join(directory, "manifest.json"))
        timer.mark("outputs written")
        return names + ["manifest.json"]
    }
}

struct EnergyAcc {
    var gj = CompensatedSum(), tce = CompensatedSum()
    var hasGJ = false, hasTCE = false
    var rows = 0, missing = 0
}
