import GHGCore

/// The summary table of every region and year (`summary.csv`): the rows of a ``SummaryLayout`` (the guideline's
/// sectors and sub-sectors, the two China totals, the memo items) with per-gas masses and CO2e, added up from the
/// inventory's rows. A cell is empty (not zero) when no inventory row contributes to it.
public struct SummaryTable: Sendable {
    /// The gas columns: single gases in tonnes and CO2e; the HFC and PFC families, mixtures of species without a
    /// common mass, in CO2e only.
    public enum GasGroup: Int, CaseIterable, Sendable {
        /// Carbon dioxide.
        case co2
        /// Methane.
        case ch4
        /// Nitrous oxide.
        case n2o
        /// Hydrofluorocarbons (HFC-23, HFC-134a, ...).
        case hfcs
        /// Perfluorocarbons (CF4, C2F6, ...).
        case pfcs
        /// Sulphur hexafluoride.
        case sf6
        /// Nitrogen trifluoride.
        case nf3
        /// Any other gas the inventory has.
        case other

        /// The column name stem (`co2`, `hfcs`).
        public var key: String { ["co2", "ch4", "n2o", "hfcs", "pfcs", "sf6", "nf3", "other"][rawValue] }
        /// The heading (`CO2`, `HFCs`).
        public var label: String { ["CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3", "other"][rawValue] }
        /// Whether the group is one gas, so that its masses add up.
        public var hasMass: Bool { ![.hfcs, .pfcs, .other].contains(self) }

        /// The group of a gas.
        public static func of(_ gas: Gas) -> GasGroup {
            switch gas.rawValue {
            case "CO2": return .co2
            case "CH4": return .ch4
            case "N2O": return .n2o
            case "SF6": return .sf6
            case "NF3": return .nf3
            default:
                let name = gas.rawValue
                if name.hasPrefix("HFC") { return .hfcs }
                if name.hasPrefix("PFC") || name.hasPrefix("c-C") || Self.isPerfluorocarbon(name) { return .pfcs }
                return .other
            }
        }

        /// CnF2n+2 and the like: a formula of carbon and fluorine only (CF4, C2F6, C3F8, C4F10, C6F14).
        static func isPerfluorocarbon(_ name: String) -> Bool {
            var sawF = false
            for ch in name.unicodeScalars {
                switch ch {
                case "C": if sawF { return false }
                case "F": sawF = true
                case "0"..."9": break
                default: return false
                }
            }
            return sawF && name.hasPrefix("C")
        }
    }

    /// Values per entry: a mass and a CO2e per gas group, then the all-gas CO2e.
    static let stride = 2 * GasGroup.allCases.count + 1

    /// One row of the table for a region and year.
    public struct Entry: Sendable, Hashable {
        /// The region's position in ``SummaryTable/regionCodes``.
        public var region: Int32
        /// The year.
        public var year: Int32
        /// The layout row's position in ``SummaryTable/layout``.
        public var row: Int32
    }

    /// The layout the rows follow.
    public let layout: SummaryLayout
    /// The inventory's region codes.
    public let regionCodes: [String]
    /// The GWP set of every CO2e value.
    public let gwpSet: GWPSet
    /// The entries in output order: region, year, layout row.
    public private(set) var entries: [Entry] = []
    /// ``stride`` values per entry, NaN where no inventory row contributes.
    private var values: [Double] = []
    /// Per entry with a gas lacking a GWP: a bit per gas group (its CO2e is written empty, never understated) and
    /// bit ``GasGroup/allCases``.count for the all-gas total.
    private var missingCO2e: [Int: UInt16] = [:]

    /// The mass in tonnes of a gas group in an entry; nil when no inventory row contributes or the group has no
    /// common mass.
    public func mass(_ entry: Int, _ g: GasGroup) -> Double? {
        guard g.hasMass else { return nil }
        let v = values[entry * Self.stride + g.rawValue]
        return v.isNaN ? nil : v
    }

    /// The CO2e in tonnes of a gas group in an entry; nil when no inventory row contributes.
    public func co2e(_ entry: Int, _ g: GasGroup) -> Double? {
        if let m = missingCO2e[entry], m & (1 << g.rawValue) != 0 { return nil }
        let v = values[entry * Self.stride + GasGroup.allCases.count + g.rawValue]
        return v.isNaN ? nil : v
    }

    /// The all-gas CO2e of an entry (the inventory's `GHG` rows); nil when none contributes or a GWP is missing.
    public func total(_ entry: Int) -> Double? {
        if let m = missingCO2e[entry], m & (1 << GasGroup.allCases.count) != 0 { return nil }
        let v = values[entry * Self.stride + Self.stride - 1]
        return v.isNaN ? nil : v
    }

