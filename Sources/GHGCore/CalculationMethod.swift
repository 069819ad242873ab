/// Everything a method needs besides its activity rows.
public struct CalculationContext: Sendable {
    /// The factor stack.
    public var factors: FactorLibrary
    /// The item vocabulary.
    public var items: ItemCatalog
    /// The category system.
    public var categories: CategoryTable
    /// Gases with a GWP in at least one set (what `direct_emission` may name).
    public var knownGases: Set<Gas>

    /// Creates a context.
    public init(factors: FactorLibrary, items: ItemCatalog, categories: CategoryTable, knownGases: Set<Gas>) {
        self.factors = factors
        self.items = items
        self.categories = categories
        self.knownGases = knownGases
    }
}

/// What a method returns: emission lines and the problems it found.
public struct MethodOutput: Sendable {
    /// The computed lines.
    public var lines: [EmissionLine] = []
    /// Energy accounting lines (fuels, electricity, heat).
    public var energy: [EnergyLine] = []
    /// Problems, each located at the activity row.
    public var diagnostics: [Diagnostic] = []
    /// Creates an empty output.
    public init() {}
}

/// A calculation method: turns the activity rows of one kind into emission lines (DESIGN §5).
///
/// A method sees all rows of its kind for one region across years, so that methods needing a time series (first-order
/// decay, stock difference) fit the same shape.
public protocol CalculationMethod: Sendable {
    /// The activity kind the method handles.
    var activity: ActivityKind { get }
    /// The dimensions an activity value may have, for the message when it has another.
    var acceptedDimensions: [PhysicalDimension] { get }
    /// Checks one row's category, item, unit and sign before any factor is looked up.
    func validate(_ record: ActivityRecord, context: CalculationContext) -> [Diagnostic]
    /// Computes the lines for the rows (all of one region, this kind, and with values, not notation keys).
    func calculate(_ records: [ActivityRecord], context: CalculationContext) -> MethodOutput
}

/// What a factor's unit must be for a use.
public struct UnitRequirement: Sendable {
    /// The dimension.
    public var dimension: PhysicalDimension
    /// Species the numerator may name: nil entries allowed when `allowsNone`.
    public var species: Species?
    /// Whether a unit without a species is acceptable.
    public var allowsNone: Bool
    /// What to show the user (`carbon mass per energy, e.g. tC/TJ`).
    public var example: String

    /// Creates a requirement.
    public init(_ dimension: PhysicalDimension, species: Species? = nil, allowsNone: Bool = true, example: String) {
        self.dimension = dimension
        self.species = species
        self.allowsNone = allowsNone
        self.example = example
    }

    /// Whether a unit satisfies the requirement.
    public func accepts(_ unit: MeasurementUnit) -> Bool {
        guard unit.dimension == dimension else { return false }
        if let s = unit.species { return s == species }
        return allowsNone
    }
}

/// Shared steps of the methods: checks, factor lookups with located diagnostics, and lineage.
struct MethodSupport {
    let record: ActivityRecord
    let context: CalculationContext
    var diagnostics: [Diagnostic] = []
    /// Whether a technology-specific factor row was used for the row's technology.
    var usedTechnology = false

    init(_ record: ActivityRecord, _ context: CalculationContext) {
        self.record = record
        self.context = context
    }

    /// Runs `body` once per row with a fresh support value, collecting lines and the row's diagnostics.
    static func eachRow(_ records: [ActivityRecord], _ context: CalculationContext,
                        _ body: (inout MethodSupport, inout MethodOutput) -> Void) -> MethodOutput {
        var out = MethodOutput()
        for r in records {
            var s = MethodSupport(r, context)
            body(&s, &out)
            // A technology the row names but no factor row used is a typo or a missing (often local) factor, such as
            // the vented CO2 of a sour-gas plant: the row was computed with generic factors only.
            if let t = r.technology, !s.usedTechnology, !s.diagnostics.contains(where: { $0.severity == .error }) {
                s.diagnostics.append(.warning(.missingFactor, at: r.location(of: "technology"),
                    "technology '\(t)' matched no technology-specific factor row, so only generic factors were used; "
                        + "expected a row with technology '\(t)' in the stack (a local factor, for instance)"))
            }
            out.diagnostics += s.diagnostics
        }
        return out
    }

    /// The activity value in base units (rows reaching `calculate` always have a value and a unit).
    var baseAmount: Double {
        guard case let .value(v) = record.amount, let u = record.unit else { return 0 }
        return u.toBase(v)
    }

    /// Looks a factor up; reports a missing, ambiguous or wrongly dimensioned factor at the row and returns nil.
    /// `severity` is `.warning` for factors the emissions do not depend on (standard-coal coefficients), with
    /// `consequence` saying what is then not computed.
    mutating func factor(_ parameter: String, item: String? = nil, category: CategoryCode? = nil,
                         requirement: UnitRequirement, quiet: Bool = false, severity: Severity = .error,
                         consequence: String = "") -> ResolvedFactor? {
        let result = context.factors.resolve(parameter, item: item ?? record.item,
                                             category: category ?? record.category,
                                             technology: record.technology, region: record.region, year: record.year,
                                             dimension: requirement.dimension)
        return check(result, parameter: parameter, requirement: requirement, quiet: quiet, severity: severity,
                     consequence: consequence)
    }

