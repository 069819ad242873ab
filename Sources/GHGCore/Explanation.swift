/// A node of the calculation tree behind an inventory total: a category (or the total) with its value, the
/// sub-categories under it and the lines reported directly under it.
public struct ExplanationNode: Sendable {
    /// The category, or the total.
    public var node: InventoryNode
    /// The value: t CO2e when explaining all gases, t of the gas when explaining one.
    public var value: Double
    /// Sub-categories that have lines, in category order.
    public var children: [ExplanationNode]
    /// Indices into ``Inventory/lines`` of the lines reported directly under this category, in line order.
    public var lines: [Int]
}

/// Walks an inventory total down to the emission lines it sums (`ghg explain`).
public enum Explainer {
    /// The tree behind a total, or nil when the inventory has no such row.
    ///
    /// The value of every node is the compensated sum of its lines' values (mass for one gas, mass × GWP for
    /// all gases), so a node equals the sum of its children and lines, and the root equals the total.
    public static func tree(_ inv: Inventory, key: InventoryKey, gwp: (Gas) -> Double?) -> ExplanationNode? {
        guard let row = inv.row(key) else { return nil }
        let indices = row.lineIndices.filter {
            if case let .gas(g) = key.gas { return inv.lines[$0].gas == g } else { return true }
        }
        func value(_ i: Int) -> Double {
            let l = inv.lines[i]
            if case .gas = key.gas { return l.massTonnes }
            return l.massTonnes * (gwp(l.gas) ?? 0)
        }
        let rootDepth: Int = if case let .category(c) = key.node { c.depth } else { 0 }
        func build(_ node: InventoryNode, _ members: [Int], depth: Int) -> ExplanationNode {
            var direct: [Int] = []
            var groups: [CategoryCode: [Int]] = [:]
            for i in members {
                let c = inv.lines[i].category
                if c.depth <= depth { direct.append(i) } else { groups[c.lineage[depth], default: []].append(i) }
            }
            let children = groups.keys.sorted().map { build(.category($0), groups[$0]!, depth: depth + 1) }
            var sum = CompensatedSum()
            for i in members { sum.add(value(i)) }
            return ExplanationNode(node: node, value: sum.value, children: children, lines: direct.sorted())
        }
        return build(key.node, indices, depth: rootDepth)
    }
}