    /// The table of the regions named (all regions when nil), for every year. Rows of scope `total` at levels 0
    /// and 1 (the totals and the sectors) are kept even without values, so a sector with nothing estimated shows
    /// empty cells; other rows (sub-sectors, indirect, memo items) only with values.
    ///
    /// - Complexity: O(n + e·k) for n inventory rows, e entries and k values per entry.
    public init(inventory inv: Inventory, layout: SummaryLayout, regions: Set<String>? = nil) {
        self.layout = layout
        regionCodes = inv.regionCodes
        gwpSet = inv.gwpSet
        let keep = regions.map { r in inv.regionCodes.map { r.contains($0) } }
        var entries: [Entry] = [], values: [Double] = [], missing: [Int: UInt16] = [:]
        Self.scan(inv, layout, keep: keep) { region, year, row, block, blockMissing in
            if blockMissing != 0 { missing[entries.count] = blockMissing }
            entries.append(Entry(region: region, year: year, row: Int32(row)))
            values.append(contentsOf: block)
        }
        self.entries = entries
        self.values = values
        missingCO2e = missing
    }

    /// Adds up the inventory (extent `all`) into the layout's rows, one region and year at a time, and hands each
    /// row that is written to `emit` (region, year, layout row, its ``stride`` values with NaN for none, and a bit per
    /// gas group whose CO2e lacks a GWP, the last bit for the all-gas total), in region, year and layout order,
    /// without keeping the table.
    ///
    /// - Complexity: O(n + b·r·k) for n inventory rows, b region-years, r layout rows and k values per row: one pass
    ///   over the rows, which are sorted by region, extent and year.
    static func scan(_ inv: Inventory, _ layout: SummaryLayout, keep: [Bool]? = nil,
                     emit: (Int32, Int32, Int, ArraySlice<Double>, UInt16) -> Void) {
        let groups = GasGroup.allCases.count
        // (scope, node) -> the layout rows that read it, with their signs, as ranges into one flat array.
        let slots = inv.scopes.count * inv.nodes.count
        var lists = [[(row: Int, sign: Double)]](repeating: [], count: slots)
        let nodeIndex = Dictionary(uniqueKeysWithValues: inv.nodes.enumerated().map { ($1, $0) })
        for (k, row) in layout.rows.enumerated() {
            guard let s = inv.scopes.firstIndex(of: row.scope) else { continue }
            for t in row.terms {
                guard let n = nodeIndex[t.node] else { continue }
                lists[s * inv.nodes.count + n].append((k, t.sign))
            }
        }
        var start = [Int](repeating: 0, count: slots + 1)
        for i in 0..<slots { start[i + 1] = start[i] + lists[i].count }
        let targets = lists.flatMap { $0 }
        let gasColumn: [Int] = inv.gases.map { g in
            if case let .gas(gas) = g { return GasGroup.of(gas).rawValue }
            return -1
        }
        let rowCount = layout.rows.count
        let always = layout.rows.map { $0.level <= 1 && $0.scope == .total }
        var block = [Double](repeating: .nan, count: rowCount * stride)
        var blockMissing = [UInt16](repeating: 0, count: rowCount)
        var touched = [Bool](repeating: false, count: rowCount)
        func add(_ i: Int, _ x: Double) { block[i] = block[i].isNaN ? x : block[i] + x }
        func flush(region: Int32, year: Int32) {
            for k in 0..<rowCount where touched[k] || always[k] {
                let base = k * stride
                emit(region, year, k, block[base..<base + stride], blockMissing[k])
            }
            for k in 0..<rowCount where touched[k] {
                for i in k * stride..<(k + 1) * stride { block[i] = .nan }
                blockMissing[k] = 0
                touched[k] = false
            }
        }
        var current: (region: Int32, year: Int32)? = nil
        inv.cells.withUnsafeBufferPointer { cells in
            for c in cells where c.extent == 0 {
                if let keep, !keep[Int(c.region)] { continue }
                if let cur = current, cur != (c.region, c.year) { flush(region: cur.region, year: cur.year) }
                current = (c.region, c.year)
                let slot = Int(c.scope) * inv.nodes.count + Int(c.node)
                guard start[slot] < start[slot + 1] else { continue }
                let column = gasColumn[Int(c.gas)]
                for t in targets[start[slot]..<start[slot + 1]] {
                    let base = t.row * stride
                    touched[t.row] = true
                    if column < 0 {
                        if c.co2eMissing { blockMissing[t.row] |= 1 << groups } else { add(base + stride - 1, t.sign * c.co2e) }
                    } else {
                        add(base + column, t.sign * c.mass)
                        if c.co2eMissing { blockMissing[t.row] |= 1 << column } else { add(base + groups + column, t.sign * c.co2e) }
                    }
                }
            }
        }
        if let cur = current { flush(region: cur.region, year: cur.year) }
    }

    /// The header of `summary.csv`.
    public static var header: [String] {
        ["region", "region_name_zh", "region_name_en", "year", "row", "level", "name_zh", "name_en", "scope"]
            + GasGroup.allCases.filter(\.hasMass).map { $0.key + "_t" }
            + GasGroup.allCases.map { $0.key + "_co2e_t" } + ["total_co2e_t", "gwp"]
    }
}