    /// Turns a lookup result into a factor, or a located diagnostic.
    mutating func check(_ result: Result<ResolvedFactor, FactorLookupError>, parameter: String,
                        requirement: UnitRequirement, quiet: Bool = false, severity: Severity = .error,
                        consequence: String = "") -> ResolvedFactor? {
        switch result {
        case let .success(f):
            if f.row.technology != nil { usedTechnology = true }
            for row in f.skippedProjectRows {
                diagnostics.append(.warning(.unitDimension, at: record.location(of: "item"),
                    "project factor '\(parameter)' at \(row.location) has unit '\(row.unit.symbol)' "
                        + "(\(row.unit.dimension)), which cannot apply to this row; used \(f.row.location) "
                        + "(set \(f.set.id)) instead"))
            }
            guard requirement.accepts(f.row.unit) else {
                diagnostics.append(Diagnostic(severity, .unitDimension, at: record.location(of: "item"),
                    "factor '\(parameter)' at \(f.row.location) (set \(f.set.id)) has unit '\(f.row.unit.symbol)' "
                        + "(\(f.row.unit.dimension)\(f.row.unit.species.map { ", counted as \($0)" } ?? "")); "
                        + "expected \(requirement.example)" + consequence))
                return nil
            }
            return f
        case let .failure(e):
            if case .missing = e, quiet { return nil }
            diagnostics.append(Diagnostic(severity, e.isMissing ? .missingFactor : .ambiguousFactor,
                                          at: record.location(of: "item"), e.message + consequence))
            return nil
        }
    }

    /// The activity reference for lineage.
    func activityReference() -> ActivityReference {
        guard case let .value(v) = record.amount, let u = record.unit else {
            return ActivityReference(location: record.location, value: 0, unit: "", convertedValue: 0,
                                     convertedUnit: "", source: record.source)
        }
        return ActivityReference(location: record.location, value: v, unit: u.symbol, convertedValue: u.toBase(v),
                                 convertedUnit: u.baseSymbol, source: record.source)
    }

    /// `10000 t` — a base value with its base unit, for formulas.
    static func show(_ value: Double, _ unit: String) -> String {
        unit == "1" ? DecimalFormat.string(value) : "\(DecimalFormat.string(value)) \(unit)"
    }

    /// `AD 10000 t` in base units.
    var shownAmount: String {
        "AD " + Self.show(baseAmount, record.unit?.baseSymbol ?? "")
    }

    /// A factor as `NCV 42.652 GJ/t`.
    static func show(_ label: String, _ f: ResolvedFactor) -> String {
        "\(label) " + show(f.baseValue, f.row.unit.baseSymbol)
    }

    /// Builds a line from the factors used.
    func line(gas: Gas, scope: EmissionScope, mass: Double, category: CategoryCode? = nil,
              factors: [ResolvedFactor], formula: String) -> EmissionLine {
        EmissionLine(region: record.region, year: record.year, category: category ?? record.category,
                     item: record.item, gas: gas,
                     scope: scope, massTonnes: mass, method: record.activity,
                     lineage: Lineage(activity: activityReference(), factors: factors.map(FactorReference.init),
                                      formula: formula))
    }

    /// Standard checks: category under one of `prefixes` and in the table, unit of an accepted dimension,
    /// non-negative value unless allowed, item of the expected kind.
    static func check(_ r: ActivityRecord, _ context: CalculationContext, categoryPrefixes: [String],
                      dimensions: [PhysicalDimension], itemKinds: [ItemKind]?, allowsNegative: Bool = false) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let prefixes = categoryPrefixes.compactMap(CategoryCode.init)
        if !prefixes.isEmpty && !prefixes.contains(where: { $0.isPrefix(of: r.category) }) {
            out.append(.error(.categoryMismatch, at: r.location(of: "category"),
                "category '\(r.category)' cannot be used with activity '\(r.activity)'; expected a category under "
                    + categoryPrefixes.joined(separator: " or ")))
        }
        if let kinds = itemKinds {
            if let item = context.items[r.item] {
                if !kinds.contains(item.kind) {
                    out.append(.error(.itemKind, at: r.location(of: "item"),
                        "item '\(r.item)' is a \(item.kind); activity '\(r.activity)' expects "
                            + kinds.map { "a \($0)" }.joined(separator: " or ")))
                }
            } else {
                let hint = context.items.suggestions(for: r.item)
                out.append(.error(.unknownItem, at: r.location(of: "item"),
                    "unknown item '\(r.item)'; expected an item of EmissionFactors/items.csv or the project's "
                        + "factors/items.csv" + (hint.isEmpty ? "" : " (did you mean \(hint.map { "'\($0)'" }.joined(separator: ", "))?)")))
            }
        }
        if let u = r.unit, case .value = r.amount, !dimensions.contains(u.dimension) {
            out.append(.error(.unitDimension, at: r.location(of: "unit"),
                "unit '\(u.symbol)' is \(u.dimension); activity '\(r.activity)' expects "
                    + dimensions.map(\.description).joined(separator: " or ")))
        }
        if case let .value(v) = r.amount, v < 0, !allowsNegative {
            out.append(.error(.negativeValue, at: r.location(of: "value"),
                "negative value '\(DecimalFormat.string(v))' for activity '\(r.activity)'; expected a value ≥ 0"))
        }
        return out
    }
}

extension FactorLookupError {
    var isMissing: Bool { if case .missing = self { true } else { false } }
}

/// The methods the compiler knows, by activity kind.
public enum MethodRegistry {
    /// Every method, by the activity kind it handles.
    public static let methods: [ActivityKind: any CalculationMethod] = {
        let list: [any CalculationMethod] = [
            FuelCombustion(), FuelNonEnergyUse(), CoalMining(), OilGasSystem(),
            NetImport.electricity, NetImport.heat, DirectEmission(), ReferenceApproach(),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.activity, $0) })
    }()

    /// The known activity kinds, sorted.
    public static var kinds: [ActivityKind] { methods.keys.sorted() }
}
