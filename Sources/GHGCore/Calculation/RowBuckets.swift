/// The activity rows grouped by region and year: the bucket order the calculator checks duplicates in, lays lines
/// out in, and the inventory aggregates in (DESIGN §6). Regions are ranked by code, years ascending; inside a bucket
/// rows keep file order (a stable counting sort).
///
/// Working bucket by bucket keeps every hot table the size of one region-year (some tens of rows) instead of the
/// whole project, which is what makes duplicate detection and layout linear at national scale.
struct RowBuckets: Sendable {
    /// Row ids in bucket order.
    let rows: [Int32]
    /// Where each bucket starts in ``rows``, and the end (`bucketCount + 1` entries).
    let start: [Int32]
    /// The bucket of each region symbol's rows, before adding the year index.
    let regionBase: [Int32]
    /// The year index of each row's year: `yearIndex[year - minYear]`.
    private let yearIndex: [Int32]
    private let minYear: Int32
    /// Each bucket's region symbol and year.
    let bucketRegion: [Int32], bucketYear: [Int32]

    /// The number of buckets (regions × distinct years).
    var count: Int { start.count - 1 }

    /// The bucket of a row.
    @inline(__always) func bucket(of r: Int, _ table: ActivityTable) -> Int {
        Int(regionBase[Int(table.region[r])] + yearIndex[Int(table.year[r] - minYear)])
    }

    /// The bucket of a region symbol in a year, if the year has buckets (a year of some row or an inventory year).
    func bucket(region: Int, year: Int) -> Int? {
        let k = year - Int(minYear)
        guard k >= 0, k < yearIndex.count, yearIndex[k] >= 0 else { return nil }
        return Int(regionBase[region] + yearIndex[k])
    }

    /// The buckets of some region symbols in some years (those that exist).
    func buckets(regions: [Int], years: Set<Int>) -> [Int] {
        var out: [Int] = []
        for r in regions {
            for y in years {
                let k = y - Int(minYear)
                guard k >= 0, k < yearIndex.count, yearIndex[k] >= 0 else { continue }
                out.append(Int(regionBase[r] + yearIndex[k]))
            }
        }
        return out.sorted()
    }

    /// Buckets every row of a table; `years` (the inventory years) get buckets even without rows, for lines that
    /// count in a year no row has (a stock difference between two surveys).
    ///
    /// - Complexity: O(rows + regions log regions + year span).
    init(_ table: ActivityTable, years: [Int] = []) {
        let s = table.symbols
        let n = table.count
        let extra = years.map(Int32.init)
        let minY = min(table.year.min() ?? extra.min() ?? 0, extra.min() ?? .max)
        let maxY = max(table.year.max() ?? extra.max() ?? 0, extra.max() ?? .min)
        // Distinct years, dense over their span (the span of valid rows is small; a wild year still gets its own
        // bucket so that its row is checked like any other).
        var present = [Bool](repeating: false, count: Int(maxY - minY) + 1)
        for y in table.year { present[Int(y - minY)] = true }
        for y in extra { present[Int(y - minY)] = true }
        var yearIndex = [Int32](repeating: -1, count: present.count)
        var years: Int32 = 0
        var yearOfIndex: [Int32] = []
        for k in present.indices where present[k] {
            yearIndex[k] = years
            yearOfIndex.append(minY + Int32(k))
            years += 1
        }
        let order = s.regions.indices.sorted { s.regions[$0] < s.regions[$1] }
        var base = [Int32](repeating: 0, count: s.regions.count)
        var bucketRegion: [Int32] = [], bucketYear: [Int32] = []
        for (rank, i) in order.enumerated() {
            base[i] = Int32(rank) * years
            for y in yearOfIndex {
                bucketRegion.append(Int32(i))
                bucketYear.append(y)
            }
        }
        self.bucketRegion = bucketRegion
        self.bucketYear = bucketYear
        self.minYear = minY
        self.yearIndex = yearIndex
        self.regionBase = base
        let bucketCount = s.regions.count * Int(years)
        var counts = [Int32](repeating: 0, count: bucketCount + 1)
        var bucketOfRow = [Int32](repeating: 0, count: n)
        table.region.withUnsafeBufferPointer { region in
            table.year.withUnsafeBufferPointer { year in
                for r in 0..<n {
                    let b = base[Int(region[r])] + yearIndex[Int(year[r] - minY)]
                    bucketOfRow[r] = b
                    counts[Int(b) + 1] += 1
                }
            }
        }
        for b in 0..<bucketCount { counts[b + 1] += counts[b] }
        var fill = counts
        var rows = [Int32](repeating: 0, count: n)
        for r in 0..<n {
            let b = Int(bucketOfRow[r])
            rows[Int(fill[b])] = Int32(r)
            fill[b] += 1
        }
        self.rows = rows
        self.start = counts
    }
}
