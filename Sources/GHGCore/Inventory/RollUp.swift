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

        // Per template: its leaf slot, the slots the leaf rolls into (every ancestor node and TOTAL, for the gas and
        // for all gases, plus the total with indirect emissions), its GWP.
        var leafOf = [Int](repeating: 0, count: templates.count)
        var gwpOf = [Double](repeating: 0, count: templates.count)
        var hasGWP = [Bool](repeating: false, count: templates.count)
        var intoStart = [Int](repeating: 0, count: templates.count + 1)
        var into: [Int32] = []
        for (k, t) in templates.enumerated() {
            let g = gasList.firstIndex(of: t.gas)!, sc = scopeIndex[t.scope]!
            let chain = [0] + t.category.lineage.map { nodeIndex[.category($0)]! }
            intoStart[k] = into.count
            for n in chain { into.append(Int32(slot(sc, n, g))); into.append(Int32(slot(sc, n, allGas))) }
            if t.scope == .total || t.scope == .indirect {
                into.append(Int32(slot(twi, 0, g)))
                into.append(Int32(slot(twi, 0, allGas)))
            }
            leafOf[k] = slot(sc, chain.last!, g)
            if let v = gwp.value(of: t.gas, in: set)?.gwp100 { gwpOf[k] = v; hasGWP[k] = true }
        }
        intoStart[templates.count] = into.count
        let slotCount = scopes.count * nN * nG
        // A gas without a GWP: reported once, at its first line.
        var reported = Set<Gas>()
        for i in 0..<lines.count where !hasGWP[Int(lines.template[i])] {
            let t = templates[Int(lines.template[i])]
            if reported.insert(t.gas).inserted {
                diagnostics.report(.error(.missingGWP, at: table.location(Int(lines.row[i])),
                    "no \(set) GWP for \(t.gas) in gwp.csv; expected a row (gas \(t.gas), set \(set)) or another "
                        + "GWP set"))
            }
        }

        // 1. Leaf cells per (region, year) block of lines (contiguous in canonical order, and inside a block the
        //    lines of one leaf cell are contiguous), each leaf added once to the cells it rolls into.
        let regionOfSymbol = table.symbols.regions.map { regionIndex[$0]! }
        let blocks: [(region: Int, year: Int32, start: Int, end: Int)] = lines.blockStart.indices.dropLast().map { b in
            (regionOfSymbol[Int(lines.blockRegion[b])], lines.blockYear[b], Int(lines.blockStart[b]),
             Int(lines.blockStart[b + 1]))
        }
        let ranges = Parallel.ranges(blocks.count, parts: threads > 1 ? threads * 4 : 1)
        typealias Acc = RollUp.Acc
        typealias Scratch = RollUp.Scratch
        let ownParts: [[[Acc]]] = Parallel.map(ranges.count, threads: threads) { part in
            var scratch = Scratch(slotCount)
            var out: [[Acc]] = []
            for b in ranges[part] {
                let block = blocks[b]
                var k = block.start
                while k < block.end {
                    let t = Int(lines.template[k])
                    let leaf = leafOf[t]
                    var acc = Acc(slot: leaf)
                    while k < block.end, leafOf[Int(lines.template[k])] == leaf {
                        let tk = Int(lines.template[k])
                        let m = lines.mass[k]
                        acc.a.add(m)
                        if hasGWP[tk] { acc.b.add(m * gwpOf[tk]) } else { acc.missing = true }
                        k += 1
                    }
                    for x in intoStart[t]..<intoStart[t + 1] { scratch.merge(Int(into[x]), acc) }
                }
                out.append(scratch.drain())
            }
            return out
        }
        let ownCells = ownParts.flatMap { $0 }
        var own = [[Int32: [Acc]]](repeating: [:], count: regionCodes.count)
        for (b, block) in blocks.enumerated() {
            if let existing = own[block.region][block.year] {
                var scratch = Scratch(slotCount)
                for a in existing + ownCells[b] { scratch.merge(a.slot, a) }
                own[block.region][block.year] = scratch.drain()
            } else {
                own[block.region][block.year] = ownCells[b]
            }
        }

        // 2. The region tree, children before parents.
        let (all, hasChildren) = RollUp.regions(own: own, regionCodes: regionCodes, regionIndex: regionIndex,
                                                regions: regions, slotCount: slotCount, threads: threads)

        // 3. Rows in key order: region, extent (all, then own), year, scope, node, gas.
        var count = 0
        for k in regionCodes.indices {
            count += all[k].values.reduce(0) { $0 + $1.count }
            if hasChildren[k] { count += own[k].values.reduce(0) { $0 + $1.count } }
        }
        var out: [Cell] = []
        out.reserveCapacity(count)
        for k in regionCodes.indices {
            func emit(_ byYear: [Int32: [Acc]], extent: UInt8) {
                for y in byYear.keys.sorted() {
                    for a in byYear[y]! {
                        let g = a.slot % nG, n = (a.slot / nG) % nN, sc = a.slot / (nG * nN)
                        out.append(Cell(region: Int32(k), year: y, node: Int32(n), extent: extent, scope: UInt8(sc),
                                        gas: UInt8(g), co2eMissing: a.missing, mass: a.a.value,
                                        co2e: a.b.value))
                    }
                }
            }
            emit(all[k], extent: 0)
            if hasChildren[k], regions?[regionCodes[k]]?.totals == .sum { emit(own[k], extent: 1) }
        }
        cells = out
        var starts = [Int](repeating: 0, count: regionCodes.count + 1)
        for c in out { starts[Int(c.region) + 1] += 1 }
        for k in 0..<regionCodes.count { starts[k + 1] += starts[k] }
        regionStart = starts
        self.regionIndex = regionIndex
        self.nodeIndex = nodeIndex
    }
}

