/// The energy accounting of a project rolled up like the inventory (the same roll-up): per region (extent `all`,
/// and `own` for a region's own rows), year, activity and category node, the energy in GJ (from NCVs) and standard coal
/// in tce (from standard-coal coefficients), with row counts. Each row's own figures and factors are in the lineage.
///
/// A net export (a negative row of net imported electricity or heat) is counted, never subtracted: the local primary
/// electricity it comes from is not in the activity data, so subtracting it would undercount (or turn negative) the
/// total energy.
public struct EnergyAccounts: Sendable {
    /// The region codes, sorted.
    public let regionCodes: [String]
    /// The activities with energy accounting, sorted by name, then `all`: the activities that count in total energy
    /// (fuel combustion, non-energy use, net imported electricity and heat) together.
    public let activities: [ActivityKind]
    /// The nodes (TOTAL, then categories), sorted.
    public let nodes: [InventoryNode]
    /// The rows, in key order: region, extent, year, activity, node.
    public let cells: [Cell]

    /// One row of the accounts.
    public struct Cell: Hashable, Sendable {
        /// Index into ``EnergyAccounts/regionCodes``.
        public var region: Int32
        /// 0 = all, 1 = own.
        public var extent: UInt8
        /// The year.
        public var year: Int32
        /// Index into ``EnergyAccounts/activities``.
        public var activity: Int32
        /// Index into ``EnergyAccounts/nodes``.
        public var node: Int32
        /// Energy in GJ of the rows that have it.
        public var energyGJ: Double
        /// Standard coal in tce of the rows that have a coefficient (net exports excluded).
        public var tce: Double
        /// Rows summed.
        public var rows: Int
        /// Rows with an energy in GJ (electricity has none).
        public var rowsWithEnergy: Int
        /// Rows without a standard-coal coefficient.
        public var rowsWithoutTCE: Int
        /// Net exports counted but not subtracted.
        public var netExports: Int
    }

