/// The emission lines of a project: one per gas and activity row (or group of rows), column by column.
///
/// A line holds its activity row, its template (formula, factor-row ids, leaf category, gas, scope), its group (for
/// lines over several rows) and its mass: no strings, no copies of factor rows (DESIGN §6 "A line is small"). Lines
/// are in canonical order: region, year, category, gas, scope, then activity row; a line's index in this order is
/// the `line` number that `explain` and the lineage print.
public struct LineTable: Sendable {
    /// The activity row (the first of a group).
    public var row: [Int32] = []
    /// The line template.
    public var template: [Int32] = []
    /// The group line (index into ``Plan/groupLines``), or -1.
    public var group: [Int32] = []
    /// The mass in tonnes of the gas (negative for removals and net exports).
    public var mass: [Double] = []

    /// Creates an empty table.
    public init() {}

    /// The number of lines.
    @inlinable public var count: Int { row.count }
}

/// Evaluates lines from a plan: the one place masses are computed (DESIGN §6 "The kernel evaluates").
public enum Kernel {
    /// The mass of every line, computed from the activity values and a vector of factor values indexed by
    /// ``FactorRowID`` (``FactorLibrary/baseValues``, or an edited or sampled vector for audit and Monte Carlo).
    ///
    /// Re-evaluating with the same vector gives bit-identical masses: the same program runs in the same order.
    ///
    /// - Complexity: O(lines × formula length), split over `threads`.
    public static func evaluate(_ lines: LineTable, plan: Plan, table: ActivityTable, factorValues: [Double],
                                threads: Int = 1) -> [Double] {
        var out = [Double](repeating: 0, count: lines.count)
        let programs = MethodRegistry.formulas.map(\.program)
        out.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSendable(buffer)
            let ranges = Parallel.ranges(lines.count, parts: threads > 1 ? threads * 4 : 1)
            Parallel.forEach(ranges.count, threads: threads) { k in
                for i in ranges[k] {
                    slots.value[i] = mass(of: i, lines, plan: plan, table: table, values: factorValues,
                                          programs: programs)
                }
            }
        }
        return out
    }

    /// The mass of one line.
    @inline(__always)
    static func mass(of i: Int, _ lines: LineTable, plan: Plan, table: ActivityTable, values: [Double],
                     programs: [Formula.Program]) -> Double {
        let t = plan.lineTemplates[Int(lines.template[i])]
        let program = programs[Int(t.formula)]
        let g = lines.group[i]
        let activity = g < 0 ? table.baseValue(Int(lines.row[i])) : 0
        return program.run(activity: activity, factor: { values[Int(t.factors[$0])] }, inputs: { role in
            var s = 0.0
            for input in plan.groupLines[Int(g)].inputs where input.role == role {
                s += input.weight * table.baseValue(Int(input.row))
            }
            return s
        })
    }

    /// The energy of a row in GJ, if its plan accounts for it.
    public static func energy(of row: Int, plan: Plan, table: ActivityTable, values: [Double]) -> Double? {
        guard let e = plan.energy(of: row) else { return nil }
        switch e.energy {
        case .none: return nil
        case .activity: return table.baseValue(row)
        case let .ncv(id): return table.baseValue(row) * values[Int(id)]
        }
    }

    /// The standard coal of a row in tce, if its plan accounts for it and a coefficient was found.
    public static func standardCoal(of row: Int, plan: Plan, table: ActivityTable, values: [Double]) -> Double? {
        guard let e = plan.energy(of: row) else { return nil }
        switch e.tce {
        case .none: return nil
        case .activity: return table.baseValue(row)
        case let .coefficient(id, _): return table.baseValue(row) * values[Int(id)]
        }
    }
}