/// The one roll-up of the inventory and the energy accounts (DESIGN §6): leaf cells, already summed per region and
/// year, are merged up the region tree; the partial sums are compensated and merged in a fixed order.
enum RollUp {
    /// A partial sum of one cell: two compensated sums (mass and CO2e, or GJ and tce), a flag and four counters.
    struct Acc {
        var slot: Int
        var a = CompensatedSum()
        var b = CompensatedSum()
        /// Whether a term of `b` was missing (a gas without GWP).
        var missing = false
        var count0: Int32 = 0, count1: Int32 = 0, count2: Int32 = 0, count3: Int32 = 0

        init(slot: Int) { self.slot = slot }

        @inline(__always) mutating func merge(_ o: Acc) {
            a.add(o.a)
            b.add(o.b)
            missing = missing || o.missing
            count0 += o.count0
            count1 += o.count1
            count2 += o.count2
            count3 += o.count3
        }
    }

    /// A dense scratch of partial sums by slot, with the list of slots touched, reused from block to block.
    struct Scratch {
        var accs: [Acc]
        var touched: [Int] = []
        var isTouched: [Bool]

        init(_ count: Int) {
            accs = (0..<count).map { Acc(slot: $0) }
            isTouched = [Bool](repeating: false, count: count)
        }

        @inline(__always) mutating func merge(_ slot: Int, _ a: Acc) {
            if !isTouched[slot] { isTouched[slot] = true; touched.append(slot) }
            accs[slot].merge(a)
        }

        /// The touched cells in slot order, and a clean scratch.
        mutating func drain() -> [Acc] {
            touched.sort()
            let out = touched.map { accs[$0] }
            for s in touched { accs[s] = Acc(slot: s); isTouched[s] = false }
            touched.removeAll(keepingCapacity: true)
            return out
        }
    }

    /// Merges each region's own cells (by year) with its sub-regions' up the tree, children before parents: a
    /// region's cells (extent `all`) are its own plus its sub-regions', unless its totals are its own data; a zone
    /// counts once, in its host county. Also says which regions have sub-regions (they get rows of extent `own`).
    ///
    /// - Complexity: O(cells × tree depth), split over `threads` within each level of the tree.
    static func regions(own: [[Int32: [Acc]]], regionCodes: [String], regionIndex: [String: Int], regions: RegionTree?,
                        slotCount: Int, threads: Int) -> (all: [[Int32: [Acc]]], hasChildren: [Bool]) {
        var children = [[Int]](repeating: [], count: regionCodes.count)
        var depth = [Int](repeating: 0, count: regionCodes.count)
        var hasChildren = [Bool](repeating: false, count: regionCodes.count)
        if let regions {
            for r in regions.all { if let p = r.parent, let pi = regionIndex[p] { hasChildren[pi] = true } }
            for (k, code) in regionCodes.enumerated() {
                guard let region = regions[code], let p = region.parent, let pi = regionIndex[p],
                      regions[p]?.totals == .sum else { continue }
                children[pi].append(k)
            }
            for (k, code) in regionCodes.enumerated() { depth[k] = regions.chain(from: code).count }
        }
        var all = [[Int32: [Acc]]](repeating: [:], count: regionCodes.count)
        for level in Set(depth).sorted(by: >) {
            let members = regionCodes.indices.filter { depth[$0] == level }
            let parts = Parallel.ranges(members.count, parts: threads > 1 ? threads * 4 : 1)
            let results: [[[Int32: [Acc]]]] = Parallel.map(parts.count, threads: threads) { part in
                var scratch = Scratch(slotCount)
                return parts[part].map { m in
                    let k = members[m]
                    if children[k].isEmpty { return own[k] }
                    var years = Set(own[k].keys)
                    for c in children[k] { years.formUnion(all[c].keys) }
                    var out: [Int32: [Acc]] = [:]
                    for y in years {
                        for a in own[k][y] ?? [] { scratch.merge(a.slot, a) }
                        for c in children[k] { for a in all[c][y] ?? [] { scratch.merge(a.slot, a) } }
                        out[y] = scratch.drain()
                    }
                    return out
                }
            }
            for (p, part) in parts.enumerated() {
                for (j, m) in part.enumerated() { all[members[m]] = results[p][j] }
            }
        }
        return (all, hasChildren)
    }
}
