/// Checks of double counting across methods, per region and year (DESIGN §9):
///
/// - A measured plant total (`direct_emission`) and a calculated value for the same category, region and year are an
///   error, unless a note of either row says one contains the other ("subset", "included", "其中", "包含").
/// - One animal in two `livestock_population` rows whose categories overlap (3.A and 3.A.1) is an error.
/// - Carbon used as a reductant or feedstock is a process emission (sector 2), not combustion: a region-year that
///   reports metal production (2.C.1, 2.C.2) and burns coke or coal in iron and steel or ferroalloys (1.A.2.a), or
///   that reports ammonia from a feedstock fuel (2.B.1) and burns the same fuel in chemicals (1.A.2.c), gets a warning
///   at the combustion row: the reductant or feedstock belongs in `fuel_nonenergy_use`, only the fuel for heat in 1.A.2.
enum BoundaryChecks {
    /// Words in a note that declare one row a part of another.
    static let subsetWords = ["subset", "included", "其中", "包含"]

    /// The diagnostics of a table's rows (rows already rejected are skipped), bucket by bucket, in bucket order
    /// whatever the thread count (runs of buckets are checked side by side and joined in order).
    ///
    /// - Complexity: O(rows), split over `threads` by bucket.
    static func check(_ table: ActivityTable, buckets: RowBuckets, rejected: [Bool],
                      threads: Int = 1) -> [(row: Int, diagnostic: Diagnostic)] {
        let s = table.symbols
        let direct = s.activities.firstIndex(of: .directEmission).map(Int32.init) ?? -1
        let combustion = s.activities.firstIndex(of: .fuelCombustion).map(Int32.init) ?? -1
        let metal = s.activities.firstIndex(of: .metalProduction).map(Int32.init) ?? -1
        let ammonia = s.activities.firstIndex(of: .ammoniaProduction).map(Int32.init) ?? -1
        let livestock = s.activities.firstIndex(of: .livestockPopulation).map(Int32.init) ?? -1
        let steelCombustion = CategoryCode("1.A.2.a")!, chemicalsCombustion = CategoryCode("1.A.2.c")!
        let reductants: Set<String> = ["coke", "raw_coal", "cleaned_coal", "coking_coal", "anthracite",
                                       "bituminous_coal", "petroleum_coke"]
        let runs = Parallel.ranges(buckets.count, parts: threads > 1 ? threads * 8 : 1)
        return Parallel.map(runs.count, threads: threads) { k in
            var out: [(row: Int, diagnostic: Diagnostic)] = []
            for b in runs[k] {
                let rows = (Int(buckets.start[b])..<Int(buckets.start[b + 1])).map { Int(buckets.rows[$0]) }
                    .filter { !rejected[$0] && table.notation[$0] == 0 }
                guard rows.count > 1 else { continue }
                // Measured and calculated in one category.
                let measured = direct < 0 ? [] : rows.filter { table.activity[$0] == direct }
                if !measured.isEmpty {
                    for m in measured {
                        let category = table.category[m]
                        // Rows of different facilities (two enterprises) are not one quantity twice.
                        for r in rows where r != m && table.activity[r] != direct && table.category[r] == category
                            && table.facilityOf(r) == table.facilityOf(m) {
                            let notes = table.noteOf(m) + " " + table.noteOf(r)
                            if subsetWords.contains(where: { notes.contains($0) }) { continue }
                            out.append((m, .error(.duplicateRow, at: table.location(m),
                                "a measured total (direct_emission) and a calculated value "
                                    + "(\(s.activities[Int(table.activity[r])]) at \(table.location(r))) for category "
                                    + "\(s.categories[Int(category)]), region \(table.regionOf(m)), year "
                                    + "\(table.year[m]) would be counted twice; expected one of them, or a note saying "
                                    + "one is a subset of the other (e.g. '其中' or 'subset')")))
                            break
                        }
                    }
                }
                // One animal in two rows whose categories overlap (3.A and 3.A.1): its emissions would count twice.
                let animals = livestock < 0 ? [] : rows.filter { table.activity[$0] == livestock }
                for (k, a) in animals.enumerated() {
                    for b in animals[..<k]
                    where table.item[a] == table.item[b] && table.facilityOf(a) == table.facilityOf(b) {
                        let ca = s.categories[Int(table.category[a])], cb = s.categories[Int(table.category[b])]
                        guard ca.isPrefix(of: cb) || cb.isPrefix(of: ca) else { continue }
                        out.append((a, .error(.duplicateRow, at: table.location(a, .category),
                            "'\(table.itemOf(a))' under \(ca) overlaps its row under \(cb) at \(table.location(b)) "
                                + "(region \(table.regionOf(a)), year \(table.year[a])): its emissions would be "
                                + "counted twice; expected one row under 3.A, or one under 3.A.1 and one under 3.A.2")))
                        break
                    }
                }
                // Reductants and feedstocks booked as combustion.
                let makesMetal = metal >= 0 && rows.contains { table.activity[$0] == metal
                    && (s.categories[Int(table.category[$0])].description.hasPrefix("2.C.1")
                        || s.categories[Int(table.category[$0])].description.hasPrefix("2.C.2")) }
                let feedstocks = ammonia < 0
                    ? [] : Set(rows.filter { table.activity[$0] == ammonia }.map { table.item[$0] })
                guard makesMetal || !feedstocks.isEmpty else { continue }
                for r in rows where table.activity[r] == combustion {
                    let category = s.categories[Int(table.category[r])], item = table.itemOf(r)
                    if makesMetal, steelCombustion.isPrefix(of: category), reductants.contains(item) {
                        out.append((r, .warning(.coarseCategory, at: table.location(r, .item),
                            "'\(item)' burnt in \(category) while the region reports metal production (2.C.1/2.C.2) in "
                                + "\(table.year[r]): coke and coal used as reductants are in the process factors; "
                                + "expected the reductant as fuel_nonenergy_use and only the fuel for heat here")))
                    }
                    if feedstocks.contains(table.item[r]), chemicalsCombustion.isPrefix(of: category) {
                        out.append((r, .warning(.coarseCategory, at: table.location(r, .item),
                            "'\(item)' burnt in \(category) while the region reports ammonia from '\(item)' (2.B.1) in "
                                + "\(table.year[r]): the ammonia factor covers fuel and feedstock; expected that "
                                + "quantity as fuel_nonenergy_use and only other uses here")))
                    }
                }
            }
            return out
        }.flatMap { $0 }
    }
}
