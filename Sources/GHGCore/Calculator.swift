/// The result of running the methods over a project's activity rows.
public struct CalculationResult: Sendable {
    /// Every emission line, in deterministic order (``EmissionLine/ordered(_:_:)``).
    public var lines: [EmissionLine]
    /// Energy accounting lines, in the same order as their activity rows.
    public var energy: [EnergyLine]
    /// Quality-check results (reference vs sectoral approach).
    public var checks: [CheckResult]
    /// Rows that carry a notation key instead of a value (used for completeness, not calculated).
    public var notationRecords: [ActivityRecord]
    /// Problems found while validating and calculating.
    public var diagnostics: [Diagnostic]
    /// How many activity rows passed without an error: computed in full, or recorded as a notation key.
    public var usedRowCount: Int
    /// How many activity rows had an error in validation or calculation. A row whose CH4 factor is missing still
    /// yields its CO2 line (so the error list is complete), but counts here, and no inventory is written.
    public var rejectedRowCount: Int
}

/// Validates activity rows and runs each through the method of its kind.
public enum Calculator {
    /// Checks what the methods need: a known activity kind, a category in the table, a project year and region,
    /// no duplicate keys, a note for `IE`, and the method's own checks (item, unit dimension, sign).
    ///
    /// - Returns: the diagnostics, and for each row whether it passed (rows with errors are not calculated).
    public static func validate(_ records: [ActivityRecord], context: CalculationContext, years: Set<Int>,
                                regions: RegionTree) -> (diagnostics: [Diagnostic], passed: [Bool]) {
        var out: [Diagnostic] = []
        var passed = Array(repeating: true, count: records.count)
        var seen: [String: InputLocation] = [:]
        let yearList = years.sorted().map(String.init).joined(separator: ", ")
        for (i, r) in records.enumerated() {
            var d: [Diagnostic] = []
            if !regions.contains(r.region) {
                d.append(.error(.unknownRegion, at: r.location(of: "region"),
                    "region '\(r.region)' is not in regions.csv; expected one of its codes"))
            }
            if !years.contains(r.year) {
                d.append(.error(.yearOutsideProject, at: r.location(of: "year"),
                    "year '\(r.year)' is not an inventory year of the project; expected one of \(yearList) "
                        + "(ghg-project.json \"years\")"))
            }
            if !context.categories.contains(r.category) {
                d.append(.error(.unknownCategory, at: r.location(of: "category"),
                    "unknown category '\(r.category)'; expected an IPCC 2006 code of EmissionFactors/categories.csv "
                        + "such as 1.A.1.a or 1.B.2.b.iii.5"))
            }
            if let method = MethodRegistry.methods[r.activity] {
                // Notation-key rows get the same item and category checks: a typo is not "not occurring".
                d += method.validate(r, context: context)
                if case .notation(let key) = r.amount, key == .includedElsewhere, r.note.isEmpty {
                    d.append(.error(.notationKey, at: r.location(of: "value"),
                        "notation key 'IE' without a note; expected the note to say where the activity is included"))
                }
            } else {
                d.append(.error(.unknownActivity, at: r.location(of: "activity"),
                    "unknown activity '\(r.activity)'; expected one of "
                        + MethodRegistry.kinds.map(\.rawValue).joined(separator: ", ")))
            }
            if let first = seen[r.key] {
                d.append(.error(.duplicateRow, at: r.location,
                    "duplicate row: region \(r.region), year \(r.year), category \(r.category), activity "
                        + "\(r.activity), item \(r.item)\(r.technology.map { ", technology \($0)" } ?? "") was "
                        + "already given at \(first); expected each combination once"))
            } else {
                seen[r.key] = r.location
            }
            if d.contains(where: { $0.severity == .error }) { passed[i] = false }
            out += d
        }
        return (out, passed)
    }

    /// Validates the rows, then computes the lines of every row that passed.
    ///
    /// Rows are grouped by activity kind and region and handed to the method in file order; the lines are then
    /// sorted, so the result does not depend on the order of files or of dictionary iteration.
    public static func run(_ records: [ActivityRecord], context: CalculationContext, years: Set<Int>,
                           regions: RegionTree) -> CalculationResult {
        let (validation, passed) = validate(records, context: context, years: years, regions: regions)
        var diagnostics = validation
        var notation: [ActivityRecord] = []
        var groups: [ActivityKind: [String: [ActivityRecord]]] = [:]
        for (i, r) in records.enumerated() where passed[i] {
            if case .notation = r.amount { notation.append(r); continue }
            groups[r.activity, default: [:]][r.region, default: []].append(r)
        }
        var lines: [EmissionLine] = []
        var energy: [EnergyLine] = []
        var failed = Set<InputLocation>()
        for kind in groups.keys.sorted() {
            guard let method = MethodRegistry.methods[kind] else { continue }
            for region in groups[kind]!.keys.sorted() {
                let out = method.calculate(groups[kind]![region]!, context: context)
                lines += out.lines
                energy += out.energy
                diagnostics += out.diagnostics
                for d in out.diagnostics where d.severity == .error {
                    failed.insert(InputLocation(file: d.location.file, line: d.location.line))
                }
            }
        }
        // Memo categories (international bunkers, multilateral operations) are reported outside the totals; the
        // classification is data (categories.csv), applied here once for every method.
        for i in lines.indices where lines[i].scope == .total {
            if let memo = context.categories.memo(of: lines[i].category) { lines[i].scope = .memo(memo) }
        }
        lines = EmissionLine.sorted(lines)
        energy.sort { ($0.region, $0.year, $0.activityReference.location) < ($1.region, $1.year, $1.activityReference.location) }
        // Rejected: rows that failed validation, and rows that passed it but hit an error in their method.
        let rejected = records.indices.filter { !passed[$0] || failed.contains(records[$0].location) }.count
        let (checks, checkDiagnostics) = QualityChecks.referenceVsSectoral(lines, regions: regions)
        diagnostics += checkDiagnostics
        return CalculationResult(lines: lines, energy: energy, checks: checks, notationRecords: notation, diagnostics: diagnostics,
                                 usedRowCount: records.count - rejected, rejectedRowCount: rejected)
    }
}
