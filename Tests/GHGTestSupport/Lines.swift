import GHGCore

extension CalculationResult {
    /// Every line made readable, in canonical order (what the old line list held).
    public var described: [LineDescription] { (0..<lines.count).map(describe) }

    /// The energy in GJ of the row at a line (nil when not accounted).
    public func energyGJ(row: Int) -> Double? {
        Kernel.energy(of: row, plan: plan, table: table, values: factors.baseValues)
    }

    /// The standard coal in tce of a row (nil when not accounted).
    public func tce(row: Int) -> Double? {
        Kernel.standardCoal(of: row, plan: plan, table: table, values: factors.baseValues)
    }

    /// The lines whose activity row is at a line of a file.
    public func lines(atLine line: Int, file: String? = nil) -> [Int] {
        (0..<lines.count).filter {
            let l = table.location(Int(lines.row[$0]))
            return l.line == line && (file == nil || l.file == file)
        }
    }
}