    /// Rolls up every row with an energy plan.
    ///
    /// - Complexity: O(rows + cells × (category depth + region depth)), split over `threads`.
    public init(_ calc: CalculationResult, regions: RegionTree?, threads: Int = 1) {
        let table = calc.table, plan = calc.plan, values = calc.factors.baseValues
        let s = table.symbols
        var codes = Set(s.regions)
        if let regions { codes.formUnion(regions.all.map(\.code)) }
        regionCodes = codes.sorted()
        let regionIndex = Dictionary(uniqueKeysWithValues: regionCodes.enumerated().map { ($1, $0) })
        // Per plan, flat: how energy and standard coal are found (0 not accounted, 1 the activity, 2 × a factor).
        let planCount = plan.rowPlans.count
        var energyKind = [UInt8](repeating: 0, count: planCount), energyFactor = [Int32](repeating: 0, count: planCount)
        var tceKind = [UInt8](repeating: 0, count: planCount), tceFactor = [Int32](repeating: 0, count: planCount)
        var hasEnergy = [Bool](repeating: false, count: planCount)
        for (k, p) in plan.rowPlans.enumerated() {
            guard let e = p.energy else { continue }
            hasEnergy[k] = true
            switch e.energy {
            case .none: break
            case .activity: energyKind[k] = 1
            case let .ncv(id): energyKind[k] = 2; energyFactor[k] = Int32(id)
            }
            switch e.tce {
            case .none: break
            case .activity: tceKind[k] = 1
            case let .coefficient(id, _): tceKind[k] = 2; tceFactor[k] = Int32(id)
            }
        }
        let scale = s.units.map(\.scale)
        // The activities and categories of the rows with energy.
        var activitySeen = [Bool](repeating: false, count: s.activities.count)
        var categorySeen = [Bool](repeating: false, count: s.categories.count)
        for r in 0..<table.count {
            let p = plan.rowPlan[r]
            guard p >= 0, hasEnergy[Int(p)] else { continue }
            activitySeen[Int(table.activity[r])] = true
            categorySeen[Int(table.category[r])] = true
        }
        let activityIDs = s.activities.indices.filter { activitySeen[$0] }.sorted {
            s.activities[$0].rawValue < s.activities[$1].rawValue
        }
        activities = activityIDs.map { s.activities[$0] } + [Self.all]
        let allGroup = activityIDs.count
        let countsInTotal = s.activities.map { Self.counted.contains($0) }
        var activityRank = [Int](repeating: 0, count: s.activities.count)
        for (k, a) in activityIDs.enumerated() { activityRank[a] = k }
        var nodeSet = Set<CategoryCode>()
        for c in s.categories.indices where categorySeen[c] { nodeSet.formUnion(s.categories[c].lineage) }
        nodes = [.total] + nodeSet.sorted().map { .category($0) }
        let nodeIndex = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        let nN = nodes.count
        let slotCount = max(1, activities.count * nN)
        // Per category symbol: its leaf node and the nodes it rolls into.
        var leafNode = [Int](repeating: 0, count: s.categories.count)
        var chainOf = [[Int]](repeating: [], count: s.categories.count)
        for c in s.categories.indices where categorySeen[c] {
            chainOf[c] = [0] + s.categories[c].lineage.map { nodeIndex[.category($0)]! }
            leafNode[c] = chainOf[c].last!
        }
        // Per slot: the activity symbol (to tell whether the leaf counts in `all`).
        var slotActivity = [Int](repeating: -1, count: slotCount)
        var slotCategory = [Int](repeating: -1, count: slotCount)
        for c in s.categories.indices where categorySeen[c] {
            for a in activityIDs {
                let slot = activityRank[a] * nN + leafNode[c]
                slotActivity[slot] = a
                slotCategory[slot] = c
            }
        }
        let regionOf = s.regions.map { regionIndex[$0]! }
        let buckets = calc.buckets
        // 1. Per (region, year) bucket: rows into their leaf cells (activity, category) in row order, then each leaf
        //    into its ancestors and, for the activities counted in total energy, into `all`.
        let ranges = Parallel.ranges(buckets.count, parts: threads > 1 ? threads * 8 : 1)
        let parts: [[(region: Int, year: Int32, cells: [RollUp.Acc])]] = Parallel.map(ranges.count, threads: threads) { part in
            var leaves = RollUp.Scratch(slotCount)
            var scratch = RollUp.Scratch(slotCount)
            var out: [(region: Int, year: Int32, cells: [RollUp.Acc])] = []
            for b in ranges[part] {
                var firstRow = -1
                for k in Int(buckets.start[b])..<Int(buckets.start[b + 1]) {
                    let r = Int(buckets.rows[k])
                    let p = Int(plan.rowPlan[r])
                    guard p >= 0, hasEnergy[p] else { continue }
                    if firstRow < 0 { firstRow = r }
                    let u = Int(table.unit[r])
                    let base = u < 0 ? 0 : table.value[r] * scale[u]
                    var acc = RollUp.Acc(slot: 0)
                    acc.count0 = 1
                    let tce: Double? = switch tceKind[p] {
                    case 1: base
                    case 2: base * values[Int(tceFactor[p])]
                    default: nil
                    }
                    if let tce, tce < 0 {
                        acc.count2 = 1
                    } else {
                        switch energyKind[p] {
                        case 1: acc.a.add(base); acc.count3 = 1
                        case 2: acc.a.add(base * values[Int(energyFactor[p])]); acc.count3 = 1
                        default: break
                        }
                        if let tce { acc.b.add(tce) } else { acc.count1 = 1 }
                    }
                    leaves.merge(activityRank[Int(table.activity[r])] * nN + leafNode[Int(table.category[r])], acc)
                }
                guard firstRow >= 0 else { continue }
                for leaf in leaves.drain() {
                    let a = slotActivity[leaf.slot], c = slotCategory[leaf.slot]
                    let base = activityRank[a] * nN
                    for n in chainOf[c] { scratch.merge(base + n, leaf) }
                    if countsInTotal[a] { scratch.merge(allGroup * nN, leaf) }
                }
                out.append((regionOf[Int(table.region[firstRow])], table.year[firstRow], scratch.drain()))
            }
            return out
        }
        var own = [[Int32: [RollUp.Acc]]](repeating: [:], count: regionCodes.count)
        for part in parts { for cell in part { own[cell.region][cell.year] = cell.cells } }
        // 2. Up the region tree.
        let (all, hasChildren) = RollUp.regions(own: own, regionCodes: regionCodes, regionIndex: regionIndex,
                                                regions: regions, slotCount: slotCount, threads: threads)
        var count = 0
        for k in regionCodes.indices {
            count += all[k].values.reduce(0) { $0 + $1.count }
            if hasChildren[k] { count += own[k].values.reduce(0) { $0 + $1.count } }
        }
        var out: [Cell] = []
        out.reserveCapacity(count)
        for k in regionCodes.indices {
            func emit(_ byYear: [Int32: [RollUp.Acc]], extent: UInt8) {
                for y in byYear.keys.sorted() {
                    for a in byYear[y]! {
                        out.append(Cell(region: Int32(k), extent: extent, year: y, activity: Int32(a.slot / nN),
                                        node: Int32(a.slot % nN), energyGJ: a.a.value, tce: a.b.value,
                                        rows: Int(a.count0), rowsWithEnergy: Int(a.count3),
                                        rowsWithoutTCE: Int(a.count1), netExports: Int(a.count2)))
                    }
                }
            }
            emit(all[k], extent: 0)
            if hasChildren[k], regions?[regionCodes[k]]?.totals == .sum { emit(own[k], extent: 1) }
        }
        cells = out
    }

    /// The activity of the rows that sum every activity counted in total energy.
    public static let all = ActivityKind("all")

    /// The activities that count in total energy.
    public static let counted: Set<ActivityKind> = [.fuelCombustion, .fuelNonEnergyUse, .electricityNetImport,
                                                    .heatNetImport]

    /// The total energy of a region (with its sub-regions) in a year (activity `all`, node TOTAL): tce, and the rows
    /// without a coefficient and the net exports left out. Nil when no row has standard coal.
    public func total(region: String, year: Int) -> (tce: Double, rowsWithoutTCE: Int, netExports: Int)? {
        guard let r = Inventory.search(regionCodes, region) else { return nil }
        let a = Int32(activities.count - 1)
        var lo = 0, hi = cells.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let c = cells[mid]
            if (c.region, c.extent, c.year, c.activity, c.node) < (Int32(r), 0, Int32(year), a, 0) { lo = mid + 1 } else { hi = mid }
        }
        guard lo < cells.count else { return nil }
        let c = cells[lo]
        guard c.region == Int32(r), c.extent == 0, c.year == Int32(year), c.activity == a, c.node == 0,
              c.rows - c.rowsWithoutTCE - c.netExports > 0 else { return nil }
        return (c.tce, c.rowsWithoutTCE, c.netExports)
    }
}
