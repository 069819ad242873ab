/// Where an emission line counts.
public struct EmissionScope: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The scope's name as written in outputs.
    public let rawValue: String
    /// Creates a scope.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The name.
    public var description: String { rawValue }
    /// Reporting order: total, indirect, then memo items.
    public static func < (a: Self, b: Self) -> Bool {
        let order = [total.rawValue, indirect.rawValue, totalWithIndirect.rawValue, memoBiomass.rawValue,
                     memoNonEnergy.rawValue, "memo_international_bunkers", "memo_multilateral_operations",
                     referenceApproach.rawValue]
        let ia = order.firstIndex(of: a.rawValue) ?? 99, ib = order.firstIndex(of: b.rawValue) ?? 99
        return ia != ib ? ia < ib : a.rawValue < b.rawValue
    }

    /// Counted in the territorial (IPCC) total.
    public static let total = EmissionScope(rawValue: "total")
    /// Indirect CO2 from net imported electricity and heat (IND.*): outside the IPCC total, available to indicators.
    public static let indirect = EmissionScope(rawValue: "indirect")
    /// The territorial total plus indirect emissions (the China city inventory's second total, 含电力调入调出).
    public static let totalWithIndirect = EmissionScope(rawValue: "total_with_indirect")
    /// CO2 from biomass combustion: a memo item, not added to totals (IPCC 2006 Vol.2 Ch.2 §2.3.3.4).
    public static let memoBiomass = EmissionScope(rawValue: "memo_biomass")
    /// Carbon in fuels used for non-energy purposes, expressed as CO2: recorded, not emitted.
    public static let memoNonEnergy = EmissionScope(rawValue: "memo_nonenergy")
    /// A memo item named by `categories.csv` (`memo_international_bunkers`, `memo_multilateral_operations`):
    /// reported, never added to totals.
    public static func memo(_ name: String) -> EmissionScope { EmissionScope(rawValue: "memo_" + name) }
    /// CO2 from fuel combustion by the reference approach (apparent consumption; IPCC 2006 Vol.2 Ch.6): a check on the
    /// sectoral approach, never added to totals.
    public static let referenceApproach = EmissionScope(rawValue: "reference_approach")
}

/// The activity row behind an emission line.
public struct ActivityReference: Hashable, Sendable {
    /// Where the row is.
    public var location: InputLocation
    /// The value as given.
    public var value: Double
    /// The unit as given.
    public var unit: String
    /// The value in base units.
    public var convertedValue: Double
    /// The base unit.
    public var convertedUnit: String
    /// The data source the row cites.
    public var source: String

    /// Creates a reference.
    public init(location: InputLocation, value: Double, unit: String, convertedValue: Double, convertedUnit: String,
                source: String) {
        self.location = location
        self.value = value
        self.unit = unit
        self.convertedValue = convertedValue
        self.convertedUnit = convertedUnit
        self.source = source
    }
}

/// A factor row used for an emission line.
public struct FactorReference: Hashable, Sendable {
    /// The parameter.
    public var parameter: String
    /// The item.
    public var item: String
    /// The set id.
    public var set: String
    /// The set version.
    public var version: String
    /// Where the row is.
    public var location: InputLocation
    /// The value as given.
    public var value: Double
    /// The unit as given.
    public var unit: String
    /// The value in base units (what the formula uses).
    public var baseValue: Double
    /// The base unit.
    public var baseUnit: String
    /// The row's citation.
    public var source: String
    /// The row's note (UNVERIFIED markers).
    public var note: String
    /// How the project's factor_lookup changed the query, if it did.
    public var lookupNote: String?

    /// Creates a reference from a resolved factor.
    public init(_ f: ResolvedFactor) {
        parameter = f.row.parameter
        item = f.row.item
        set = f.set.id
        version = f.set.version
        location = f.row.location
        value = f.row.value
        unit = f.row.unit.symbol
        baseValue = f.baseValue
        baseUnit = f.row.unit.baseSymbol
        source = f.row.source
        note = f.row.note
        lookupNote = f.lookupNote
    }
}

/// How an emission line was computed: the activity row, every factor used, and the formula with numbers filled in.
public struct Lineage: Hashable, Sendable {
    /// The activity row.
    public var activity: ActivityReference
    /// Further activity rows the line combines (the flows of a reference-approach fuel balance), in file order.
    public var otherActivities: [ActivityReference]
    /// The factors, in the order the formula uses them.
    public var factors: [FactorReference]
    /// The formula with the numbers in it, e.g.
    /// `CO2 = AD × NCV × CC × OF × 44/12 = 10000 t × 42.652 GJ/t × 0.0202 tC/GJ × 0.98 × 44/12 = 30959.096 t`.
    public var formula: String

    /// Creates a lineage.
    public init(activity: ActivityReference, otherActivities: [ActivityReference] = [], factors: [FactorReference],
                formula: String) {
        self.activity = activity
        self.otherActivities = otherActivities
        self.factors = factors
        self.formula = formula
    }
}

/// One computed emission: a mass of one gas, for one region, year and category, with its lineage.
public struct EmissionLine: Hashable, Sendable {
    /// The region code.
    public var region: String
    /// The inventory year.
    public var year: Int
    /// The category the emission is reported under.
    public var category: CategoryCode
    /// The item (fuel, carrier, gas) of the activity row.
    public var item: String
    /// The gas.
    public var gas: Gas
    /// Whether the line counts in the total, is indirect, or is a memo item.
    public var scope: EmissionScope
    /// The emitted mass in tonnes of the gas (negative for removals and net exports).
    public var massTonnes: Double
    /// The activity kind whose method produced the line.
    public var method: ActivityKind
    /// How it was computed.
    public var lineage: Lineage

    /// Creates a line.
    public init(region: String, year: Int, category: CategoryCode, item: String, gas: Gas, scope: EmissionScope,
                massTonnes: Double, method: ActivityKind, lineage: Lineage) {
        self.region = region
        self.year = year
        self.category = category
        self.item = item
        self.gas = gas
        self.scope = scope
        self.massTonnes = massTonnes
        self.method = method
        self.lineage = lineage
    }

    /// Sorts lines by ``ordered(_:_:)``, moving indices rather than the (large) lines; a sorted input is returned as
    /// it is after one O(n) check.
    public static func sorted(_ lines: [EmissionLine]) -> [EmissionLine] {
        if zip(lines, lines.dropFirst()).allSatisfy({ !ordered($1, $0) }) { return lines }
        return lines.indices.sorted { ordered(lines[$0], lines[$1]) }.map { lines[$0] }
    }

    /// Deterministic order: region, year, category, gas, scope, then the activity row's location.
    public static func ordered(_ a: EmissionLine, _ b: EmissionLine) -> Bool {
        if a.region != b.region { return a.region < b.region }
        if a.year != b.year { return a.year < b.year }
        if a.category != b.category { return a.category < b.category }
        if a.gas != b.gas { return a.gas < b.gas }
        if a.scope != b.scope { return a.scope < b.scope }
        return a.lineage.activity.location < b.lineage.activity.location
    }
}
