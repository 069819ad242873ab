import GHGCore

extension OutputWriter {
    /// `summary.csv`: the summary table (``SummaryTable``) of every region and year, one row per layout row, with
    /// the region's names, per-gas masses and CO2e, the all-gas total and the GWP set. Empty cells: no inventory row
    /// contributes (nothing estimated there; `notation.csv` lists NO/NE/IE keys).
    ///
    /// - Complexity: O(e) in the table's entries.
    static func summaryCSV<S: OutputSink>(_ table: SummaryTable, regions: RegionTree?, into sink: inout S) {
        var w = ByteWriter(sink)
        w.text(SummaryTable.header.joined(separator: ",") + "\n")
        let regionText: [[UInt8]] = table.regionCodes.map { code in
            let r = regions?[code]
            return Array(([code, r?.nameZH ?? "", r?.nameEN ?? ""].map(CSVWriter.escape).joined(separator: ",") + ",").utf8)
        }
        let rowText: [[UInt8]] = table.layout.rows.map { r in
            Array(("," + [r.id, String(r.level), r.nameZH, r.nameEN, r.scope.rawValue].map(CSVWriter.escape)
                .joined(separator: ",") + ",").utf8)
        }
        let gwp = Array(("," + CSVWriter.escape(table.gwpSet.rawValue) + "\n").utf8)
        let massGroups = SummaryTable.GasGroup.allCases.filter(\.hasMass)
        for (i, e) in table.entries.enumerated() {
            w.bytes(regionText[Int(e.region)])
            w.int(Int(e.year))
            w.bytes(rowText[Int(e.row)])
            for g in massGroups {
                if let x = table.mass(i, g) { w.number(x) }
                w.byte(0x2C)
            }
            for g in SummaryTable.GasGroup.allCases {
                if let x = table.co2e(i, g) { w.number(x) }
                w.byte(0x2C)
            }
            if let x = table.total(i) { w.number(x) }
            w.bytes(gwp)
            w.endRecord()
        }
        sink = w.finish()
    }
}
