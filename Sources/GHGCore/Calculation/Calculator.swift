/// The result of planning and evaluating a project's activity rows.
public struct CalculationResult: Sendable {
    /// The activity rows.
    public var table: ActivityTable
    /// The plan (templates, row plans, group lines).
    public var plan: Plan
    /// The lines, in canonical order, with their masses.
    public var lines: LineTable
    /// Quality-check results (reference vs sectoral approach).
    public var checks: [CheckResult]
    /// How many activity rows passed without an error: computed in full, or recorded as a notation key.
    public var usedRowCount: Int
    /// How many activity rows had an error in validation or planning. A row whose CH4 factor is missing still
    /// yields its CO2 line (so the error list is complete), but counts here, and no inventory is written.
    public var rejectedRowCount: Int
    /// The factor stack the plan was made with.
    public var factors: FactorLibrary
}

/// Validates activity rows, plans them with their methods and evaluates the lines (DESIGN §6).
///
/// 1. Every row is checked: a known activity kind, region, year and category; no duplicate key; a note for `IE`;
///    then, once per signature, its method's spec (category, item, unit) and the method's own checks.
/// 2. Each distinct signature is planned once by its method: line templates (formula + factor-row ids + cell) and
///    energy accounting; group methods plan their groups.
/// 3. Lines are laid out in canonical order and evaluated by the ``Kernel``.
public enum Calculator {
    /// Runs the three stages. Diagnostics go to `log`.
    public static func run(_ table: ActivityTable, context: PlanningContext, years: Set<Int>, regions: RegionTree,
                           threads: Int = 1, log: inout DiagnosticLog) -> CalculationResult {
        var plan = Plan()
        let n = table.count
        plan.rowPlan = [Int32](repeating: -1, count: n)
        plan.rejected = [Bool](repeating: false, count: n)
        let s = table.symbols

        // Per-symbol facts, computed once.
        let methods: [(any CalculationMethod)?] = s.activities.map { MethodRegistry.methods[$0] }
        let regionKnown = s.regions.map { regions.contains($0) }
        let categoryKnown = s.categories.map { context.categories.contains($0) }
        let yearList = years.sorted().map(String.init).joined(separator: ", ")
        let kindList = MethodRegistry.kinds.map(\.rawValue).joined(separator: ", ")
        // Whether a lookup of the method for the item may depend on the region.
        var regional: [Int: Bool] = [:]
        func isRegional(_ kind: Int32, _ item: Int32) -> Bool {
            guard context.factors.hasRegionalRows, let m = methods[Int(kind)] else { return false }
            let key = Int(kind) << 32 | Int(item)
            if let r = regional[key] { return r }
            let name = s.items[Int(item)]
            let r = m.spec.parameters.contains { context.factors.isRegional($0, item: name) }
                || m.spec.fixedItemParameters.contains { context.factors.isRegional($0.0, item: $0.1) }
            regional[key] = r
            return r
        }

        // Stage 1: row checks; signatures.
        struct Key: Hashable { var a: UInt64, b: UInt64, c: UInt64 }
        var seen: [Key: Int] = [:]
        seen.reserveCapacity(n)
        var signature = [RowSignature?](repeating: nil, count: n)
        for r in 0..<n {
            var failed = false
            func report(_ d: Diagnostic) {
                if d.severity == .error { failed = true }
                log.report(d)
            }
            let region = Int(table.region[r]), kind = Int(table.activity[r])
            if !regionKnown[region] {
                report(.error(.unknownRegion, at: table.location(r, .region),
                    "region '\(s.regions[region])' is not in regions.csv; expected one of its codes"))
            }
            let year = Int(table.year[r])
            if !years.contains(year) {
                report(.error(.yearOutsideProject, at: table.location(r, .year),
                    "year '\(year)' is not an inventory year of the project; expected one of \(yearList) "
                        + "(ghg-project.json \"years\")"))
            }
            let category = s.categories[Int(table.category[r])]
            if !categoryKnown[Int(table.category[r])] {
                report(.error(.unknownCategory, at: table.location(r, .category),
                    "unknown category '\(category)'; expected an IPCC 2006 code of EmissionFactors/categories.csv "
                        + "such as 1.A.1.a or 1.B.2.b.iii.5"))
            }
            if methods[kind] != nil, let key = table.notationOf(r), key == .includedElsewhere, table.noteOf(r).isEmpty {
                report(.error(.notationKey, at: table.location(r, .value),
                    "notation key 'IE' without a note; expected the note to say where the activity is included"))
            }
            if methods[kind] == nil {
                report(.error(.unknownActivity, at: table.location(r, .activity),
                    "unknown activity '\(s.activities[kind])'; expected one of \(kindList)"))
            }
            let key = Key(a: UInt64(UInt32(bitPattern: table.region[r])) << 32 | UInt64(UInt32(bitPattern: table.category[r])),
                          b: UInt64(UInt32(bitPattern: table.item[r])) << 32 | UInt64(UInt32(bitPattern: table.technology[r])),
                          c: UInt64(UInt32(bitPattern: table.activity[r])) << 32 | UInt64(UInt32(bitPattern: table.year[r])))
            if let first = seen[key] {
                let tech = table.technologyOf(r).map { ", technology \($0)" } ?? ""
                report(.error(.duplicateRow, at: table.location(r),
                    "duplicate row: region \(s.regions[region]), year \(year), category \(category), activity "
                        + "\(s.activities[kind]), item \(table.itemOf(r))\(tech) was already given at "
                        + "\(table.location(first)); expected each combination once"))
            } else {
                seen[key] = r
            }
            if let m = methods[kind], table.notation[r] == 0, table.value[r] < 0, !m.spec.allowsNegative,
               !(table.technologyOf(r).map { m.spec.negativeTechnologies.contains($0) } ?? false) {
                report(.error(.negativeValue, at: table.location(r, .value),
                    "negative value '\(DecimalFormat.string(table.value[r]))' for activity '\(m.activity)'; expected "
                        + "a value ≥ 0"))
            }
            plan.rejected[r] = failed
            if methods[kind] != nil {
                signature[r] = RowSignature(activity: table.activity[r], item: table.item[r],
                                            category: table.category[r], technology: table.technology[r],
                                            unit: table.unit[r], year: table.year[r],
                                            region: isRegional(table.activity[r], table.item[r]) ? table.region[r] : -1)
            }
        }
        seen = [:]

        // Stage 2: plan each distinct signature once.
        let cache = FactorLookupCache()
        // Plans by signature and mode: 0 planned, 1 checked (a value row that is not planned), 2 checked (notation).
        struct PlanKey: Hashable { var signature: RowSignature; var mode: UInt8 }
        var planned: [PlanKey: Int32] = [:]
        var groups: [String: [Int]] = [:]
        var groupOrder: [String] = []
        var representative: [RowSignature: Int32] = [:]
        for r in 0..<n {
            guard var sig = signature[r], let method = methods[Int(sig.activity)] else { continue }
            // A signature's messages name the region of the row planned first; rows of another region whose
            // signature has messages are planned again under their own region, so every message names its row's.
            if sig.region < 0, let rep = representative[sig], rep != table.region[r],
               let p = planned[PlanKey(signature: sig, mode: 0)] ?? planned[PlanKey(signature: sig, mode: 1)]
                   ?? planned[PlanKey(signature: sig, mode: 2)],
               !plan.rowPlans[Int(p)].diagnostics.isEmpty {
                sig.region = table.region[r]
            }
            if representative[sig] == nil { representative[sig] = table.region[r] }
            // Notation rows, group rows and rows already rejected are checked against the spec; value rows of
            // row-wise methods are planned.
            let rejectedInValidation = plan.rejected[r]
            let plans = table.notation[r] == 0 && !(method is any GroupMethod) && !rejectedInValidation
            let id: Int32
            let key = PlanKey(signature: sig, mode: plans ? 0 : table.notation[r] != 0 ? 2 : 1)
            if let p = planned[key] {
                id = p
            } else {
                let p = planSignature(sig, representative: r, method: method, table: table, context: context,
                                      cache: cache, planLines: plans, plan: &plan)
                id = plan.intern(p)
                planned[key] = id
            }
            let rowPlan = plan.rowPlans[Int(id)]
            for d in rowPlan.diagnostics {
                if log.isFull { log.count(d.severity) } else { log.report(d.at(r, in: table)) }
            }
            if rejectedInValidation { continue }
            // A row whose plan has an error is rejected, but the lines planned before the error are kept, so that the
            // error list is complete (no inventory is written after an error).
            if rowPlan.failed { plan.rejected[r] = true }
            if table.notation[r] != 0 {
                if !rowPlan.failed { plan.notationRows.append(Int32(r)) }
                continue
            }
            if rowPlan.failed && rowPlan.lines.isEmpty { continue }
            if let g = method as? any GroupMethod {
                let key = "\(table.activity[r])|\(table.region[r])|" + g.groupKey(r, table)
                if groups[key] == nil { groupOrder.append(key) }
                groups[key, default: []].append(r)
            } else {
                plan.rowPlan[r] = id
            }
        }
        for key in groupOrder {
            let rows = groups[key]!
            guard let method = methods[Int(table.activity[rows[0]])] as? any GroupMethod else { continue }
            var support = PlanningSupport(context: context, cache: cache, item: table.itemOf(rows[0]),
                                          category: table.categoryOf(rows[0]), technology: table.technologyOf(rows[0]),
                                          region: table.regionOf(rows[0]), year: Int(table.year[rows[0]]))
            support.diagnostics = []
            var g = GroupPlanner(table: table, support: support, activity: method.activity)
            method.planGroup(rows, &g)
            let groupFailed = g.support.diagnostics.contains { $0.severity == .error }
            for d in g.support.diagnostics { log.report(d.at(rows[0], in: table)) }
            for (row, d) in g.rowDiagnostics {
                log.report(d.at(row, in: table))
                if d.severity == .error { plan.rejected[row] = true }
            }
            if groupFailed { for r in rows { plan.rejected[r] = true } }
            for (template, inputs) in g.lines {
                let t = plan.intern(template)
                plan.groupLines.append(GroupLine(template: t, primaryRow: Int32(rows[0]), inputs: inputs))
            }
        }

        // Stage 3: canonical order, then evaluation.
        var lines = layOut(plan: plan, table: table, regions: regions, threads: threads)
        lines.mass = Kernel.evaluate(lines, plan: plan, table: table, factorValues: context.factors.baseValues,
                                     threads: threads)
        let rejected = plan.rejected.lazy.filter { $0 }.count
        var result = CalculationResult(table: table, plan: plan, lines: lines, checks: [], usedRowCount: n - rejected,
                                       rejectedRowCount: rejected, factors: context.factors)
        let (checks, checkDiagnostics) = QualityChecks.referenceVsSectoral(result, regions: regions)
        result.checks = checks
        log.report(contentsOf: checkDiagnostics)
        return result
    }

