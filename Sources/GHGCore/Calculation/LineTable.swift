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
    /// Where each block of lines of one region and year starts, and the end (`lines.count`): the blocks the
    /// inventory aggregates one by one.
    public var blockStart: [Int32] = [0]
    /// Each block's region (symbol id of the activity table) and year: the cell its lines count in.
    public var blockRegion: [Int32] = [], blockYear: [Int32] = []
    /// For a calculation focused on some regions and years (``CalculationFocus``): each line's index in the
    /// canonical order of the whole project, which `explain` prints. Empty when the table holds every line.
    public var canonicalIndex: [Int32] = []

    /// The index of a line in the canonical order of the whole project.
    @inlinable public func canonical(_ line: Int) -> Int {
        canonicalIndex.isEmpty ? line : Int(canonicalIndex[line])
    }

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
        let c = plan.compiled
        let scale = table.symbols.units.map(\.scale)
        out.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeSendable(buffer)
            let ranges = Parallel.ranges(lines.count, parts: threads > 1 ? threads * 4 : 1)
            Parallel.forEach(ranges.count, threads: threads) { k in
                c.ops.withUnsafeBufferPointer { ops in
                    factorValues.withUnsafeBufferPointer { values in
                        for i in ranges[k] {
                            let t = Int(lines.template[i])
                            let f = Int(c.templateFormula[t])
                            let fs = Int(c.templateFactorStart[t])
                            let g = lines.group[i]
                            var activity = 0.0
                            if g < 0 {
                                let r = Int(lines.row[i]), u = Int(table.unit[r])
                                activity = u < 0 ? 0 : table.value[r] * scale[u]
                            }
                            slots.value[i] = run(ops, from: Int(c.opStart[f]), to: Int(c.opStart[f + 1]),
                                                 activity: activity, factors: c.factors, factorStart: fs,
                                                 values: values) { role in
                                var s = 0.0
                                for input in plan.groupLines[Int(g)].inputs where input.role == role {
                                    s += input.weight * input.value(table)
                                }
                                return s
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The masses of some lines for a batch of `width` value vectors at once (Monte Carlo draws), each result
    /// bit-identical to ``evaluate(_:plan:table:factorValues:threads:)`` under that draw's values.
    ///
    /// `factorValues[id * width + b]` is factor row `id` in draw `b` (base units); `activityValues[row * width + b]`
    /// is the activity row's value in its own unit; `out[k * width + b]` receives line `indices[k]`.
    ///
    /// - Complexity: O(indices × formula length × width).
    public static func evaluateBatch(_ lines: LineTable, plan: Plan, compiled c: Plan.Compiled, table: ActivityTable,
                                     factorValues: UnsafeBufferPointer<Double>,
                                     activityValues: UnsafeBufferPointer<Double>, width: Int, indices: [Int],
                                     scale: [Double], into out: UnsafeMutableBufferPointer<Double>) {
        let stack = UnsafeMutablePointer<Double>.allocate(capacity: 8 * width)
        defer { stack.deallocate() }
        c.ops.withUnsafeBufferPointer { ops in
            c.factors.withUnsafeBufferPointer { factors in
                for (k, i) in indices.enumerated() {
                    let t = Int(lines.template[i])
                    let f = Int(c.templateFormula[t]), fs = Int(c.templateFactorStart[t])
                    let g = Int(lines.group[i]), r = Int(lines.row[i])
                    Formula.Program.interpretBatch(UnsafeBufferPointer(rebasing: ops[Int(c.opStart[f])..<Int(c.opStart[f + 1])]),
                                                   width: width, stack: stack) { op, a in
                        switch op {
                        case .activity:
                            let u = Int(table.unit[r])
                            if u < 0 {
                                for b in 0..<width { a[b] = 0 }
                            } else {
                                let sc = scale[u], base = r * width
                                for b in 0..<width { a[b] = activityValues[base + b] * sc }
                            }
                        case let .factor(slot):
                            let base = Int(factors[fs + slot]) * width
                            for b in 0..<width { a[b] = factorValues[base + b] }
                        case let .inputs(role):
                            for b in 0..<width { a[b] = 0 }
                            for input in plan.groupLines[g].inputs where input.role == role {
                                if input.row < 0 {
                                    for b in 0..<width { a[b] += input.weight * input.constant }
                                } else {
                                    let row = Int(input.row), u = Int(table.unit[row])
                                    let sc = u < 0 ? 0 : scale[u], base = row * width
                                    for b in 0..<width { a[b] += input.weight * (u < 0 ? 0 : activityValues[base + b] * sc) }
                                }
                            }
                        default: break
                        }
                    }
                    let o = k * width
                    for b in 0..<width { out[o + b] = stack[b] }
                }
            }
        }
    }

    /// Runs one formula's instructions (``Formula/Program``) for a line, reading its factors from the flat arrays.
    @inline(__always)
    static func run(_ ops: UnsafeBufferPointer<Formula.Program.Op>, from: Int, to: Int, activity: Double,
                    factors: [Int32], factorStart: Int, values: UnsafeBufferPointer<Double>,
                    inputs: (Int) -> Double) -> Double {
        Formula.Program.interpret(UnsafeBufferPointer(rebasing: ops[from..<to]), activity: activity,
                                  factor: { values[Int(factors[factorStart + $0])] }, inputs: inputs)
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
