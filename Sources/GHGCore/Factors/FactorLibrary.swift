/// The id of a factor row within a ``FactorLibrary``: its position in the library's rows, set by set in stack order.
public typealias FactorRowID = Int32

/// What a method asks the factor stack for.
public struct FactorQuery: Hashable, Sendable, CustomStringConvertible {
    /// The parameter (`ncv`, `carbon_content`, ...).
    public var parameter: FactorParameter
    /// The item.
    public var item: String
    /// The activity's category.
    public var category: CategoryCode
    /// The activity's technology, if it names one.
    public var technology: String?
    /// The unit dimension the row must have to be usable (`energy/mass` for the NCV of a fuel given in tonnes);
    /// nil accepts any. Rows of another dimension do not match.
    public var dimension: PhysicalDimension?
    /// The region the lookup starts from: the activity's region, or an override from the project.
    public var region: String
    /// The year looked up: the inventory year, or the factor year the project maps it to.
    public var year: Int

    /// Creates a query.
    public init(parameter: FactorParameter, item: String, category: CategoryCode, technology: String?, region: String,
                year: Int, dimension: PhysicalDimension? = nil) {
        self.dimension = dimension
        self.parameter = parameter
        self.item = item
        self.category = category
        self.technology = technology
        self.region = region
        self.year = year
    }

    /// `parameter 'ncv' for item 'raw_coal', category 1.A.1.a, region 510802, year 2020`.
    public var description: String {
        var s = "parameter '\(parameter)' for item '\(item)', category \(category)"
        if let t = technology { s += ", technology '\(t)'" }
        s += ", region \(region), year \(year)"
        if let d = dimension { s += ", unit of \(d)" }
        return s
    }
}

/// A factor row found for a query, with the set it came from.
public struct ResolvedFactor: Hashable, Sendable {
    /// The row's id in the library.
    public var id: FactorRowID
    /// The row.
    public var row: FactorRow
    /// The set's identity.
    public var set: FactorSetInfo
    /// The set's position in the stack (0 = first).
    public var stackIndex: Int
    /// The query that found it.
    public var query: FactorQuery
    /// How the query was changed by the project's `factor_lookup` settings, if it was ("year 2005 looked up as
    /// 2012 (ghg-project.json factor_lookup.grid_ef.years)").
    public var lookupNote: String?
    /// Rows of the project's own set that matched every key but had a unit of another dimension, so were passed
    /// over (a likely unit typo in a local factor, reported as a warning).
    public var skippedProjectRows: [FactorRow] = []

    /// The row's value in the base units of its dimension.
    public var baseValue: Double { row.baseValue }
}

/// Why a lookup found no single row.
public enum FactorLookupError: Error, Hashable, Sendable {
    /// No set in the stack has a matching row.
    case missing(FactorQuery, stack: [String])
    /// The first set with matches has two (or more) equally specific ones.
    case ambiguous(FactorQuery, set: String, rows: [InputLocation])

    /// A message naming what was looked for and where.
    public var message: String {
        switch self {
        case let .missing(q, stack):
            return "no factor for \(q) in the stack [\(stack.joined(separator: ", "))]; "
                + "expected a row in one of these sets or in the project's factors/ folder"
        case let .ambiguous(q, set, rows):
            return "ambiguous factor for \(q): set '\(set)' has equally specific rows at "
                + rows.map(\.description).joined(separator: " and ") + "; make one row more specific or remove one"
        }
    }

    /// Whether no row matched.
    public var isMissing: Bool { if case .missing = self { true } else { false } }
}

/// How a project changes one parameter's lookups: a fixed region, or inventory years mapped to factor years.
///
/// Written in `ghg-project.json` as `"factor_lookup": {"grid_ef": {"region": "CN", "years": {"2005": 2012}}}` (and
/// `"technology"`), and recorded in the lineage of every line it affects.
public struct LookupOverride: Hashable, Sendable {
    /// The region to look up instead of the activity's own region chain.
    public var region: String?
    /// Inventory year → factor year.
    public var years: [Int: Int]
    /// The technology to look up instead of the activity's (e.g. the caliber `calorific_equivalent` for
    /// `tce_coefficient`).
    public var technology: String?

