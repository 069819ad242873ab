extension Inventory {
    /// Aggregates the evaluated lines of a calculation (DESIGN §6 "Aggregation"): lines into leaf cells once, leaf
    /// cells up the category tree (with the all-gas row and the total with indirect emissions), then regions up the
    /// region tree. A gas without a GWP in the set is reported once (located at its first line's activity row) and
    /// its rows carry no CO2e.
    ///
    /// - Complexity: O(lines + leaf cells × category depth + rows × region depth), split over `threads` by region and
    ///   year, merged in a fixed order.
    public init(_ calc: CalculationResult, gwp: GWPTable, set: GWPSet, regions: RegionTree?, threads: Int = 1,
                diagnostics: inout DiagnosticLog) {
        let plan = calc.plan, lines = calc.lines, table = calc.table
        gwpSet = set
        self.regions = regions
        // Tables of the key parts, sorted.
        let templates = plan.lineTemplates
        let gasList = Set(templates.map(\.gas)).sorted()
        gases = gasList.map { InventoryGas.gas($0) } + [.all]
        let allGas = gasList.count
        var scopeSet = Set(templates.map(\.scope))
        if scopeSet.contains(.total) || scopeSet.contains(.indirect) { scopeSet.insert(.totalWithIndirect) }
        scopes = scopeSet.sorted()
        var nodeSet = Set<CategoryCode>()
        for t in templates { nodeSet.formUnion(t.category.lineage) }
        nodes = [.total] + nodeSet.sorted().map { .category($0) }
        var codes = Set(table.symbols.regions)
        if let regions { codes.formUnion(regions.all.map(\.code)) }
        regionCodes = codes.sorted()
        let nodeIndex = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        let scopeIndex = Dictionary(uniqueKeysWithValues: scopes.enumerated().map { ($1, $0) })
        let regionIndex = Dictionary(uniqueKeysWithValues: regionCodes.enumerated().map { ($1, $0) })
        let twi = scopeIndex[.totalWithIndirect] ?? -1
        let nN = nodes.count, nG = gases.count
        func slot(_ scope: Int, _ node: Int, _ gas: Int) -> Int { (scope * nN + node) * nG + gas }

        // Per template: leaf slot, the slots it rolls into, its GWP.
        struct TemplateInfo { var leaf: Int; var gas: Int; var gwp: Double?; var rollsInto: [Int] }
        let info: [TemplateInfo] = templates.map { t in
            let g = gasList.firstIndex(of: t.gas)!, s = scopeIndex[t.scope]!
            let chain = [0] + t.category.lineage.map { nodeIndex[.category($0)]! }
            var into: [Int] = []
            for n in chain { into.append(slot(s, n, g)); into.append(slot(s, n, allGas)) }
            if t.scope == .total || t.scope == .indirect { into.append(slot(twi, 0, g)); into.append(slot(twi, 0, allGas)) }
            return TemplateInfo(leaf: slot(s, chain.last!, g), gas: g, gwp: gwp.value(of: t.gas, in: set)?.gwp100,
                                rollsInto: into)
        }
        // A gas without a GWP: reported once, at its first line.
        var reported = Set<Gas>()
        for i in 0..<lines.count {
            let t = templates[Int(lines.template[i])]
            if info[Int(lines.template[i])].gwp == nil && !reported.contains(t.gas) {
                reported.insert(t.gas)
                diagnostics.report(.error(.missingGWP, at: table.location(Int(lines.row[i])),
                    "no \(set) GWP for \(t.gas) in gwp.csv; expected a row (gas \(t.gas), set \(set)) or another "
                        + "GWP set"))
            }
        }

        // 1. Leaf cells per (region, year) block of lines, rolled up the category tree.
        var blocks: [(region: Int, year: Int32, start: Int, end: Int)] = []
        var i = 0
        while i < lines.count {
            let r = Int(lines.row[i])
            let region = table.region[r], year = table.year[r]
            var j = i + 1
            while j < lines.count, table.region[Int(lines.row[j])] == region, table.year[Int(lines.row[j])] == year {
                j += 1
            }
            blocks.append((regionIndex[table.symbols.regions[Int(region)]]!, year, i, j))
            i = j
        }
        let ownCells: [[Acc]] = Parallel.map(blocks.count, threads: threads) { b in
            let block = blocks[b]
            var leaves: [Int: Acc] = [:]
            var order: [Int] = []
            for k in block.start..<block.end {
                let t = Int(lines.template[k])
                let m = lines.mass[k]
                let leaf = info[t].leaf
                if leaves[leaf] == nil { order.append(leaf); leaves[leaf] = Acc(slot: leaf, template: t) }
                leaves[leaf]!.add(mass: m, co2e: info[t].gwp.map { m * $0 })
            }
            var cells: [Int: Acc] = [:]
            for leaf in order {
                let a = leaves[leaf]!
                for s in info[a.template].rollsInto {
                    cells[s, default: Acc(slot: s, template: a.template)].merge(a)
                }
            }
            return cells.values.sorted { $0.slot < $1.slot }
        }
        // Own cells by region and year (blocks of one region and year may be several when a region's lines are
        // not contiguous, which canonical order rules out; merge anyway).
        var own: [Int: [Int32: [Acc]]] = [:]
        for (b, block) in blocks.enumerated() {
            if let existing = own[block.region]?[block.year] {
                own[block.region]![block.year] = Self.merge([existing, ownCells[b]])
            } else {
                own[block.region, default: [:]][block.year] = ownCells[b]
            }
        }

        // 2. The region tree, children before parents.
        var children: [Int: [Int]] = [:]
        var depth = [Int](repeating: 0, count: regionCodes.count)
        var hasChildren = [Bool](repeating: false, count: regionCodes.count)
        if let regions {
            for r in regions.all { if let p = r.parent, let pi = regionIndex[p] { hasChildren[pi] = true } }
            for (k, code) in regionCodes.enumerated() {
                guard let region = regions[code], let p = region.parent, let pi = regionIndex[p],
                      regions[p]?.totals == .sum else { continue }
                children[pi, default: []].append(k)
            }
            for (k, code) in regionCodes.enumerated() { depth[k] = regions.chain(from: code).count }
        }
        var all: [Int: [Int32: [Acc]]] = [:]
        for level in Set(depth).sorted(by: >) {
            let members = regionCodes.indices.filter { depth[$0] == level }
            let results: [[Int32: [Acc]]] = Parallel.map(members.count, threads: threads) { m in
                let k = members[m]
                var years = Set((own[k] ?? [:]).keys)
                for c in children[k] ?? [] { years.formUnion((all[c] ?? [:]).keys) }
                var out: [Int32: [Acc]] = [:]
                for y in years {
                    var parts: [[Acc]] = []
                    if let o = own[k]?[y] { parts.append(o) }
                    for c in children[k] ?? [] { if let a = all[c]?[y] { parts.append(a) } }
                    out[y] = Self.merge(parts)
                }
                return out
            }
            for (m, k) in members.enumerated() where !results[m].isEmpty { all[k] = results[m] }
        }

        // 3. Rows in key order: region, extent (all, then own), year, scope, node, gas.
        var out: [Cell] = []
        out.reserveCapacity(all.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } })
        for k in regionCodes.indices {
            func emit(_ byYear: [Int32: [Acc]]?, extent: UInt8) {
                guard let byYear else { return }
                for y in byYear.keys.sorted() {
                    for a in byYear[y]! {
                        let g = a.slot % nG, n = (a.slot / nG) % nN, s = a.slot / (nG * nN)
                        out.append(Cell(region: Int32(k), year: y, node: Int32(n), extent: extent, scope: UInt8(s),
                                        gas: UInt8(g), co2eMissing: a.co2eMissing, mass: a.mass.value,
                                        co2e: a.co2e.value))
                    }
                }
            }
            emit(all[k], extent: 0)
            if hasChildren[k], regions?[regionCodes[k]]?.totals == .sum { emit(own[k], extent: 1) }
        }
        cells = out
    }

    /// A partial sum of one inventory cell.
    struct Acc {
        var slot: Int
        var template: Int
        var mass = CompensatedSum()
        var co2e = CompensatedSum()
        var co2eMissing = false

        init(slot: Int, template: Int) {
            self.slot = slot
            self.template = template
        }

        mutating func add(mass m: Double, co2e c: Double?) {
            mass.add(m)
            if let c { co2e.add(c) } else { co2eMissing = true }
        }

        mutating func merge(_ o: Acc) {
            mass.add(o.mass)
            co2e.add(o.co2e)
            co2eMissing = co2eMissing || o.co2eMissing
        }
    }

    /// Merges slot-sorted cell lists, in list order.
    static func merge(_ parts: [[Acc]]) -> [Acc] {
        if parts.count == 1 { return parts[0] }
        var d: [Int: Acc] = [:]
        for p in parts {
            for a in p {
                if d[a.slot] == nil { d[a.slot] = Acc(slot: a.slot, template: a.template) }
                d[a.slot]!.merge(a)
            }
        }
        return d.values.sorted { $0.slot < $1.slot }
    }
}
