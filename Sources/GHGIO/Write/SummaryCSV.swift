import GHGCore

extension OutputWriter {
    /// `summary.csv`: the summary table (``SummaryTable``) of every region and year, one row per layout row, with
    /// the region's names, per-gas masses and CO2e, the all-gas total and the GWP set, streamed as it is added up
    /// (the national table is never held in memory). Empty cells: no inventory row contributes (nothing estimated
    /// there; `notation.csv` lists NO/NE/IE keys).
    ///
    /// - Complexity: O(n + e) in the inventory's rows and the table's entries.
    static func summaryCSV<S: OutputSink>(_ inv: Inventory, layout: SummaryLayout, regions: RegionTree?,
                                          into sink: inout S) {
        var w = ByteWriter(sink)
        w.text(SummaryTable.header.joined(separator: ",") + "\n")
        var regionTexts = ByteTexts(), rowTexts = ByteTexts()
        for code in inv.regionCodes {
            let r = regions?[code]
            regionTexts.append([code, r?.nameZH ?? "", r?.nameEN ?? ""].map(CSVWriter.escape).joined(separator: ",") + ",")
        }
        for r in layout.rows {
            rowTexts.append("," + [r.id, String(r.level), r.nameZH, r.nameEN, r.scope.rawValue].map(CSVWriter.escape)
                .joined(separator: ",") + ",")
        }
        let gwp = Array(("," + CSVWriter.escape(inv.gwpSet.rawValue) + "\n").utf8)
        let groups = SummaryTable.GasGroup.allCases
        let massColumns = groups.filter(\.hasMass).map(\.rawValue)
        regionTexts.withPointers { regionText, regionStart in
            rowTexts.withPointers { rowText, rowStart in
                SummaryTable.scan(inv, layout) { region, year, row, values, missing in
                    let base = values.startIndex
                    w.piece(regionText, regionStart, Int(region))
                    w.int(Int(year))
                    w.piece(rowText, rowStart, row)
                    for g in massColumns {
                        let x = values[base + g]
                        if !x.isNaN { w.number(x) }
                        w.byte(0x2C)
                    }
                    // A CO2e with a gas lacking a GWP is written empty, never as the part that has one.
                    for g in groups {
                        let x = values[base + groups.count + g.rawValue]
                        if !x.isNaN && missing & (1 << g.rawValue) == 0 { w.number(x) }
                        w.byte(0x2C)
                    }
                    let total = values[base + SummaryTable.stride - 1]
                    if !total.isNaN && missing & (1 << groups.count) == 0 { w.number(total) }
                    w.bytes(gwp)
                    w.endRecord()
                }
            }
        }
        sink = w.finish()
    }
}