    /// Creates an override.
    public init(region: String? = nil, years: [Int: Int] = [:], technology: String? = nil) {
        self.region = region
        self.years = years
        self.technology = technology
    }
}

/// The factor stack: sets in priority order, with the resolution rules of DESIGN §4, and every row numbered.
///
/// 1. Sets are tried in order (the project's own set first); the first set with a matching row wins.
/// 2. A row matches when each non-empty key column matches: category is a segment-wise prefix of the query's;
///    technology is equal; region is in the query's region chain (the region, its ancestors, then factor regions
///    they belong to by the set's membership rows); the year lies in the row's range.
/// 3. Inside a set, the most specific row wins: region and year > region > year > neither; then the nearer region;
///    then the longer category prefix; then a technology over none.
/// 4. Equally specific best rows are an error, never "last one wins".
///
/// Every row of every set has an id (``FactorRowID``): plans refer to factors by id, the kernel evaluates lines from
/// a vector of values indexed by id (``baseValues``), and audit and Monte Carlo substitute another vector.
public struct FactorLibrary: Sendable {
    /// The sets, in stack order.
    public let sets: [FactorSet]
    /// The project's regions, for ancestor chains.
    public let regions: RegionTree
    /// Per-parameter lookup overrides from the project.
    public let overrides: [FactorParameter: LookupOverride]
    /// The id of each set's first row.
    public let firstIDs: [Int]
    /// The base-unit value of every row, by id.
    public let baseValues: [Double]
    private let regional: Set<String>

    /// Creates a stack.
    public init(sets: [FactorSet], regions: RegionTree, overrides: [FactorParameter: LookupOverride] = [:],
                calibers: [String: String] = [:]) {
        self.sets = sets
        self.regions = regions
        self.overrides = overrides
        self.calibers = calibers
        projectMembership = sets.first { $0.info.isProjectSet }?.membership ?? []
        var first: [Int] = []
        var values: [Double] = []
        var regional = Set<String>()
        for s in sets {
            first.append(values.count)
            for r in s.rows {
                values.append(r.baseValue)
                if r.region != nil { regional.insert(r.parameter.rawValue + "|" + r.item) }
            }
        }
        firstIDs = first
        baseValues = values
        self.regional = regional
    }

    /// The caliber chosen per item (``ProjectConfig/calibers``).
    public let calibers: [String: String]
    /// The project set's region membership (climate zones …), applied in every set of the stack.
    let projectMembership: [RegionMembership]

    /// The technologies of the rows of a parameter and item anywhere in the stack, sorted (the calibers a project
    /// can choose from, for a caliber parameter).
    public func technologies(of parameter: FactorParameter, item: String) -> [String] {
        var out = Set<String>()
        for set in sets {
            for i in set.candidates(parameter: parameter, item: item) {
                if let t = set.rows[i].technology { out.insert(t) }
            }
        }
        return out.sorted()
    }

    /// Of `items`, those that rows of `parameter` name somewhere in the stack, in the order given; all of them when a
    /// row of the parameter names no item (it applies to every item). Lets a method that searches components (the
    /// composition of bulk waste) look up only the items that can match.
    ///
    /// - Complexity: O(sets × items).
    public func items(_ items: [String], having parameter: FactorParameter) -> [String] {
        if sets.contains(where: { !$0.candidates(parameter: parameter, item: "").isEmpty }) { return items }
        return items.filter { item in sets.contains { !$0.candidates(parameter: parameter, item: item).isEmpty } }
    }

    /// What would have matched a query that found nothing: the technologies, and the years, for which the same
    /// lookup succeeds (for a message that leads to the fix).
    public func alternatives(to query: FactorQuery) -> (technologies: [String], years: [Int]) {
        var techs: [String] = []
        for t in technologies(of: query.parameter, item: query.item) where t != query.technology {
            var q = query
            q.technology = t
            if case .success = resolve(q) { techs.append(t) }
        }
        var candidates = Set<Int>()
        for set in sets {
            for i in set.candidates(parameter: query.parameter, item: query.item) {
                let r = set.rows[i]
                if let from = r.yearFrom { candidates.insert(from) }
                if let to = r.yearTo { candidates.insert(to) }
            }
        }
        var years: [Int] = []
        for y in candidates.sorted() where y != query.year {
            var q = query
            q.year = y
            if case .success = resolve(q) { years.append(y) }
        }
        return (techs, years)
    }

