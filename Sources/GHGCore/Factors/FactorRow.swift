/// One row of a factor table: a value with its unit, the keys it applies to, and its source.
///
/// Empty key columns mean "any": see ``FactorLibrary`` for how rows are matched and ranked.
public struct FactorRow: Hashable, Sendable {
    /// What the value is: `ncv`, `carbon_content`, `oxidation`, `ef_co2`, `grid_ef`, ...
    public var parameter: FactorParameter
    /// The item the value is for.
    public var item: String
    /// The category prefix the row applies to; nil = any.
    public var category: CategoryCode?
    /// The technology or sub-type; nil = any.
    public var technology: String?
    /// The region code; nil = any.
    public var region: String?
    /// First year the row applies to (inclusive); nil = unbounded.
    public var yearFrom: Int?
    /// Last year the row applies to (inclusive); nil = unbounded.
    public var yearTo: Int?
    /// The value.
    public var value: Double
    /// The unit, as parsed.
    public var unit: MeasurementUnit
    /// Lower end of the uncertainty range, in `unit`.
    public var low: Double?
    /// Upper end of the uncertainty range, in `unit`.
    public var high: Double?
    /// Distribution of the uncertainty (`normal`, `lognormal`, ...), if given.
    public var distribution: String
    /// Citation precise enough to find the number.
    public var source: String
    /// Reviewer notes (UNVERIFIED markers live here).
    public var note: String
    /// Where the row is (file relative to the factor library or project).
    public var location: InputLocation

    /// Creates a row.
    public init(parameter: FactorParameter, item: String, category: CategoryCode?, technology: String?, region: String?,
                yearFrom: Int?, yearTo: Int?, value: Double, unit: MeasurementUnit, low: Double? = nil, high: Double? = nil,
                distribution: String = "", source: String, note: String = "", location: InputLocation) {
        self.parameter = parameter
        self.item = item
        self.category = category
        self.technology = technology
        self.region = region
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        self.value = value
        self.unit = unit
        self.low = low
        self.high = high
        self.distribution = distribution
        self.source = source
        self.note = note
        self.location = location
    }

    /// The key columns as one comparable value: two rows with the same key can never be told apart.
    public var key: String {
        [parameter.rawValue, item, category?.description ?? "", technology ?? "", region ?? "",
         yearFrom.map { "\($0)" } ?? "", yearTo.map { "\($0)" } ?? ""].joined(separator: "|")
    }

    /// Whether the row restricts years.
    public var hasYears: Bool { yearFrom != nil || yearTo != nil }

    /// Whether `year` lies in the row's range.
    public func covers(year: Int) -> Bool {
        (yearFrom.map { year >= $0 } ?? true) && (yearTo.map { year <= $0 } ?? true)
    }

    /// The value in the base units of its dimension.
    public var baseValue: Double { unit.toBase(value) }
}

/// One row of `region-membership.csv`: `member` belongs to factor region `region` in the years given.
public struct RegionMembership: Hashable, Sendable {
    /// The factor region (a grid, `CN`).
    public var region: String
    /// The member code (a GB/T 2260 province code, or another factor region).
    public var member: String
    /// First year (inclusive); nil = unbounded.
    public var yearFrom: Int?
    /// Last year (inclusive); nil = unbounded.
    public var yearTo: Int?
    /// Citation.
    public var source: String
    /// Where the row is.
    public var location: InputLocation

    /// Creates a membership row.
    public init(region: String, member: String, yearFrom: Int?, yearTo: Int?, source: String,
                location: InputLocation) {
        self.region = region
        self.member = member
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        self.source = source
        self.location = location
    }

    /// Whether `year` lies in the row's range.
    public func covers(year: Int) -> Bool {
        (yearFrom.map { year >= $0 } ?? true) && (yearTo.map { year <= $0 } ?? true)
    }
}

