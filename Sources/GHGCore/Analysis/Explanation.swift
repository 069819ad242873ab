/// A node of the calculation tree behind an inventory total: a category (or the total) with its value, the
/// sub-categories under it and the lines reported directly under it.
public struct ExplanationNode: Sendable {
    /// The category, or the total.
    public var node: InventoryNode
    /// The value: t CO2e when explaining all gases, t of the gas when explaining one.
    public var value: Double
    /// Sub-categories that have lines, in category order.
    public var children: [ExplanationNode]
    /// Indices (in canonical order) of the lines reported directly under this category, ascending.
    public var lines: [Int]
}

/// Walks an inventory total down to the emission lines it sums (`ghg explain`).
public enum Explainer {
    /// The lines an inventory row sums, found by filtering lines on the row's cell (rows hold no line lists).
    ///
    /// - Complexity: O(lines).
    public static func lines(of key: InventoryKey, in calc: CalculationResult, regions: RegionTree?) -> [Int] {
        let table = calc.table, plan = calc.plan
        // Region symbols whose lines count in the key's region.
        let regionOK: [Bool] = table.symbols.regions.map { code in
            if key.extent == .own { return code == key.region }
            return (regions?.rollUpTargets(of: code) ?? [code]).contains(key.region)
        }
        let templateOK: [Bool] = plan.lineTemplates.map { t in
            if case let .category(c) = key.node, !c.isPrefix(of: t.category) { return false }
            if case let .gas(g) = key.gas, g != t.gas { return false }
            if key.scope == .totalWithIndirect { return t.scope == .total || t.scope == .indirect }
            return t.scope == key.scope
        }
        var out: [Int] = []
        for i in 0..<calc.lines.count {
            let r = Int(calc.lines.row[i])
            if templateOK[Int(calc.lines.template[i])], calc.year(ofLine: i) == key.year, regionOK[Int(table.region[r])] {
                out.append(i)
            }
        }
        return out
    }

    /// The tree behind a total, or nil when the inventory has no such row.
    ///
    /// The value of every node is the compensated sum of its lines' values (mass for one gas, mass × GWP for
    /// all gases), so a node equals the sum of its children and lines, and the root equals the total.
    public static func tree(_ inv: Inventory, _ calc: CalculationResult, key: InventoryKey,
                            gwp: (Gas) -> Double?) -> ExplanationNode? {
        guard inv.row(key) != nil else { return nil }
        let indices = lines(of: key, in: calc, regions: inv.regions)
        func value(_ i: Int) -> Double {
            let m = calc.lines.mass[i]
            if case .gas = key.gas { return m }
            return m * (gwp(calc.template(of: i).gas) ?? 0)
        }
        let rootDepth: Int = if case let .category(c) = key.node { c.depth } else { 0 }
        func build(_ node: InventoryNode, _ members: [Int], depth: Int) -> ExplanationNode {
            var direct: [Int] = []
            var groups: [CategoryCode: [Int]] = [:]
            for i in members {
                let c = calc.template(of: i).category
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
