/// The result of planning and evaluating a project's activity rows.
public struct CalculationResult: Sendable {
    /// The activity rows.
    public var table: ActivityTable
    /// The plan (templates, row plans, group lines).
    public var plan: Plan
    /// The lines, in canonical order, with their masses.
    public var lines: LineTable
    /// How many activity rows passed without an error: computed in full, or recorded as a notation key.
    public var usedRowCount: Int
    /// How many activity rows had an error in validation or planning. A row whose CH4 factor is missing still
    /// yields its CO2 line (so the error list is complete), but counts here, and no inventory is written.
    public var rejectedRowCount: Int
    /// The factor stack the plan was made with.
    public var factors: FactorLibrary
    /// The rows by region and year (the order lines and accounts are built in).
    var buckets: RowBuckets
    /// Whether stage 2 ran side by side (``Calculator/planSideBySide``) rather than row by row: the same plan either
    /// way; tests check that the parallel path is the one they exercise.
    var plannedSideBySide = false
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
                           threads: Int = 1, focus: CalculationFocus? = nil, log: inout DiagnosticLog,
                           mark: (String) -> Void = { _ in }) -> CalculationResult {
        var context = context
        context.inventoryYears = years.sorted()
        var plan = Plan()
        let n = table.count
        plan.rowPlan = [Int32](repeating: -1, count: n)
        plan.rejected = [Bool](repeating: false, count: n)
        let s = table.symbols

        // Per-symbol facts, computed once: the hot loops below read flat arrays only.
        let methods: [(any CalculationMethod)?] = s.activities.map { MethodRegistry.methods[$0] }
        let known = methods.map { $0 != nil }
        let isGroup = methods.map { $0 is any GroupMethod }
        let allowsNegative = methods.map { $0?.spec.allowsNegative ?? false }
        let isSeries = methods.map { $0?.spec.series ?? false }
        let lastYear = years.max() ?? 0
        let negativeTechnology: [[Bool]] = methods.map { m in
            s.technologies.map { m?.spec.negativeTechnologies.contains($0) ?? false }
        }
        let regionKnown = s.regions.map { regions.contains($0) }
        let categoryKnown = s.categories.map { context.categories.contains($0) }
        var yearKnown = [Bool](repeating: false, count: 400)
        for y in years where (1800..<2200).contains(y) { yearKnown[y - 1800] = true }
        let yearList = years.sorted().map(String.init).joined(separator: ", ")
        let kindList = MethodRegistry.kinds.map(\.rawValue).joined(separator: ", ")
        // Whether a lookup of the method for the item may depend on the region (then rows plan per region).
        var regional = [Int8](repeating: -1, count: s.activities.count * max(s.items.count, 1))
        func isRegional(_ kind: Int, _ item: Int) -> Bool {
            guard context.factors.hasRegionalRows, let m = methods[kind] else { return false }
            let k = kind * s.items.count + item
            if regional[k] >= 0 { return regional[k] == 1 }
            let name = s.items[item]
            let r = m.spec.parameters.contains { context.factors.isRegional($0, item: name) }
                || m.spec.fixedItemParameters.contains { context.factors.isRegional($0.0, item: $0.1) }
                || m.spec.crossItemParameters.contains { context.factors.isRegionalForAnyItem($0) }
            regional[k] = r ? 1 : 0
            return r
        }
        func w(_ x: Int32) -> UInt64 { UInt64(UInt32(bitPattern: x)) }

        // Stage 1: row checks. Duplicates are found bucket by bucket (region × year), where the key table stays small.
        let buckets = RowBuckets(table, years: years.sorted())
        // Rows that name different facilities (two enterprises burning the same coal) are different rows: the
        // duplicate key uses the activity kind combined with the facility when the files have the column.
        var kindKey = table.activity
        if !table.facility.isEmpty {
            var pairs: [Int64: Int32] = [:]
            for r in 0..<n {
                let pair = Int64(table.activity[r]) << 32 | Int64(UInt32(bitPattern: table.facility[r]))
                if let id = pairs[pair] { kindKey[r] = id } else { let id = Int32(pairs.count); pairs[pair] = id; kindKey[r] = id }
            }
        }
        let bucketRanges = Parallel.ranges(buckets.count, parts: threads > 1 ? threads * 8 : 1)
        let duplicateParts: [[(row: Int32, first: Int32)]] = Parallel.map(bucketRanges.count, threads: threads) { part in
            var found: [(row: Int32, first: Int32)] = []
            var seen = KeyTable()
            for b in bucketRanges[part] {
                let lo = Int(buckets.start[b]), hi = Int(buckets.start[b + 1])
                if hi - lo < 2 { continue }
                seen.reset(capacity: hi - lo)
                for k in lo..<hi {
                    let r = Int(buckets.rows[k])
                    let key = KeyTable.Key(w(table.category[r]) << 32 | w(table.item[r]),
                                           w(table.technology[r]) << 32 | w(kindKey[r]))
                    if let first = seen.insert(key, Int32(r)) { found.append((Int32(r), first)) }
                }
            }
            return found
        }
        var duplicateOf: [Int32: Int32] = [:]
        for part in duplicateParts { for d in part { duplicateOf[d.row] = d.first } }
        // The per-row checks in runs of rows side by side; their messages are reported in row order.
        let rowRuns = Parallel.ranges(n, parts: threads > 1 ? threads * 4 : 1)
        let rowFindings: [[Diagnostic]] = plan.rejected.withUnsafeMutableBufferPointer { rejectedBuffer in
            let out = UnsafeSendable(rejectedBuffer)
            return Parallel.map(rowRuns.count, threads: threads) { k in
                var found: [Diagnostic] = []
                for r in rowRuns[k] {
                    var failed = false
                    let region = Int(table.region[r]), kind = Int(table.activity[r]), year = Int(table.year[r])
                    if !regionKnown[region] {
                        failed = true
                        found.append(.error(.unknownRegion, at: table.location(r, .region),
                            regions.unknownCodeMessage(s.regions[region])))
                    }
                    if known[kind] && isSeries[kind] {
                        if year > lastYear {
                            failed = true
                            found.append(.error(.yearOutsideProject, at: table.location(r, .year),
                                "year '\(year)' of a '\(s.activities[kind])' row is after the last inventory "
                                    + "year \(lastYear); expected a year up to \(lastYear) (a series row may be any "
                                    + "earlier year: a survey, a deposit)"))
                        }
                    } else if !(1800..<2200).contains(year) || !yearKnown[year - 1800] {
                        failed = true
                        found.append(.error(.yearOutsideProject, at: table.location(r, .year),
                            "year '\(year)' is not an inventory year of the project; expected one of \(yearList) "
                                + "(ghg-project.json \"years\")"))
                    }
                    if !categoryKnown[Int(table.category[r])] {
                        failed = true
                        found.append(.error(.unknownCategory, at: table.location(r, .category),
                            "unknown category '\(s.categories[Int(table.category[r])])'; expected an IPCC 2006 code of "
                                + "EmissionFactors/categories.csv such as 1.A.1.a or 1.B.2.b.iii.5"))
                    }
                    if known[kind] {
                        if table.notation[r] != 0, table.notationOf(r) == .includedElsewhere, table.noteOf(r).isEmpty {
                            failed = true
                            found.append(.error(.notationKey, at: table.location(r, .value),
                                "notation key 'IE' without a note; expected the note to say where the activity is "
                                    + "included"))
                        }
                    } else {
                        failed = true
                        found.append(.error(.unknownActivity, at: table.location(r, .activity),
                            "unknown activity '\(s.activities[kind])'; expected one of \(kindList)"))
                    }
                    if !duplicateOf.isEmpty, let first = duplicateOf[Int32(r)] {
                        failed = true
                        let tech = (table.technologyOf(r).map { ", technology \($0)" } ?? "")
                            + (table.facilityOf(r).map { ", facility \($0)" } ?? "")
                        found.append(.error(.duplicateRow, at: table.location(r),
                            "duplicate row: region \(s.regions[region]), year \(year), category "
                                + "\(s.categories[Int(table.category[r])]), activity \(s.activities[kind]), item "
                                + "\(table.itemOf(r))\(tech) was already given at \(table.location(Int(first))); "
                                + "expected each combination once (several enterprises: name each in a 'facility' "
                                + "column)"))
                    }
                    if known[kind], table.value[r] < 0, table.notation[r] == 0, !allowsNegative[kind],
                       !(table.technology[r] >= 0 && negativeTechnology[kind][Int(table.technology[r])]) {
                        failed = true
                        found.append(.error(.negativeValue, at: table.location(r, .value),
                            "negative value '\(DecimalFormat.string(table.value[r]))' for activity "
                                + "'\(s.activities[kind])'; expected a value ≥ 0"))
                    }
                    out.value[r] = failed
                }
                return found
            }
        }
        for part in rowFindings { for d in part { log.report(d) } }
        // Across rows of one region and year: measured and calculated twice, reductants and feedstocks burnt.
        for (r, d) in BoundaryChecks.check(table, buckets: buckets, rejected: plan.rejected, threads: threads) {
            if d.severity == .error { plan.rejected[r] = true }
            log.report(d)
        }
        mark("  stage 1: rows checked")

        // Stage 2: plan each distinct signature once. Modes: 0 planned, 1 checked only (a value row that is not
        // planned: rejected already, or of a group method), 2 checked only (a notation row).
        let cache = FactorLookupCache()
        var planned = KeyTable()
        var representative: [RowSignature: Int32] = [:]   // only for signatures whose plan has messages
        var planHasMessages: [Bool] = [], planFailed: [Bool] = [], planHasLines: [Bool] = []
        var groups: [String: [Int]] = [:]
        var groupOrder: [String] = []
        let planned2 = planSideBySide(table: table, context: context, methods: methods, known: known,
                                      isGroup: isGroup, regional: isRegional, threads: threads, plan: &plan)
        for r in 0..<(planned2 ? 0 : n) {
            let kind = Int(table.activity[r])
            guard known[kind] else { continue }
            var sig = RowSignature(activity: table.activity[r], item: table.item[r], category: table.category[r],
                                   technology: table.technology[r], unit: table.unit[r], year: table.year[r],
                                   region: isRegional(kind, Int(table.item[r])) ? table.region[r] : -1)
            let rejectedInValidation = plan.rejected[r]
            let plans = table.notation[r] == 0 && !isGroup[kind] && !rejectedInValidation
            let mode: UInt64 = plans ? 0 : table.notation[r] != 0 ? 2 : 1
            var id = planned.get(planKey(sig, mode))
            // A signature's messages name the region of the row planned first; rows of another region whose
            // signature has messages are planned again under their own region, so every message names its row's.
            if let p = id, planHasMessages[Int(p)], sig.region < 0, representative[sig] != table.region[r] {
                sig.region = table.region[r]
                id = planned.get(planKey(sig, mode))
            }
            if id == nil {
                let p = planSignature(sig, representative: r, method: methods[kind]!, table: table, context: context,
                                      cache: cache, planLines: plans).interned(in: &plan)
                let newID = plan.intern(p)
                _ = planned.insert(planKey(sig, mode), newID)
                while planHasMessages.count < plan.rowPlans.count {
                    let q = plan.rowPlans[planHasMessages.count]
                    planHasMessages.append(!q.diagnostics.isEmpty)
                    planFailed.append(q.failed)
                    planHasLines.append(!q.lines.isEmpty)
                }
                if !p.diagnostics.isEmpty, representative[sig] == nil { representative[sig] = table.region[r] }
                id = newID
            }
            let pid = Int(id!)
            if planHasMessages[pid] {
                for d in plan.rowPlans[pid].diagnostics {
                    if log.isFull { log.count(d.severity) } else { log.report(d.at(r, in: table)) }
                }
            }
            if rejectedInValidation { continue }
            // A row whose plan has an error is rejected, but the lines planned before the error are kept, so that the
            // error list is complete (no inventory is written after an error).
            if planFailed[pid] { plan.rejected[r] = true }
            if table.notation[r] != 0 {
                if !planFailed[pid] { plan.notationRows.append(Int32(r)) }
                continue
            }
            if planFailed[pid] && !planHasLines[pid] && !isGroup[kind] { continue }
            if isGroup[kind], let g = methods[kind] as? any GroupMethod {
                if planFailed[pid] { continue }
                let key = "\(table.activity[r])|\(table.region[r])|" + g.groupKey(r, table)
                if groups[key] == nil { groupOrder.append(key) }
                groups[key, default: []].append(r)
            } else {
                plan.rowPlan[r] = Int32(pid)
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
            for line in g.lines {
                let t = plan.intern(line.template)
                let primary = line.primaryRow ?? Int32(rows[0])
                plan.groupLines.append(GroupLine(template: t, primaryRow: primary,
                                                 year: line.year ?? table.year[Int(primary)], inputs: line.inputs))
            }
        }

        mark(planned2 ? "  stage 2: planned (side by side)" : "  stage 2: planned")
        // Stage 3: canonical order, then evaluation.
        let focusBuckets = focus.map { f in
            let codes = Set(regions.subtree(of: f.region))
            return buckets.buckets(regions: s.regions.indices.filter { codes.contains(s.regions[$0]) }, years: [f.year])
        }
        var lines = layOut(plan: plan, table: table, buckets: buckets, only: focusBuckets, threads: threads)
        mark("  stage 3: lines laid out")
        lines.mass = Kernel.evaluate(lines, plan: plan, table: table, factorValues: context.factors.baseValues,
                                     threads: threads)
        mark("  stage 3: lines evaluated")
        // What recovery and sludge rows subtract cannot exceed what their category generates.
        for r in SubtractionChecks.check(lines, plan: plan, table: table, values: context.factors.baseValues,
                                         log: &log) {
            plan.rejected[r] = true
        }
        let rejected = plan.rejected.lazy.filter { $0 }.count
        return CalculationResult(table: table, plan: plan, lines: lines, usedRowCount: n - rejected,
                                 rejectedRowCount: rejected, factors: context.factors, buckets: buckets,
                                 plannedSideBySide: planned2)
    }

    /// Stage 2 on several threads, for the common case: rows are keyed by signature in contiguous runs side by side,
    /// the distinct signatures are planned side by side, and their templates and plans are interned in order of
    /// first occurrence, which is the order the row-by-row loop interns them in, so ids are the same whatever the
    /// thread count. Returns false, with `plan` untouched, when the loop is needed: a row of a group method, or a
    /// signature whose plan has messages (each is reported at every row, and a regional message is planned again
    /// for every region).
    ///
    /// - Complexity: O(n) for n rows, split over `threads`, plus the planning of each distinct signature once.
    static func planSideBySide(table: ActivityTable, context: PlanningContext, methods: [(any CalculationMethod)?],
                               known: [Bool], isGroup: [Bool], regional isRegional: (Int, Int) -> Bool,
                               threads: Int, plan: inout Plan) -> Bool {
        let n = table.count
        guard threads > 1, n > 0 else { return false }
        let s = table.symbols
        // Whether a signature carries its region, per activity kind and item (computed once, read by every thread).
        var regionalFlags = [Bool](repeating: false, count: s.activities.count * max(s.items.count, 1))
        for kind in s.activities.indices where known[kind] {
            for item in s.items.indices where isRegional(kind, item) {
                regionalFlags[kind * s.items.count + item] = true
            }
        }
        struct Run {
            var keys: [KeyTable.Key] = [], signatures: [RowSignature] = [], planLines: [Bool] = [], first: [Int32] = []
            var hasGroupRow = false
        }
        let runs = Parallel.ranges(n, parts: threads)
        let rejected = plan.rejected
        var local = [Int32](repeating: -1, count: n)
        // Each run's distinct signatures in order of first occurrence, and each row's index among them.
        let keyed: [Run] = local.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer)
            return Parallel.map(runs.count, threads: threads) { k in
                var run = Run(), seen = KeyTable()
                for r in runs[k] {
                    let kind = Int(table.activity[r])
                    guard known[kind] else { continue }
                    if isGroup[kind] { run.hasGroupRow = true; break }
                    let item = Int(table.item[r])
                    let sig = RowSignature(activity: table.activity[r], item: table.item[r],
                                           category: table.category[r], technology: table.technology[r],
                                           unit: table.unit[r], year: table.year[r],
                                           region: regionalFlags[kind * s.items.count + item] ? table.region[r] : -1)
                    let plans = table.notation[r] == 0 && !rejected[r]
                    let mode: UInt64 = plans ? 0 : table.notation[r] != 0 ? 2 : 1
                    let key = planKey(sig, mode)
                    let id = Int32(run.keys.count)
                    if let found = seen.insert(key, id) {
                        out.value[r] = found
                    } else {
                        out.value[r] = id
                        run.keys.append(key)
                        run.signatures.append(sig)
                        run.planLines.append(plans)
                        run.first.append(Int32(r))
                    }
                }
                return run
            }
        }
        if keyed.contains(where: \.hasGroupRow) { return false }
        // The distinct signatures of all runs, in order of first occurrence (runs are in row order).
        var distinct = KeyTable()
        var signatures: [RowSignature] = [], planLines: [Bool] = [], first: [Int32] = []
        var toDistinct: [[Int32]] = []
        for run in keyed {
            var map = [Int32](repeating: 0, count: run.keys.count)
            for i in run.keys.indices {
                let id = Int32(signatures.count)
                if let found = distinct.insert(run.keys[i], id) {
                    map[i] = found
                } else {
                    map[i] = id
                    signatures.append(run.signatures[i])
                    planLines.append(run.planLines[i])
                    first.append(run.first[i])
                }
            }
            toDistinct.append(map)
        }
        // Each distinct signature planned once, side by side (a lookup cache per run of signatures).
        let planRuns = Parallel.ranges(signatures.count, parts: threads * 4)
        let plans: [SignaturePlan] = Parallel.map(planRuns.count, threads: threads) { k in
            let cache = FactorLookupCache()
            return planRuns[k].map { g in
                planSignature(signatures[g], representative: Int(first[g]),
                              method: methods[Int(signatures[g].activity)]!, table: table, context: context,
                              cache: cache, planLines: planLines[g])
            }
        }.flatMap { $0 }
        if plans.contains(where: { !$0.diagnostics.isEmpty }) { return false }
        var planID: [Int32] = []
        planID.reserveCapacity(plans.count)
        for p in plans {
            let rowPlan = p.interned(in: &plan)
            planID.append(plan.intern(rowPlan))
        }
        // Each row's plan; notation rows (recorded, not computed) are listed in row order.
        let notationRuns: [[Int32]] = plan.rowPlan.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer)
            return Parallel.map(runs.count, threads: threads) { k in
                var notation: [Int32] = []
                for r in runs[k] where local[r] >= 0 && !rejected[r] {
                    if table.notation[r] != 0 { notation.append(Int32(r)); continue }
                    out.value[r] = planID[Int(toDistinct[k][Int(local[r])])]
                }
                return notation
            }
        }
        plan.notationRows += notationRuns.flatMap { $0 }
        return true
    }

    /// The key of a signature planned in a mode (0 planned, 1 checked only, 2 a notation row): rows with equal keys
    /// share a plan.
    static func planKey(_ g: RowSignature, _ mode: UInt64) -> KeyTable.Key {
        func w(_ x: Int32) -> UInt64 { UInt64(UInt32(bitPattern: x)) }
        return KeyTable.Key(w(g.activity) << 32 | w(g.item), w(g.category) << 32 | w(g.technology),
                            w(g.unit) << 32 | w(g.year), w(g.region) << 8 | mode)
    }

    /// Checks a signature against its method's spec, then lets the method plan it.
    static func planSignature(_ sig: RowSignature, representative r: Int, method: any CalculationMethod,
                              table: ActivityTable, context: PlanningContext, cache: FactorLookupCache,
                              planLines: Bool) -> SignaturePlan {
        let s = table.symbols
        let spec = method.spec
        let rowTechnology = sig.technology < 0 ? nil : s.technologies[Int(sig.technology)]
        // A direction (`import`, `roundwood`) is read by the method, not looked up; in a compound technology it is
        // one of the parts.
        var direction: String?, lookupTechnology = rowTechnology
        if let t = rowTechnology, !spec.directions.isEmpty {
            let parts = t.contains("+") ? PlanningSupport.parts(t) : [t]
            if let d = parts.first(where: spec.directions.contains) {
                direction = d
                let rest = parts.filter { $0 != d }
                lookupTechnology = rest.isEmpty ? nil : rest.joined(separator: "+")
            }
        }
        var support = PlanningSupport(context: context, cache: cache, item: s.items[Int(sig.item)],
                                      category: s.categories[Int(sig.category)], technology: lookupTechnology,
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
            } else if case let named = context.items.ids(named: support.item), named.count > 1 {
                support.error(.unknownItem, .item,
                    "item name '\(support.item)' is ambiguous: it names " + named.map { "'\($0)'" }.joined(separator: ", ")
                        + "; expected one of these ids")
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
                                                               technology: rowTechnology, unit: unit,
                                                               year: support.year), context)
        if support.diagnostics.contains(where: { $0.severity == .error }) || !planLines {
            return SignaturePlan(lines: [], energy: nil, diagnostics: support.diagnostics)
        }
        guard let unit else { return SignaturePlan(lines: [], energy: nil, diagnostics: support.diagnostics) }
        var p = RowPlanner(signature: sig, support: support, activity: method.activity, unit: unit)
        p.direction = direction
        method.plan(&p)
        // A technology the row names but no factor row used is a typo or a missing (often local) factor, such as the
        // vented CO2 of a sour-gas plant: the row was computed with generic factors only.
        if let t = p.technology, !p.support.diagnostics.contains(where: { $0.severity == .error }) {
            if t.contains("+") {
                let unused = PlanningSupport.parts(t).filter { !p.support.usedParts.contains($0) }
                if !unused.isEmpty {
                    p.warning(.missingFactor, .technology,
                        "technology " + unused.map { "'\($0)'" }.joined(separator: " and ") + " of '\(t)' matched no "
                            + "technology-specific factor row; expected a row with that technology in the stack "
                            + "(a local factor, for instance)")
                }
            } else if !p.support.usedTechnology {
                p.warning(.missingFactor, .technology,
                    "technology '\(t)' matched no technology-specific factor row, so only generic factors were used; "
                        + "expected a row with technology '\(t)' in the stack (a local factor, for instance)")
            }
        }
        return SignaturePlan(lines: p.lines, energy: p.energy, diagnostics: p.support.diagnostics)
    }

    /// A signature's plan before its templates are interned (planning touches no shared state, so signatures can
    /// be planned side by side and interned in order).
    struct SignaturePlan {
        var lines: [LineTemplate]
        var energy: EnergyPlan?
        var diagnostics: [PlannedDiagnostic]

        /// The row plan, its templates interned in `plan`.
        func interned(in plan: inout Plan) -> RowPlan {
            RowPlan(lines: lines.map { plan.intern($0) }, energy: energy, diagnostics: diagnostics)
        }
    }

    /// Lays the lines out in canonical order: bucket by bucket (region, then year), the lines of the bucket's rows
    /// sorted by category, gas, scope and activity row (the order ``LineTable`` documents).
    ///
    /// With `only`, just those buckets' lines are laid out (in order), each with its index in the canonical order of
    /// all lines.
    ///
    /// - Complexity: O(n + Σ b log b) for n lines in buckets of b lines, split over `threads` by bucket.
    static func layOut(plan: Plan, table: ActivityTable, buckets: RowBuckets, only: [Int]? = nil,
                       threads: Int) -> LineTable {
        let c = plan.compiled
        let categories = Set(plan.lineTemplates.map(\.category)).sorted()
        var categoryRank: [CategoryCode: Int] = [:]
        for (k, c) in categories.enumerated() { categoryRank[c] = k }
        let gases = Set(plan.lineTemplates.map(\.gas)).sorted()
        let scopes = Set(plan.lineTemplates.map(\.scope)).sorted()
        // Template sort key in the high 36 bits: category (20), gas (8), scope (8); the low 28 bits hold the line's
        // position in its bucket, which is row order and, within a row, template order.
        let templateKey: [UInt64] = plan.lineTemplates.map { t in
            UInt64(categoryRank[t.category]!) << 44 | UInt64(gases.firstIndex(of: t.gas)!) << 36
                | UInt64(scopes.firstIndex(of: t.scope)!) << 28
        }
        // Group lines by the bucket of their region and year (a stock difference counts in years other than its
        // rows'), chained in group order.
        var groupsOfBucket = [Int32](repeating: -1, count: plan.groupLines.isEmpty ? 0 : buckets.count)
        var nextGroup = [Int32](repeating: -1, count: plan.groupLines.count)
        for (g, line) in plan.groupLines.enumerated().reversed() {
            guard let b = buckets.bucket(region: Int(table.region[Int(line.primaryRow)]), year: Int(line.year)) else {
                preconditionFailure("group line \(g) counts in year \(line.year), which has no bucket")
            }
            nextGroup[g] = groupsOfBucket[b]
            groupsOfBucket[b] = Int32(g)
        }
        // Lines per bucket.
        let bucketCount = buckets.count
        var lineStart = [Int](repeating: 0, count: bucketCount + 1)
        for b in 0..<bucketCount {
            var k = 0
            for i in Int(buckets.start[b])..<Int(buckets.start[b + 1]) {
                let p = plan.rowPlan[Int(buckets.rows[i])]
                if p >= 0 { k += Int(c.planCount[Int(p)]) }
            }
            if !groupsOfBucket.isEmpty {
                var g = groupsOfBucket[b]
                while g >= 0 { k += 1; g = nextGroup[Int(g)] }
            }
            lineStart[b + 1] = lineStart[b] + k
        }
        // The buckets laid out, and where each one's lines go in the output.
        let chosen = only ?? Array(0..<bucketCount)
        var outStart = [Int](repeating: 0, count: chosen.count + 1)
        for (k, b) in chosen.enumerated() { outStart[k + 1] = outStart[k] + lineStart[b + 1] - lineStart[b] }
        let lineCount = outStart[chosen.count]
        var rowOut = [Int32](repeating: 0, count: lineCount)
        var templateOut = [Int32](repeating: 0, count: lineCount)
        var groupOut = [Int32](repeating: -1, count: lineCount)
        struct Entry { var key: UInt64; var row: Int32; var template: Int32; var group: Int32 }
        rowOut.withUnsafeMutableBufferPointer { rowBuffer in
            templateOut.withUnsafeMutableBufferPointer { templateBuffer in
                groupOut.withUnsafeMutableBufferPointer { groupBuffer in
                    let out = UnsafeSendable((rowBuffer, templateBuffer, groupBuffer))
                    let ranges = Parallel.ranges(chosen.count, parts: threads > 1 ? threads * 8 : 1)
                    Parallel.forEach(ranges.count, threads: threads) { part in
                        var entries: [Entry] = []
                        for k in ranges[part] where outStart[k + 1] > outStart[k] {
                            let b = chosen[k]
                            entries.removeAll(keepingCapacity: true)
                            for i in Int(buckets.start[b])..<Int(buckets.start[b + 1]) {
                                let r = Int(buckets.rows[i])
                                let p = plan.rowPlan[r]
                                if p >= 0 {
                                    let from = Int(c.planStart[Int(p)]), to = from + Int(c.planCount[Int(p)])
                                    for j in from..<to {
                                        let t = c.planTemplates[j]
                                        entries.append(Entry(key: templateKey[Int(t)] | UInt64(entries.count),
                                                             row: Int32(r), template: t, group: -1))
                                    }
                                }
                            }
                            var g = groupsOfBucket.isEmpty ? -1 : groupsOfBucket[b]
                            while g >= 0 {
                                let line = plan.groupLines[Int(g)]
                                entries.append(Entry(key: templateKey[Int(line.template)] | UInt64(entries.count),
                                                     row: line.primaryRow, template: line.template, group: g))
                                g = nextGroup[Int(g)]
                            }
                            // Already in order when the bucket's rows come in category order.
                            var sorted = true
                            for j in entries.indices.dropFirst() where entries[j - 1].key > entries[j].key {
                                sorted = false
                                break
                            }
                            if !sorted { entries.sort { $0.key < $1.key } }
                            var o = outStart[k]
                            for e in entries {
                                out.value.0[o] = e.row
                                out.value.1[o] = e.template
                                out.value.2[o] = e.group
                                o += 1
                            }
                        }
                    }
                }
            }
        }
        var lines = LineTable()
        lines.row = rowOut
        lines.template = templateOut
        lines.group = groupOut
        let blocks = outStart.indices.filter { $0 == chosen.count || outStart[$0 + 1] > outStart[$0] }
        lines.blockStart = blocks.map { Int32(outStart[$0]) }
        lines.blockRegion = blocks.dropLast().map { buckets.bucketRegion[chosen[$0]] }
        lines.blockYear = blocks.dropLast().map { buckets.bucketYear[chosen[$0]] }
        if only != nil {
            var canonical = [Int32](repeating: 0, count: lineCount)
            for (k, b) in chosen.enumerated() {
                for j in 0..<(outStart[k + 1] - outStart[k]) { canonical[outStart[k] + j] = Int32(lineStart[b] + j) }
            }
            lines.canonicalIndex = canonical
        }
        lines.mass = []
        return lines
    }
}
