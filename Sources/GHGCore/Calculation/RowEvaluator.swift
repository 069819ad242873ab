/// The masses of an activity row's lines, row by row, in its plan's template order: the same instructions as
/// ``Kernel/evaluate(_:plan:table:factorValues:threads:)`` runs for those lines, so the masses are bit-identical to
/// theirs. For writers that go row by row (the lineage's row records), which would otherwise need a table from rows to
/// their lines (the lines are in canonical order, a row's lines far apart).
///
/// Lines over several rows (group lines) are not a row's: they are evaluated by the kernel only.
public struct RowEvaluator: Sendable {
    private let compiled: Plan.Compiled
    private let rowPlan: [Int32]
    private let value: [Double]
    private let unit: [Int32]
    private let scale: [Double]
    private let factorValues: [Double]

    /// Prepares to evaluate the rows of `table` under `plan` with a vector of factor values indexed by
    /// ``FactorRowID`` (``FactorLibrary/baseValues`` for the compile's masses).
    public init(plan: Plan, table: ActivityTable, factorValues: [Double]) {
        compiled = plan.compiled
        rowPlan = plan.rowPlan
        value = table.value
        unit = table.unit
        scale = table.symbols.units.map(\.scale)
        self.factorValues = factorValues
    }

    /// The largest number of lines a row has (the room `masses(ofRow:into:)` needs).
    public var maxLinesPerRow: Int { Int(compiled.planCount.max() ?? 0) }

    /// Writes the masses of row `r`'s lines, in its plan's template order, to `out` and returns their number (0 for
    /// a row without a plan).
    ///
    /// - Complexity: O(lines of the row × formula length).
    public func masses(ofRow r: Int, into out: UnsafeMutablePointer<Double>) -> Int {
        let p = Int(rowPlan[r])
        guard p >= 0 else { return 0 }
        let u = Int(unit[r])
        let activity = u < 0 ? 0 : value[r] * scale[u]
        let from = Int(compiled.planStart[p]), n = Int(compiled.planCount[p])
        compiled.ops.withUnsafeBufferPointer { ops in
            factorValues.withUnsafeBufferPointer { values in
                for k in 0..<n {
                    let t = Int(compiled.planTemplates[from + k])
                    let f = Int(compiled.templateFormula[t])
                    out[k] = Kernel.run(ops, from: Int(compiled.opStart[f]), to: Int(compiled.opStart[f + 1]),
                                        activity: activity, factors: compiled.factors,
                                        factorStart: Int(compiled.templateFactorStart[t]), values: values) { _ in
                        preconditionFailure("a row's line reads no group inputs")
                    }
                }
            }
        }
        return n
    }
}