    /// Checks a signature against its method's spec, then lets the method plan it.
    static func planSignature(_ sig: RowSignature, representative r: Int, method: any CalculationMethod,
                              table: ActivityTable, context: PlanningContext, cache: FactorLookupCache,
                              planLines: Bool, plan: inout Plan) -> RowPlan {
        let s = table.symbols
        let spec = method.spec
        var support = PlanningSupport(context: context, cache: cache, item: s.items[Int(sig.item)],
                                      category: s.categories[Int(sig.category)],
                                      technology: sig.technology < 0 ? nil : s.technologies[Int(sig.technology)],
                                      region: table.regionOf(r), year: Int(sig.year))
        let category = support.category
        if !spec.categoryPrefixes.isEmpty && !spec.categoryPrefixes.contains(where: { $0.isPrefix(of: category) }) {
            support.error(.categoryMismatch, .category,
                "category '\(category)' cannot be used with activity '\(spec.activity)'; expected a category under "
                    + spec.categoryPrefixes.map(\.description).joined(separator: " or "))
        }
        if let kinds = spec.itemKinds {
            if let item = context.items[support.item] {
                if !kinds.contains(item.kind) {
                    support.error(.itemKind, .item,
                        "item '\(support.item)' is a \(item.kind); activity '\(spec.activity)' expects "
                            + kinds.map { "a \($0)" }.joined(separator: " or "))
                }
            } else {
                let hint = context.items.suggestions(for: support.item)
                support.error(.unknownItem, .item,
                    "unknown item '\(support.item)'; expected an item of EmissionFactors/items.csv or the project's "
                        + "factors/items.csv"
                        + (hint.isEmpty ? "" : " (did you mean \(hint.map { "'\($0)'" }.joined(separator: ", "))?)"))
            }
        }
        let unit = sig.unit < 0 ? nil : s.units[Int(sig.unit)]
        if let unit, table.notation[r] == 0, !spec.dimensions.contains(unit.dimension) {
            support.error(.unitDimension, .unit,
                "unit '\(unit.symbol)' is \(unit.dimension); activity '\(spec.activity)' expects "
                    + spec.dimensions.map(\.description).joined(separator: " or "))
        }
        support.diagnostics += method.validate(SignatureValues(item: support.item, category: category,
                                                               technology: support.technology, unit: unit,
                                                               year: support.year), context)
        if support.diagnostics.contains(where: { $0.severity == .error }) || !planLines {
            return RowPlan(lines: [], energy: nil, diagnostics: support.diagnostics)
        }
        guard let unit else { return RowPlan(lines: [], energy: nil, diagnostics: support.diagnostics) }
        var p = RowPlanner(signature: sig, support: support, activity: method.activity, unit: unit)
        method.plan(&p)
        // A technology the row names but no factor row used is a typo or a missing (often local) factor, such as the
        // vented CO2 of a sour-gas plant: the row was computed with generic factors only.
        if let t = p.technology, !p.support.usedTechnology,
           !p.support.diagnostics.contains(where: { $0.severity == .error }) {
            p.warning(.missingFactor, .technology,
                "technology '\(t)' matched no technology-specific factor row, so only generic factors were used; "
                    + "expected a row with technology '\(t)' in the stack (a local factor, for instance)")
        }
        return RowPlan(lines: p.lines.map { plan.intern($0) }, energy: p.energy, diagnostics: p.support.diagnostics)
    }

