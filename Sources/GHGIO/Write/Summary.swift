import GHGCore

/// The short text summary `ghg compile` prints for the top region: the latest year's totals, the intensity declines
/// against the base years, and the target statuses.
public enum Summary {
    /// The region a summary is about: the shallowest region that has rows, descending while it has a single
    /// sub-region with rows and no lines of its own (a province with one city shows the city). Nil without lines.
    public static func topRegion(_ c: Compilation, inventory inv: Inventory) -> String? {
        guard let project = c.project, let calc = c.calculation, calc.lines.count > 0 else { return nil }
        let regions = project.regions
        // The top region: the shallowest region that has rows (a province with one city shows the city's numbers
        // too, so prefer the deepest region that still covers every line).
        // Lines come in blocks of one region and year.
        let withRows = Set(inv.regionCodes.indices.filter { inv.hasRows(region: $0) }
            .map { inv.regionCodes[$0] })
        var hasLines = [Bool](repeating: false, count: calc.table.symbols.regions.count)
        for b in calc.lines.blockRegion.indices where calc.lines.blockStart[b + 1] > calc.lines.blockStart[b] {
            hasLines[Int(calc.lines.blockRegion[b])] = true
        }
        let lineRegions = Set(hasLines.indices.filter { hasLines[$0] }.map { calc.table.symbols.regions[$0] })
        var top = regions.roots.first { withRows.contains($0) } ?? lineRegions.min()!
        while true {
            let kids = regions.children(of: top).filter { withRows.contains($0) }
            let own = lineRegions.contains(top)
            if kids.count == 1 && !own { top = kids[0] } else { break }
        }
        return top
    }

    /// The summary of the top region (``topRegion(_:inventory:)``).
    public static func text(_ c: Compilation, inventory inv: Inventory) -> String {
        guard let project = c.project, let calc = c.calculation, let top = topRegion(c, inventory: inv),
              let latest = inv.cells.lazy.map(\.year).max().map(Int.init) else { return "no emission lines" }
        let regions = project.regions
        func value(_ s: EmissionScope) -> String {
            inv.row(InventoryKey(region: top, year: latest, node: .total, gas: .all, scope: s))?.co2eTonnes
                .map(DecimalFormat.rounded) ?? "0"
        }
        let name = regions[top].map { "\($0.nameZH) \($0.nameEN)" } ?? top
        var out = "\(project.config.name)\n"
        if !project.config.calibers.isEmpty {
            out += "calibers: " + project.config.calibers.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ") + " (ghg-project.json)\n"
        }
        out += "\(top) \(name), \(latest), t CO2e (\(inv.gwpSet)):\n"
        out += "  total \(value(.total)); indirect (net imported electricity and heat) \(value(.indirect)); "
            + "total with indirect \(value(.totalWithIndirect)); biomass CO2 (memo) \(value(.memoBiomass))\n"
        // The land sector, when the project reports it: the net total includes it, the gross total does not.
        let lulucf = inv.row(InventoryKey(region: top, year: latest, node: .category(CategoryCode("3.B")!), gas: .all,
                                          scope: .total))?.co2eTonnes
        if let lulucf {
            let blue = inv.row(InventoryKey(region: top, year: latest, node: .category(CategoryCode("3.B.4")!),
                                            gas: .all, scope: .blueCarbonSequestration))?.co2eTonnes
            out += "  of which LULUCF (3.B) \(DecimalFormat.rounded(lulucf)); total without LULUCF "
                + "\(DecimalFormat.rounded((inv.row(InventoryKey(region: top, year: latest, node: .total, gas: .all, scope: .total))?.co2eTonnes ?? 0) - lulucf))"
                + (blue.map { "; blue-carbon sequestration (indicator, not in totals) \(DecimalFormat.rounded(-$0))" } ?? "")
                + "\n"
        }
        let declines = c.indicators.filter {
            $0.region == top && $0.year == latest && $0.baseYear != nil
                && ($0.key == "co2_intensity_decline" || $0.key == "energy_intensity_decline")
        }
        for d in declines {
            out += "  \(d.key) vs \(d.baseYear!): \(format(d.value))%\n"
        }
        let results = c.targets.filter { $0.target.region == top }
        if !results.isEmpty {
            var counts: [String: Int] = [:]
            for r in results { counts[r.status.rawValue, default: 0] += 1 }
            out += "  targets: " + ["met", "on track", "off track", "pending", "no data"]
                .compactMap { s in counts[s].map { "\($0) \(s)" } }.joined(separator: ", ") + "\n"
            for r in results where r.target.indicator.hasSuffix("intensity_decline") || r.target.indicator == "non_fossil_share" {
                out += "    \(r.target.indicator) \(r.target.comparison.rawValue) "
                    + "\(r.target.value.map(format) ?? "省下达") by \(r.target.targetYear.map(String.init) ?? "?"): "
                    + "\(r.status.rawValue)\(r.actual.map { " (\(format($0)) in \(r.latestYear!))" } ?? "")\n"
            }
        }
        let findings = c.checks.filter { $0.severity == "warning" }
        if !findings.isEmpty {
            let byCheck = Dictionary(grouping: findings, by: \.check).sorted { $0.key < $1.key }
                .map { "\($0.value.count) \($0.key)" }
            let here = findings.filter { $0.region == top }.count
            out += "  checks: \(findings.count) findings to review (" + byCheck.joined(separator: ", ")
                + "; \(here) for \(top)), see checks.csv\n"
        }
        return out + "  \(calc.lines.count) emission lines from \(calc.usedRowCount) activity rows"
    }

    private static func format(_ x: Double) -> String { DecimalFormat.string((x * 100).rounded() / 100) }
}

extension DecimalFormat {
    /// A value rounded to whole tonnes for display (the files keep full precision).
    public static func rounded(_ x: Double) -> String { string(x.rounded()) }
}
