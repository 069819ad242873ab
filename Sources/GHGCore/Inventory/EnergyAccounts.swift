/// The energy accounting of a project rolled up like the inventory (the same ``RollUp``): per region (extent `all`,
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
        // Rows with energy, bucketed by region and year (counting sort keeps row order inside a bucket).
        var energyRows: [Int32] = []
        for r in 0..<table.count where plan.rowPlan[r] >= 0 && plan.energy(of: r) != nil { energyRows.append(Int32(r)) }
        let activityIDs = Set(energyRows.map { table.activity[Int($0)] }).sorted {
            s.activities[Int($0)].rawValue < s.activities[Int($1)].rawValue
        }
        activities = activityIDs.map { s.activities[Int($0)] } + [Self.all]
        let allGroup = activityIDs.count
        let countsInTotal = s.activities.map { Self.counted.contains($0) }
        var activityRank = [Int](repeating: 0, count: s.activities.count)
        for (k, a) in activityIDs.enumerated() { activityRank[Int(a)] = k }
        let categoryIDs = Set(energyRows.map { table.category[Int($0)] })
        var nodeSet = Set<CategoryCode>()
        for c in categoryIDs { nodeSet.formUnion(s.categories[Int(c)].lineage) }
        nodes = [.total] + nodeSet.sorted().map { .category($0) }
        let nodeIndex = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        let nN = nodes.count
        let slotCount = max(1, activities.count * nN)
        // Per category symbol: the nodes it rolls into.
        var chainOf = [[Int]](repeating: [], count: s.categories.count)
        for c in categoryIDs { chainOf[Int(c)] = [0] + s.categories[Int(c)].lineage.map { nodeIndex[.category($0)]! } }
        let years = Set(energyRows.map { table.year[Int($0)] }).sorted()
        let yearIndex = Dictionary(uniqueKeysWithValues: years.enumerated().map { ($1, $0) })
        let regionOf = s.regions.map { regionIndex[$0]! }
        var counts = [Int](repeating: 0, count: regionCodes.count * max(years.count, 1) + 1)
        func bucket(_ r: Int) -> Int { regionOf[Int(table.region[r])] * years.count + yearIndex[table.year[r]]! }
        for r in energyRows { counts[bucket(Int(r)) + 1] += 1 }
        for b in 0..<(counts.count - 1) { counts[b + 1] += counts[b] }
        var ordered = [Int32](repeating: 0, count: energyRows.count)
        var fill = counts
        for r in energyRows { let b = bucket(Int(r)); ordered[fill[b]] = r; fill[b] += 1 }
        let buckets = (0..<(counts.count - 1)).filter { counts[$0 + 1] > counts[$0] }
        // 1. Per (region, year): rows into their (activity, node) cells, in row order.
        let ranges = Parallel.ranges(buckets.count, parts: threads > 1 ? threads * 4 : 1)
        let parts: [[[RollUp.Acc]]] = Parallel.map(ranges.count, threads: threads) { part in
            var scratch = RollUp.Scratch(slotCount)
            return ranges[part].map { bi in
                let b = buckets[bi]
                for k in counts[b]..<counts[b + 1] {
                    let r = Int(ordered[k])
                    var acc = RollUp.Acc(slot: 0)
                    acc.count0 = 1
                    let gj = Kernel.energy(of: r, plan: plan, table: table, values: values)
                    let tce = Kernel.standardCoal(of: r, plan: plan, table: table, values: values)
                    if let tce, tce < 0 {
                        acc.count2 = 1
                    } else {
                        if let gj { acc.a.add(gj); acc.count3 = 1 }
                        if let tce { acc.b.add(tce) } else { acc.count1 = 1 }
                    }
                    let base = activityRank[Int(table.activity[r])] * nN
                    for n in chainOf[Int(table.category[r])] { scratch.merge(base + n, acc) }
                    if countsInTotal[Int(table.activity[r])] { scratch.merge(allGroup * nN, acc) }
                }
                return scratch.drain()
            }
        }
        var own = [[Int32: [RollUp.Acc]]](repeating: [:], count: regionCodes.count)
        for (bi, cells) in parts.flatMap({ $0 }).enumerated() {
            let b = buckets[bi]
            own[b / years.count][years[b % years.count]] = cells
        }
        // 2. Up the region tree.
        let (all, hasChildren) = RollUp.regions(own: own, regionCodes: regionCodes, regionIndex: regionIndex,
                                                regions: regions, slotCount: slotCount, threads: threads)
        var out: [Cell] = []
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
