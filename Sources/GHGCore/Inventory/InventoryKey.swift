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

