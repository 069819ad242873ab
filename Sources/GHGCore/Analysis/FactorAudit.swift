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
        /// Activity row (the first of a group).
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

        /// The key of a line of a calculation.
        public init(_ calc: CalculationResult, line i: Int) {
            let r = Int(calc.lines.row[i]), t = calc.template(of: i)
            location = calc.table.location(r)
            region = calc.table.regionOf(r)
            year = calc.year(ofLine: i)
            category = t.category
            gas = t.gas
            scope = t.scope
        }

        /// Orders by activity row, then category, gas and scope.
        public static func < (a: Self, b: Self) -> Bool {
            if a.location != b.location { return a.location < b.location }
            if a.year != b.year { return a.year < b.year }
            if a.category != b.category { return a.category < b.category }
            if a.gas != b.gas { return a.gas < b.gas }
            return a.scope < b.scope
        }
    }

    /// One factor slot whose row or value differs between two compilations: the cause of a change.
    public struct FactorChange: Hashable, Comparable, Sendable {
        /// The parameter.
        public var parameter: FactorParameter
        /// The row before (nil when the line had no such factor).
        public var before: FactorReference?
        /// The row after.
        public var after: FactorReference?

        /// Creates a change.
        public init(parameter: FactorParameter, before: FactorReference?, after: FactorReference?) {
            self.parameter = parameter
            self.before = before
            self.after = after
        }

        /// `grid_ef: 0.5257 tCO2/MWh (…) → 0.5617 tCO2/MWh (…)`.
        public var description: String {
            "\(parameter): " + (before?.summary ?? "(none)") + " → " + (after?.summary ?? "(none)")
        }

        /// By parameter, then description.
        public static func < (a: Self, b: Self) -> Bool {
            a.parameter != b.parameter ? a.parameter < b.parameter : a.description < b.description
        }
    }

    /// The cause of a line's change: the factor slots that differ, and whether the line appeared or went.
    public struct Cause: Hashable, Comparable, Sendable {
        /// The differing factors, by parameter.
        public var factors: [FactorChange]
        /// Whether the line exists only after / only before.
        public var added: Bool, removed: Bool

        /// The cause as text: `grid_ef: … → …; ncv: … → …`.
        public var description: String {
            let text = factors.map(\.description).joined(separator: "; ")
            if added { return "line added: " + text }
            if removed { return "line removed: " + text }
            return text.isEmpty ? "(no factor differs)" : text
        }

        /// By text.
        public static func < (a: Self, b: Self) -> Bool { a.description < b.description }
    }

    /// How one emission line changed between two compilations, and the factor rows that caused it.
    public struct LineChange: Hashable, Sendable {
        /// The line's identity.
        public var key: LineKey
        /// The line's index before (nil when it exists only after).
        public var before: Int?
        /// The line's index after.
        public var after: Int?
        /// Mass before, t.
        public var massBefore: Double?
        /// Mass after, t.
        public var massAfter: Double?
        /// Mass change in t of the gas.
        public var massChange: Double
        /// CO2e change under the audit's GWP set.
        public var co2eChange: Double
        /// The factor rows that differ: the attribution key.
        public var cause: Cause
    }

    /// Compares the lines of two calculations of the same activity table and returns those whose mass changed, or
    /// that exist in one only. Each is attributed to the factor slots whose rows or values differ (by row identity:
    /// set, file and line, and value), all of them together when several differ, so the attributions of any total
    /// add up to that total's change.
    public static func compare(before a: CalculationResult, after b: CalculationResult, gwp: (Gas) -> Double?)
        -> [LineChange]
    {
        var ia: [LineKey: Int] = [:], ib: [LineKey: Int] = [:]
        for i in 0..<a.lines.count { ia[LineKey(a, line: i)] = i }
        for i in 0..<b.lines.count { ib[LineKey(b, line: i)] = i }
        var out: [LineChange] = []
        for key in Set(ia.keys).union(ib.keys).sorted() {
            let x = ia[key], y = ib[key]
            let mx = x.map { a.lines.mass[$0] }, my = y.map { b.lines.mass[$0] }
            let dm = (my ?? 0) - (mx ?? 0)
            // A line counts as changed only when it moved (or appeared, or went): a factor row that was merely
            // relocated, or changed in a way that does not reach this line, is no change to it.
            if dm == 0 && x != nil && y != nil { continue }
            func refs(_ c: CalculationResult, _ i: Int?) -> [FactorParameter: FactorReference] {
                guard let i else { return [:] }
                let t = c.template(of: i)
                var d: [FactorParameter: FactorReference] = [:]
                for (id, note) in zip(t.factors, t.lookupNotes) {
                    let f = FactorReference(c.factors, id: id, lookupNote: note)
                    if d[f.parameter] == nil { d[f.parameter] = f }
                }
                return d
            }
            let fa = refs(a, x), fb = refs(b, y)
            var changes: [FactorChange] = []
            for p in Set(fa.keys).union(fb.keys).sorted()
            where fa[p]?.baseValue != fb[p]?.baseValue || fa[p]?.set != fb[p]?.set {
                changes.append(FactorChange(parameter: p, before: fa[p], after: fb[p]))
            }
            out.append(LineChange(key: key, before: x, after: y, massBefore: mx, massAfter: my, massChange: dm,
                                  co2eChange: dm * (gwp(key.gas) ?? 0),
                                  cause: Cause(factors: changes, added: x == nil, removed: y == nil)))
        }
        return out
    }
}
