/// One aggregated row: a mass and its CO2e.
public struct InventoryRow: Hashable, Sendable {
    /// The key.
    public var key: InventoryKey
    /// Mass in t of the gas (nil for the all-gas row).
    public var massTonnes: Double?
    /// CO2e in t under the inventory's GWP set (nil when a gas has no GWP in the set).
    public var co2eTonnes: Double?
}

/// Emission lines aggregated over region × year × category (every level of the tree, plus the total) × gas, per
/// scope, with CO2e under a named GWP set (DESIGN §6 "Aggregation").
///
/// Lines are summed into leaf cells once (region, year, leaf category, gas, scope); each leaf cell is added to its
/// ancestors in the category tree and to the all-gas row; then regions are rolled up their tree: a region's rows
/// (extent `all`) are its own cells plus its sub-regions' (zones count once in their host county), unless its totals
/// are its own data; a region with sub-regions also gets rows of extent `own` for its own lines. Rows hold no line
/// lists: ``Explainer/lines(of:in:regions:)`` finds a row's lines by filtering on the cell. Partial sums are compensated and merged in a
/// fixed order, so results do not depend on thread count, hash seed or file order.
public struct Inventory: Sendable {
    /// The GWP set of every CO2e figure.
    public let gwpSet: GWPSet
    /// The region codes rows use, sorted.
    public let regionCodes: [String]
    /// The reporting nodes (TOTAL, then categories), sorted.
    public let nodes: [InventoryNode]
    /// The gases, sorted, then `.all`.
    public let gases: [InventoryGas]
    /// The scopes, sorted.
    public let scopes: [EmissionScope]
    /// The rows in key order, compactly.
    public let cells: [Cell]
    /// The region tree rows were rolled up with.
    public let regions: RegionTree?
    /// The first row of each region (by index into ``regionCodes``), and the end.
    let regionStart: [Int]

    /// Whether the region at `k` (an index into ``regionCodes``) has rows.
    ///
    /// - Complexity: O(1).
    public func hasRows(region k: Int) -> Bool { regionStart[k + 1] > regionStart[k] }
    let regionIndex: [String: Int]
    let nodeIndex: [InventoryNode: Int]

    /// One row, with indices into the tables above.
    public struct Cell: Hashable, Sendable {
        /// Index into ``Inventory/regionCodes``.
        public var region: Int32
        /// The year.
        public var year: Int32
        /// Index into ``Inventory/nodes``.
        public var node: Int32
        /// 0 = all, 1 = own.
        public var extent: UInt8
        /// Index into ``Inventory/scopes``.
        public var scope: UInt8
        /// Index into ``Inventory/gases``.
        public var gas: UInt8
        /// Whether the CO2e is missing (a gas without a GWP in the set).
        public var co2eMissing: Bool
        /// Mass in t (meaningless for the all-gas row).
        public var mass: Double
        /// CO2e in t.
        public var co2e: Double
    }

    /// The number of rows.
    public var count: Int { cells.count }

    /// The row at a position, decoded.
    public func row(at i: Int) -> InventoryRow {
        let c = cells[i]
        let gas = gases[Int(c.gas)]
        return InventoryRow(key: InventoryKey(region: regionCodes[Int(c.region)], extent: c.extent == 0 ? .all : .own,
                                              year: Int(c.year), node: nodes[Int(c.node)], gas: gas,
                                              scope: scopes[Int(c.scope)]),
                            massTonnes: gas == .all ? nil : c.mass, co2eTonnes: c.co2eMissing ? nil : c.co2e)
    }

    /// Every row, decoded, in key order.
    public var rows: [InventoryRow] { (0..<cells.count).map(row(at:)) }

    /// The row for a key, if any line contributes to it.
    ///
    /// - Complexity: O(log n) by binary search over the region's rows.
    public func row(_ key: InventoryKey) -> InventoryRow? {
        guard let target = encode(key) else { return nil }
        return index(of: target).map(row(at:))
    }

    /// A key resolved to the inventory's tables once, for repeated lookups over years (indicators).
    public struct Address: Hashable, Sendable {
        let cell: Cell
    }

    /// The address of a key (its year is ignored), or nil when a part of it names nothing the inventory has.
    public func address(region: String, extent: InventoryExtent = .all, node: InventoryNode, gas: InventoryGas,
                        scope: EmissionScope) -> Address? {
        encode(InventoryKey(region: region, extent: extent, year: 0, node: node, gas: gas, scope: scope))
            .map(Address.init)
    }

    /// The row at an address in a year.
    public func row(_ a: Address, year: Int) -> InventoryRow? {
        var c = a.cell
        c.year = Int32(year)
        return index(of: c).map(row(at:))
    }

    func index(of target: Cell) -> Int? {
        var lo = regionStart[Int(target.region)], hi = regionStart[Int(target.region) + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            if Self.less(cells[mid], target) { lo = mid + 1 } else { hi = mid }
        }
        guard lo < regionStart[Int(target.region) + 1], !Self.less(target, cells[lo]) else { return nil }
        return lo
    }

    /// The compact form of a key, or nil when a part of it names nothing the inventory has.
    func encode(_ key: InventoryKey) -> Cell? {
        guard let r = regionIndex[key.region], let n = nodeIndex[key.node],
              let g = Self.search(gases, key.gas), let s = Self.search(scopes, key.scope) else { return nil }
        return Cell(region: Int32(r), year: Int32(key.year), node: Int32(n), extent: key.extent == .all ? 0 : 1,
                    scope: UInt8(s), gas: UInt8(g), co2eMissing: false, mass: 0, co2e: 0)
    }

    static func search<T: Comparable>(_ a: [T], _ x: T) -> Int? {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo < a.count && a[lo] == x ? lo : nil
    }

    /// Key order of compact rows: region, extent, year, scope, node, gas.
    @inline(__always)
    static func less(_ a: Cell, _ b: Cell) -> Bool {
        if a.region != b.region { return a.region < b.region }
        if a.extent != b.extent { return a.extent < b.extent }
        if a.year != b.year { return a.year < b.year }
        if a.scope != b.scope { return a.scope < b.scope }
        if a.node != b.node { return a.node < b.node }
        return a.gas < b.gas
    }

    /// Checks the structure: rows strictly in key order; every table index in range; no mass on an all-gas row
    /// that lacks it; every `total_with_indirect` row at the TOTAL node.
    public func _checkInvariants() {
        for i in cells.indices {
            let c = cells[i]
            precondition(Int(c.region) < regionCodes.count && Int(c.node) < nodes.count && Int(c.gas) < gases.count
                         && Int(c.scope) < scopes.count, "row \(i) indexes outside the tables")
            if i > 0 { precondition(Self.less(cells[i - 1], c), "rows \(i - 1) and \(i) are out of order") }
            if scopes[Int(c.scope)] == .totalWithIndirect {
                precondition(nodes[Int(c.node)] == .total, "total_with_indirect row \(i) is not at TOTAL")
            }
        }
        precondition(gases.last == .all || gases.isEmpty, "the all-gas row is not last in gas order")
        precondition(nodes.first == .total || nodes.isEmpty, "TOTAL is not first in node order")
    }
}
