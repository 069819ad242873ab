/// A node of the reporting tree: the grand total or a category at any level.
public enum InventoryNode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The total over all categories of a scope.
    case total
    /// A category at any level of the tree.
    case category(CategoryCode)

    /// `TOTAL` or the category code.
    public var description: String {
        switch self {
        case .total: "TOTAL"
        case let .category(c): c.description
        }
    }

    /// The total first, then categories in category order.
    public static func < (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.total, .total): false
        case (.total, _): true
        case (_, .total): false
        case let (.category(x), .category(y)): x < y
        }
    }
}

/// What an inventory row sums: one gas, or all gases in CO2e.
public enum InventoryGas: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// One gas (mass and CO2e).
    case gas(Gas)
    /// All gases together (CO2e only), written `GHG`.
    case all

    /// The gas name, or `GHG`.
    public var description: String {
        switch self {
        case let .gas(g): g.rawValue
        case .all: "GHG"
        }
    }

    /// Gases in reporting order, then the all-gas row.
    public static func < (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case let (.gas(x), .gas(y)): x < y
        case (.gas, .all): true
        default: false
        }
    }
}

/// Which lines of a region a row sums.
public enum InventoryExtent: String, Hashable, Comparable, Sendable {
    /// The region with all its sub-regions (the region's total).
    case all
    /// Only the rows given for the region itself, "not allocated to a sub-region" (reported for regions with
    /// sub-regions whose totals are the sum of them).
    case own

    /// `all` first.
    public static func < (a: Self, b: Self) -> Bool { a == .all && b == .own }
}

/// The key of an inventory row.
public struct InventoryKey: Hashable, Comparable, Sendable {
    /// Region code.
    public var region: String
    /// Which of the region's lines the row sums.
    public var extent: InventoryExtent
    /// Year.
    public var year: Int
    /// Category node.
    public var node: InventoryNode
    /// Gas, or all gases.
    public var gas: InventoryGas
    /// Scope.
    public var scope: EmissionScope

    /// Creates a key.
    public init(region: String, extent: InventoryExtent = .all, year: Int, node: InventoryNode, gas: InventoryGas,
                scope: EmissionScope) {
        self.region = region
        self.extent = extent
        self.year = year
        self.node = node
        self.gas = gas
        self.scope = scope
    }

    /// Region, extent, year, scope, node, gas.
    public static func < (a: Self, b: Self) -> Bool {
        if a.region != b.region { return a.region < b.region }
        if a.extent != b.extent { return a.extent < b.extent }
        if a.year != b.year { return a.year < b.year }
        if a.scope != b.scope { return a.scope < b.scope }
        if a.node != b.node { return a.node < b.node }
        return a.gas < b.gas
    }
}

/// One aggregated row: a mass and its CO2e, with the lines it sums.
public struct InventoryRow: Hashable, Sendable {
    /// The key.
    public var key: InventoryKey
    /// Mass in t of the gas (nil for the all-gas row).
    public var massTonnes: Double?
    /// CO2e in t under the inventory's GWP set (nil when a gas has no GWP in the set).
    public var co2eTonnes: Double?
    /// Indices into ``Inventory/lines`` of the lines summed, ascending.
    public var lineIndices: [Int]
}

/// Emission lines aggregated over region × year × category (every level of the tree, plus the total) × gas, per
/// scope, with CO2e under a named GWP set.
///
/// With a region tree, each region's rows (extent `all`) cover the region and its sub-regions (counties roll up to
/// the city, zones count once in their host county); a region with sub-regions also gets rows of extent `own` for
/// the lines given at the region itself. A region whose totals are its own data stops the roll-up from below.
///
/// Sums run over lines in their deterministic order with compensated (Neumaier) summation, so results do not depend
/// on thread count, hash seed or file order.
public struct Inventory: Sendable {
    /// The GWP set of every CO2e figure.
    public let gwpSet: GWPSet
    /// The lines, in deterministic order.
    public let lines: [EmissionLine]
    /// The rows, sorted by key.
    public let rows: [InventoryRow]

