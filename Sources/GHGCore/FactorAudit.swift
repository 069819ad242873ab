/// One row of a factor-set diff.
public struct FactorRowChange: Hashable, Sendable {
    /// What happened to the key.
    public enum Kind: String, Hashable, Sendable {
        /// Only in the new set.
        case added
        /// Only in the old set.
        case removed
        /// In both, with another value, unit or source.
        case changed
    }
    /// The kind of change.
    public var kind: Kind
    /// The row's key columns (`parameter|item|category|technology|region|year_from|year_to`).
    public var key: String
    /// The old row.
    public var old: FactorRow?
    /// The new row.
    public var new: FactorRow?
    /// `(new − old) / old` on base-unit values, for changed rows with a non-zero old value.
    public var relativeChange: Double?
}

/// Comparing factor sets and compilations: what changed, and which factor rows caused each change.
public enum FactorAudit {
    /// The rows added, removed and changed between two sets (or two editions of a set), by key, sorted by key.
    /// A row is changed when its value (in base units), unit dimension or species, source or note differs.
    ///
    /// - Complexity: O(n log n) in the number of rows.
    public static func diff(_ a: FactorSet, _ b: FactorSet) -> [FactorRowChange] {
        let old = Dictionary(a.rows.map { ($0.key, $0) }, uniquingKeysWith: { x, _ in x })
        let new = Dictionary(b.rows.map { ($0.key, $0) }, uniquingKeysWith: { x, _ in x })
        var out: [FactorRowChange] = []
        for key in Set(old.keys).union(new.keys).sorted() {
            switch (old[key], new[key]) {
            case let (o?, n?):
                let ov = o.unit.toBase(o.value), nv = n.unit.toBase(n.value)
                if ov != nv || o.unit.dimension != n.unit.dimension || o.unit.species != n.unit.species
                    || o.source != n.source || o.note != n.note {
                    out.append(FactorRowChange(kind: .changed, key: key, old: o, new: n,
                                               relativeChange: ov == 0 ? nil : (nv - ov) / ov))
                }
            case let (o?, nil): out.append(FactorRowChange(kind: .removed, key: key, old: o, new: nil))
            case let (nil, n?): out.append(FactorRowChange(kind: .added, key: key, old: nil, new: n))
            default: break
            }
        }
        return out
    }

    /// An emission line's identity across two compilations of the same project: its activity row, region, year,
    /// category, gas and scope.
    public struct LineKey: Hashable, Comparable, Sendable {
        /// Activity row.
        public var location: InputLocation
        /// Region.
        public var region: String
        /// Year.
        public var year: Int
        /// Category.
        public var category: CategoryCode
        /// Gas.
        public var gas: Gas
        /// Scope.
        public var scope: EmissionScope

        /// Creates the key of a line.
        public init(_ l: EmissionLine) {
            location = l.lineage.activity.location
            region = l.region
            year = l.year
            category = l.category
            gas = l.gas
            scope = l.scope
        }

        /// Orders by activity row, then category, gas and scope.
        public static func < (a: Self, b: Self) -> Bool {
            if a.location != b.location { return a.location < b.location }
            if a.category != b.category { return a.category < b.category }
            if a.gas != b.gas { return a.gas < b.gas }
            return a.scope < b.scope
        }
    }

    /// How one emission line changed between two compilations, and the factor rows that caused it.
    public struct LineChange: Hashable, Sendable {
        /// The line's identity.
        public var key: LineKey
        /// The line before (nil when it exists only after).
        public var before: EmissionLine?
        /// The line after (nil when it exists only before).
        public var after: EmissionLine?
        /// Mass change in t of the gas.
        public var massChange: Double
        /// CO2e change under the audit's GWP set.
        public var co2eChange: Double
        /// The factor rows that differ, as `parameter: old → new` descriptions, sorted: the attribution key.
        public var cause: String
    }

    /// Describes a factor reference for attribution: `grid_ef 0.5617 tCO2/MWh (china-grid@1.0.0 EmissionFactors/china-grid/grid_ef.csv:16)`.
    public static func describe(_ f: FactorReference) -> String {
        "\(f.parameter) \(DecimalFormat.string(f.value)) \(f.unit) (\(f.set)@\(f.version) \(f.location))"
    }

    /// Compares the lines of two compilations line by line and returns those whose mass changed, or that exist in
    /// one only. Each is attributed to the factor rows whose values differ between its two lineages (all of them
    /// together when several differ), so the attributions of any total add up to that total's change.
    public static func compare(before: [EmissionLine], after: [EmissionLine], gwp: (Gas) -> Double?)
        -> [LineChange]
    {
        var a: [LineKey: EmissionLine] = [:], b: [LineKey: EmissionLine] = [:]
        for l in before { a[LineKey(l)] = l }
        for l in after { b[LineKey(l)] = l }
        var out: [LineChange] = []
        for key in Set(a.keys).union(b.keys).sorted() {
            let x = a[key], y = b[key]
            let dm = (y?.massTonnes ?? 0) - (x?.massTonnes ?? 0)
            // A line counts as changed only when it moved (or appeared, or went): a factor row that was merely
            // relocated, or changed in a way that does not reach this line, is no change to it.
            if dm == 0 && x != nil && y != nil { continue }
            var causes: [String] = []
            let xf = Dictionary((x?.lineage.factors ?? []).map { ($0.parameter, $0) }, uniquingKeysWith: { p, _ in p })
            let yf = Dictionary((y?.lineage.factors ?? []).map { ($0.parameter, $0) }, uniquingKeysWith: { p, _ in p })
            for p in Set(xf.keys).union(yf.keys).sorted()
            where xf[p]?.baseValue != yf[p]?.baseValue || xf[p]?.set != yf[p]?.set {
                causes.append("\(p): " + (xf[p].map(describe) ?? "(none)") + " → " + (yf[p].map(describe) ?? "(none)"))
            }
            if x == nil { causes = ["line added: " + causes.joined(separator: "; ")] }
            if y == nil { causes = ["line removed: " + causes.joined(separator: "; ")] }
            let g = gwp(key.gas) ?? 0
            out.append(LineChange(key: key, before: x, after: y, massChange: dm, co2eChange: dm * g,
                                  cause: causes.isEmpty ? "(no factor differs)" : causes.joined(separator: "; ")))
        }
        return out
    }
}