    /// Lays the lines out in canonical order: rows bucketed by region and year, then lines sorted inside each
    /// bucket by category, gas, scope and activity row (the order ``LineTable`` documents).
    ///
    /// - Complexity: O(n + Σ b log b) for n lines in buckets of size b.
    static func layOut(plan: Plan, table: ActivityTable, regions: RegionTree, threads: Int) -> LineTable {
        let s = table.symbols
        // Ranks of the sort keys.
        let regionOrder = s.regions.indices.sorted { s.regions[$0] < s.regions[$1] }
        var regionRank = [Int](repeating: 0, count: s.regions.count)
        for (k, i) in regionOrder.enumerated() { regionRank[i] = k }
        let categories = Set(plan.lineTemplates.map(\.category)).sorted()
        var categoryRank: [CategoryCode: Int] = [:]
        for (k, c) in categories.enumerated() { categoryRank[c] = k }
        let gases = Set(plan.lineTemplates.map(\.gas)).sorted()
        let scopes = Set(plan.lineTemplates.map(\.scope)).sorted()
        // Template sort key: category (20 bits), gas (8), scope (8) in the high bits.
        let templateKey: [UInt64] = plan.lineTemplates.map { t in
            UInt64(categoryRank[t.category]!) << 44 | UInt64(gases.firstIndex(of: t.gas)!) << 36
                | UInt64(scopes.firstIndex(of: t.scope)!) << 28
        }
        // Buckets by (region rank, year).
        let minYear = table.year.min() ?? 0, maxYear = table.year.max() ?? 0
        let yearCount = Int(maxYear - minYear) + 1
        let bucketCount = max(1, s.regions.count * yearCount)
        func bucket(_ r: Int) -> Int { regionRank[Int(table.region[r])] * yearCount + Int(table.year[r] - minYear) }
        var groupsByRow: [Int32: [Int32]] = [:]
        for (g, line) in plan.groupLines.enumerated() { groupsByRow[line.primaryRow, default: []].append(Int32(g)) }
        var counts = [Int](repeating: 0, count: bucketCount + 1)
        var lineCount = 0
        for r in 0..<table.count {
            var k = 0
            let p = plan.rowPlan[r]
            if p >= 0 { k += plan.rowPlans[Int(p)].lines.count }
            if let gs = groupsByRow[Int32(r)] { k += gs.count }
            if k > 0 { counts[bucket(r) + 1] += k; lineCount += k }
        }
        for b in 0..<bucketCount { counts[b + 1] += counts[b] }
        let starts = counts
        var keys = [UInt64](repeating: 0, count: lineCount)
        var rows = [Int32](repeating: 0, count: lineCount)
        var templates = [Int32](repeating: 0, count: lineCount)
        var groupIDs = [Int32](repeating: -1, count: lineCount)
        var fill = counts
        for r in 0..<table.count {
            let p = plan.rowPlan[r]
            let gs = groupsByRow[Int32(r)]
            if p < 0 && gs == nil { continue }
            let b = bucket(r)
            var k: UInt64 = 0
            if p >= 0 {
                for t in plan.rowPlans[Int(p)].lines {
                    let i = fill[b]; fill[b] += 1
                    keys[i] = templateKey[Int(t)] | k
                    rows[i] = Int32(r)
                    templates[i] = t
                    k += 1
                }
            }
            for g in gs ?? [] {
                let i = fill[b]; fill[b] += 1
                let t = plan.groupLines[Int(g)].template
                keys[i] = templateKey[Int(t)] | k
                rows[i] = Int32(r)
                templates[i] = t
                groupIDs[i] = g
                k += 1
            }
        }
        // Inside a bucket: by template key, then row, then the line's position in its row.
        var order = Array(0..<lineCount)
        order.withUnsafeMutableBufferPointer { buffer in
            let o = UnsafeSendable(buffer)
            let ranges = Parallel.ranges(bucketCount, parts: threads > 1 ? threads * 8 : 1)
            Parallel.forEach(ranges.count, threads: threads) { part in
                for b in ranges[part] where starts[b + 1] - starts[b] > 1 {
                    var slice = UnsafeMutableBufferPointer(rebasing: o.value[starts[b]..<starts[b + 1]])
                    slice.sort { x, y in
                        let kx = keys[x] & ~0xFFFF_FFF, ky = keys[y] & ~0xFFFF_FFF
                        if kx != ky { return kx < ky }
                        if rows[x] != rows[y] { return rows[x] < rows[y] }
                        return keys[x] < keys[y]
                    }
                }
            }
        }
        var lines = LineTable()
        lines.row = order.map { rows[$0] }
        lines.template = order.map { templates[$0] }
        lines.group = order.map { groupIDs[$0] }
        lines.mass = []
        return lines
    }
}
