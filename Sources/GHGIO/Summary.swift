import GHGCore

/// The short text summary `ghg compile` prints: per region, the latest year's totals.
public enum Summary {
    /// Totals of the latest year for every region that has lines, in t CO2e under the inventory's GWP set.
    public static func text(_ c: Compilation, inventory inv: Inventory) -> String {
        guard let latest = inv.lines.map(\.year).max() else { return "no emission lines" }
        var out = "\(c.project?.config.name ?? "") — \(latest), t CO2e (\(inv.gwpSet))\n"
        let regions = Set(inv.lines.map(\.region)).sorted()
        for r in regions {
            func v(_ s: EmissionScope) -> String {
                inv.row(InventoryKey(region: r, year: latest, node: .total, gas: .all, scope: s))?.co2eTonnes
                    .map(DecimalFormat.rounded) ?? "0"
            }
            let name = c.project?.regions[r]?.nameZH ?? ""
            out += "  \(r) \(name): total \(v(.total)); indirect \(v(.indirect)); "
                + "total with indirect \(v(.totalWithIndirect)); biomass CO2 (memo) \(v(.memoBiomass))\n"
        }
        return out + "  \(inv.lines.count) emission lines from \(c.calculation?.usedRowCount ?? 0) activity rows"
    }
}

extension DecimalFormat {
    /// A value rounded to whole tonnes for display (the files keep full precision).
    public static func rounded(_ x: Double) -> String { string(x.rounded()) }
}