/// The identity of a factor set, from its `set.json`, plus the content hash computed when it was loaded.
public struct FactorSetInfo: Hashable, Sendable {
    /// Stable id (`ipcc-2006`).
    public var id: String
    /// Edition of the source (`2006`, `2011`).
    public var edition: String
    /// Version of this transcription.
    public var version: String
    /// Title.
    public var title: String
    /// Publisher of the source.
    public var publisher: String
    /// Licence or terms of reuse.
    public var license: String
    /// Notes.
    public var notes: String
    /// Where the set lives, relative to the factor library (`ipcc-2006`) or the project (`factors`).
    public var path: String
    /// SHA-256 over the set's files (sorted relative path, then bytes), hex.
    public var contentHash: String
    /// Whether this is the project's own `factors/` set.
    public var isProjectSet: Bool

    /// Creates an identity.
    public init(id: String, edition: String, version: String, title: String, publisher: String, license: String,
                notes: String, path: String, contentHash: String, isProjectSet: Bool = false) {
        self.id = id
        self.edition = edition
        self.version = version
        self.title = title
        self.publisher = publisher
        self.license = license
        self.notes = notes
        self.path = path
        self.contentHash = contentHash
        self.isProjectSet = isProjectSet
    }
}

/// A loaded factor set: its identity, rows and region membership, indexed for lookup.
public struct FactorSet: Sendable {
    /// The set's identity.
    public var info: FactorSetInfo
    /// Every row, in file order.
    public private(set) var rows: [FactorRow]
    /// Region membership rows.
    public private(set) var membership: [RegionMembership]
    /// Items the set adds to the shared vocabulary (only the project set may add items).
    public var items: [Item]
    private var index: [String: [Int]] = [:]

    /// Creates a set and indexes its rows by (parameter, item).
    ///
    /// Rows with identical keys are reported as errors (the later row is dropped from lookups), so a set never holds
    /// two rows a lookup could not tell apart.
    public init(info: FactorSetInfo, rows: [FactorRow], membership: [RegionMembership] = [], items: [Item] = [],
                diagnostics: inout DiagnosticLog) {
        self.info = info
        self.membership = membership
        self.items = items
        var kept: [FactorRow] = []
        var seen: [String: InputLocation] = [:]
        for row in rows {
            if let first = seen[row.key] {
                diagnostics.report(.error(.duplicateRow, at: row.location,
                    "factor row repeats the key of \(first) (parameter '\(row.parameter)', item '\(row.item)')"))
                continue
            }
            seen[row.key] = row.location
            index[Self.indexKey(row.parameter, row.item), default: []].append(kept.count)
            kept.append(row)
        }
        self.rows = kept
    }

    static func indexKey(_ parameter: FactorParameter, _ item: String) -> String { parameter.rawValue + "\u{1F}" + item }

    /// The indices (into ``rows``) of the rows for a parameter and item: the item's own rows, then the rows for any
    /// item (an empty `item`), which are less specific.
    public func candidates(parameter: FactorParameter, item: String) -> [Int] {
        let own = index[Self.indexKey(parameter, item)] ?? []
        guard !item.isEmpty, let any = index[Self.indexKey(parameter, "")] else { return own }
        return own + any
    }

    /// The region chain for lookups in this set: the start codes (nearest first) followed by the factor regions they
    /// belong to in `year` through this set's membership rows, and `extra` rows (the project's own membership, which
    /// applies to every set: a county's climate is a property of the territory, not of an edition), breadth first.
    public func regionChain(_ start: [String], year: Int, also extra: [RegionMembership] = []) -> [String] {
        var chain = start
        var i = 0
        while i < chain.count {
            let code = chain[i]
            for m in membership where m.member == code && m.covers(year: year) && !chain.contains(m.region) {
                chain.append(m.region)
            }
            for m in extra where m.member == code && m.covers(year: year) && !chain.contains(m.region) {
                chain.append(m.region)
            }
            i += 1
        }
        return chain
    }
}