    /// The factor regions the stack has the query's parameter for (its item, or any item; a category at or above the
    /// query's), when none of them applies to the query's region: what a project maps its region to in
    /// `factors/region-membership.csv` (an ecological zone, a climate class). Sorted.
    public func regionAlternatives(to query: FactorQuery) -> [String] {
        var regions = Set<String>()
        for set in sets {
            for i in set.candidates(parameter: query.parameter, item: query.item) {
                let r = set.rows[i]
                guard let region = r.region, r.category.map({ $0.isPrefix(of: query.category) }) ?? true else { continue }
                regions.insert(region)
            }
        }
        return regions.sorted()
    }

    /// The set ids in stack order.
    public var stackIDs: [String] { sets.map(\.info.id) }

    /// The number of rows.
    public var rowCount: Int { baseValues.count }

    /// The position in the stack of the set holding a row.
    public func setIndex(of id: FactorRowID) -> Int {
        var lo = 0, hi = firstIDs.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if firstIDs[mid] <= Int(id) { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The row with an id.
    public func row(_ id: FactorRowID) -> FactorRow {
        let s = setIndex(of: id)
        return sets[s].rows[Int(id) - firstIDs[s]]
    }

    /// The set holding a row.
    public func set(of id: FactorRowID) -> FactorSetInfo { sets[setIndex(of: id)].info }

    /// Whether any set has a region-specific row for the parameter and item, so that a lookup's result may depend on
    /// the region (lookups that cannot are shared between regions).
    public func isRegional(_ parameter: FactorParameter, item: String) -> Bool {
        !regional.isEmpty && (regional.contains(parameter.rawValue + "|" + item)
                              || regional.contains(parameter.rawValue + "|"))
    }

    /// Whether any row of the parameter, for any item, is region-specific.
    public func isRegionalForAnyItem(_ parameter: FactorParameter) -> Bool {
        let prefix = parameter.rawValue + "|"
        return regional.contains { $0.hasPrefix(prefix) }
    }

    /// Whether any row of any set is region-specific.
    public var hasRegionalRows: Bool { !regional.isEmpty }

    /// The query a lookup makes after the project's overrides, and the note describing them.
    public func query(_ parameter: FactorParameter, item: String, category: CategoryCode, technology: String?,
                      region: String, year: Int, dimension: PhysicalDimension? = nil) -> (FactorQuery, String?) {
        var query = FactorQuery(parameter: parameter, item: item, category: category, technology: technology,
                                region: region, year: year, dimension: dimension)
        var notes: [String] = []
        // An item's caliber decides its energy conversions, before any parameter-wide technology.
        let caliber = FactorParameter.caliberParameters.contains(parameter) ? calibers[item] : nil
        if let c = caliber {
            query.technology = c
        }
        if let o = overrides[parameter] {
            if let r = o.region {
                query.region = r
                notes.append("region \(region) looked up as \(r)")
            }
            if let t = o.technology, caliber == nil {
                query.technology = t
                notes.append("technology \(technology ?? "(none)") looked up as \(t)")
            }
            if let y = o.years[year] {
                query.year = y
                notes.append("year \(year) looked up as \(y)")
            }
        }
        var text = notes.isEmpty ? [] : [notes.joined(separator: ", ") + " (ghg-project.json factor_lookup.\(parameter))"]
        if let c = caliber { text.insert("caliber \(c) of \(item) (ghg-project.json calibers)", at: 0) }
        return (query, text.isEmpty ? nil : text.joined(separator: "; "))
    }

    /// Finds the factor for a parameter, applying the project's overrides.
    ///
    /// - Complexity: O(s · r) for s sets and r rows sharing the (parameter, item) pair in a set.
    public func resolve(_ parameter: FactorParameter, item: String, category: CategoryCode, technology: String?,
                        region: String, year: Int, dimension: PhysicalDimension? = nil)
        -> Result<ResolvedFactor, FactorLookupError>
    {
        let (q, note) = query(parameter, item: item, category: category, technology: technology, region: region,
                              year: year, dimension: dimension)
        return resolve(q, lookupNote: note)
    }

    /// Finds the factor for an exact query (no overrides applied).
    ///
    /// With `accepting`, rows it rejects are passed over as if absent (``range(for:)`` finds the first row that
    /// states a range).
    public func resolve(_ query: FactorQuery, lookupNote: String? = nil,
                        accepting: ((FactorRow) -> Bool)? = nil) -> Result<ResolvedFactor, FactorLookupError> {
        let start = regions.chain(from: query.region)
        var skipped: [FactorRow] = []
        for (i, set) in sets.enumerated() {
            let candidates = set.candidates(parameter: query.parameter, item: query.item)
            if candidates.isEmpty { continue }
            let chain = set.regionChain(start, year: query.year, also: set.info.isProjectSet ? [] : projectMembership)
            // The rows are read in place (a copy of a row would retain each of its strings).
            let best: [(Int, Int)] = set.rows.withUnsafeBufferPointer { rows in
                var best: [(Int, Int)] = []
                for index in candidates {
                    if let accepting, !accepting(rows[index]) { continue }
                    guard let score = Self.score(rows.baseAddress! + index, query, chain) else { continue }
                    if let d = query.dimension, rows[index].unit.dimension != d {
                        if set.info.isProjectSet { skipped.append(rows[index]) }
                        continue
                    }
                    if let top = best.first?.1 {
                        if score < top { continue }
                        if score == top { best.append((index, score)); continue }
                    }
                    best = [(index, score)]
                }
                return best
            }
            if best.isEmpty { continue }
            if best.count > 1 {
                return .failure(.ambiguous(query, set: set.info.id, rows: best.map { set.rows[$0.0].location }.sorted()))
            }
            let index = best[0].0
            return .success(ResolvedFactor(id: FactorRowID(firstIDs[i] + index), row: set.rows[index], set: set.info,
                                           stackIndex: i, query: query, lookupNote: lookupNote,
                                           skippedProjectRows: skipped))
        }
        return .failure(.missing(query, stack: stackIDs))
    }

    /// The most specific row of the first set in the stack that matches `query` and states `low` and `high`: the
    /// range an implied factor is held against. Nil when no set has one (or two rows tie).
    public func range(for query: FactorQuery) -> ResolvedFactor? {
        try? resolve(query, accepting: { $0.low != nil && $0.high != nil }).get()
    }

    /// The specificity of a matching row, nil when the row does not match: a region row, then a row with years,
    /// then the nearer region, the deeper category, a technology row, an item row, compared in that order. The six
    /// parts are packed into one integer (8 bits each, 16 for the region's closeness) so that the integers compare as
    /// the parts do, lexicographically.
    ///
    /// The row is read through a pointer, field by field, so that scoring does not copy it.
    static func score(_ row: UnsafePointer<FactorRow>, _ q: FactorQuery, _ chain: [String]) -> Int? {
        if let c = row.pointee.category, !c.isPrefix(of: q.category) { return nil }
        if let t = row.pointee.technology, t != q.technology { return nil }
        if !row.pointee.covers(year: q.year) { return nil }
        var regionCloseness = 0
        if let r = row.pointee.region {
            guard let pos = chain.firstIndex(of: r) else { return nil }
            regionCloseness = min(chain.count - pos, 0xFFFF)
        }
        let parts = (row.pointee.region != nil ? 1 : 0) << 48 | (row.pointee.hasYears ? 1 : 0) << 40
            | regionCloseness << 24
        return parts | min(row.pointee.category?.depth ?? 0, 0xFF) << 16
            | (row.pointee.technology != nil ? 1 : 0) << 8 | (row.pointee.item.isEmpty ? 0 : 1)
    }
}