    /// Aggregates lines. A gas without a GWP in the set is reported once (located at its first line's activity row)
    /// and its rows carry no CO2e.
    public init(lines unsorted: [EmissionLine], gwp: GWPTable, set: GWPSet, regions: RegionTree? = nil,
                diagnostics: inout DiagnosticLog) {
        gwpSet = set
        let lines = EmissionLine.sorted(unsorted)
        self.lines = lines
        struct Acc {
            var mass = CompensatedSum()
            var co2e = CompensatedSum()
            var co2eMissing = false
            var indices: [Int] = []

            mutating func add(mass m: Double?, co2e c: Double?, index: Int) {
                if let m { mass.add(m) }
                if let c { co2e.add(c) } else { co2eMissing = true }
                indices.append(index)
            }
        }
        var acc: [InventoryKey: Acc] = [:]
        var reported = Set<Gas>()
        var targetCache: [String: [(String, InventoryExtent)]] = [:]
        func regionTargets(_ code: String) -> [(String, InventoryExtent)] {
            if let t = targetCache[code] { return t }
            var t: [(String, InventoryExtent)] = [(code, .all)]
            if let regions {
                t = regions.rollUpTargets(of: code).map { ($0, .all) }
                if regions[code]?.totals == .sum && !regions.children(of: code).isEmpty { t.append((code, .own)) }
            }
            targetCache[code] = t
            return t
        }
        for (i, line) in lines.enumerated() {
            let factor = gwp.value(of: line.gas, in: set)?.gwp100
            if factor == nil && !reported.contains(line.gas) {
                reported.insert(line.gas)
                diagnostics.report(.error(.missingGWP, at: line.lineage.activity.location,
                    "no \(set) GWP for \(line.gas) in gwp.csv; expected a row (gas \(line.gas), set \(set)) "
                        + "or another GWP set"))
            }
            var nodes: [InventoryNode] = [.total]
            nodes += line.category.lineage.map { InventoryNode.category($0) }
            var targets: [(InventoryNode, EmissionScope)] = nodes.map { ($0, line.scope) }
            if line.scope == .total || line.scope == .indirect { targets.append((.total, .totalWithIndirect)) }
            for (region, extent) in regionTargets(line.region) {
              for (node, scope) in targets {
                for g in [InventoryGas.gas(line.gas), .all] {
                    let key = InventoryKey(region: region, extent: extent, year: line.year, node: node, gas: g,
                                           scope: scope)
                    // Mutated in place through the dictionary's modify accessor: copying the entry out and back
                    // would copy its growing index list on every line (quadratic for a province's totals).
                    var isGas = false
                    if case .gas = g { isGas = true }
                    acc[key, default: Acc()].add(mass: isGas ? line.massTonnes : nil,
                                                 co2e: factor.map { line.massTonnes * $0 }, index: i)
                }
              }
            }
        }
        rows = acc.keys.sorted().map { key in
            let a = acc[key]!
            let mass: Double? = if case .gas = key.gas { a.mass.value } else { nil }
            return InventoryRow(key: key, massTonnes: mass, co2eTonnes: a.co2eMissing ? nil : a.co2e.value,
                                lineIndices: a.indices)
        }
    }

    /// The row for a key, if any line contributes to it.
    ///
    /// - Complexity: O(log n) by binary search over the sorted rows.
    public func row(_ key: InventoryKey) -> InventoryRow? {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid].key < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < rows.count && rows[lo].key == key ? rows[lo] : nil
    }
}

/// Neumaier's compensated summation: a running sum with a correction term for lost low-order bits.
public struct CompensatedSum: Sendable {
    private var sum = 0.0
    private var compensation = 0.0
    /// Creates a zero sum.
    public init() {}
    /// Adds a term.
    public mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }
    /// The sum.
    public var value: Double { sum + compensation }
}
