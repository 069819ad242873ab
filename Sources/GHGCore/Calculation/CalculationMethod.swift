/// A calculation method: data saying what it accepts (``MethodSpec``), its equations (``Formula``), and a plan that
/// says, per row signature, which formula and which factor rows make each line (DESIGN §6).
///
/// The kernel, not the method, evaluates the lines: a method never computes a mass. See the article "Adding a method".
public protocol CalculationMethod: Sendable {
    /// What the method accepts.
    var spec: MethodSpec { get }
    /// Every equation the method may use.
    var formulas: [Formula] { get }
    /// Checks of a signature beyond the spec (the gas of `direct_emission`, the flow of `fuel_supply`); nothing by
    /// default.
    func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic]
    /// Plans the lines of every row with one signature. Row-wise methods implement this; group methods plan in
    /// ``GroupMethod/planGroup(_:_:)`` instead.
    func plan(_ p: inout RowPlanner)
    /// How the `implied_factor` check forms the implied factor of the method's lines of one template (emissions ÷
    /// activity or ÷ energy) and which parameters' ranges it is held against; nil (the default): not checked.
    func impliedFactor(_ template: LineTemplate) -> ImpliedFactor?
}

/// How a method's lines make an implied emission factor for the `implied_factor` check (IPCC 2006 Vol.1 Ch.6 QC;
/// methodology.md §5.4 item 9): the mass of a template's lines divided by their basis, held against the range of the
/// first of `parameters` that a factor row of the stack states (`low` and `high`) for the line's item.
public struct ImpliedFactor: Hashable, Sendable {
    /// What the mass is divided by.
    public enum Basis: Hashable, Sendable {
        /// The row's activity value in base units.
        case activity
        /// The row's energy (activity × NCV, or the activity when given in energy), as energy accounting finds it.
        case energy
    }
    /// The basis.
    public var basis: Basis
    /// The parameters whose stated ranges bound the implied factor, first match wins (`ief_co2`, then `ef_co2`).
    public var parameters: [FactorParameter]

    /// Creates a declaration.
    public init(basis: Basis, parameters: [FactorParameter]) {
        self.basis = basis
        self.parameters = parameters
    }
}

extension CalculationMethod {
    /// No extra checks.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] { [] }
    /// Not checked for implied factors.
    public func impliedFactor(_ template: LineTemplate) -> ImpliedFactor? { nil }
    /// The activity kind.
    public var activity: ActivityKind { spec.activity }
    /// Looks up one of the method's formulas by name.
    public func formula(_ name: String) -> Formula {
        guard let f = formulas.first(where: { $0.name == name }) else { preconditionFailure("no formula \(name)") }
        return f
    }
}

/// A method whose lines combine several rows of one region (a fuel balance; later, disposal and survey series).
public protocol GroupMethod: CalculationMethod {
    /// The key rows of a region are grouped by (the year and item of a fuel balance).
    func groupKey(_ row: Int, _ table: ActivityTable) -> String
    /// Plans the lines of one group (rows in row order).
    func planGroup(_ rows: [Int], _ p: inout GroupPlanner)
}

extension GroupMethod {
    /// Group methods plan whole groups.
    public func plan(_ p: inout RowPlanner) {}
}

/// The columns that decide a row's plan: rows with equal signatures share it.
public struct RowSignature: Hashable, Sendable {
    /// Interned ids (see ``ActivityTable``); `region` is -1 when no lookup of the method depends on the region.
    public var activity: Int32, item: Int32, category: Int32, technology: Int32, unit: Int32, year: Int32, region: Int32
    /// Creates a signature.
    public init(activity: Int32, item: Int32, category: Int32, technology: Int32, unit: Int32, year: Int32,
                region: Int32) {
        self.activity = activity
        self.item = item
        self.category = category
        self.technology = technology
        self.unit = unit
        self.year = year
        self.region = region
    }
}

/// The values of a signature's columns.
public struct SignatureValues: Sendable {
    /// The item.
    public var item: String
    /// The category.
    public var category: CategoryCode
    /// The technology, if any.
    public var technology: String?
    /// The unit (nil for a notation-key row without one).
    public var unit: MeasurementUnit?
    /// The year.
    public var year: Int
}

/// What planning reads: the factor stack, the vocabularies, and the formula ids.
public struct PlanningContext: Sendable {
    /// The factor stack.
    public var factors: FactorLibrary
    /// The item vocabulary.
    public var items: ItemCatalog
    /// The category system.
    public var categories: CategoryTable
    /// Gases with a GWP in at least one set (what `direct_emission` may name).
    public var knownGases: Set<Gas>
    /// The project's inventory years, ascending (the calculator sets them): the years a series method makes lines
    /// for.
    public var inventoryYears: [Int]
    /// How `solid_waste_disposal` estimates landfill CH4 (ghg-project.json `landfill_method`).
    public var landfillMethod: LandfillMethod = .firstOrderDecay

    /// Creates a context.
    public init(factors: FactorLibrary, items: ItemCatalog, categories: CategoryTable, knownGases: Set<Gas>,
                inventoryYears: [Int] = []) {
        self.factors = factors
        self.items = items
        self.categories = categories
        self.knownGases = knownGases
        self.inventoryYears = inventoryYears
    }
}

/// Memoised factor lookups of one planning run: one resolution per distinct query.
final class FactorLookupCache: @unchecked Sendable {
    var results: [FactorQuery: Result<ResolvedFactor, FactorLookupError>] = [:]
    func resolve(_ library: FactorLibrary, _ q: FactorQuery, note: String?)
        -> Result<ResolvedFactor, FactorLookupError>
    {
        if let r = results[q] { return r.map { var f = $0; f.lookupNote = note; return f } }
        let r = library.resolve(q, lookupNote: note)
        results[q] = r
        return r
    }
}

/// Shared steps of planning: factor lookups with diagnostics, lines, energy accounting.
public struct PlanningSupport {
    /// The context.
    public let context: PlanningContext
    let cache: FactorLookupCache
    /// The diagnostics so far.
    public internal(set) var diagnostics: [PlannedDiagnostic] = []
    /// Whether a technology-specific factor row was used for the row's technology.
    var usedTechnology = false
    /// The parts of a compound technology (`natural_gt20y+agb_gt125`) that some lookup used.
    var usedParts: Set<String> = []
    let item: String, category: CategoryCode, technology: String?, region: String, year: Int

    /// The parts of a compound technology: a row whose factors are keyed by two classes (the age class of its growth,
    /// the biomass class of its root-to-shoot ratio) names both, joined by `+`; each lookup takes the part that its
    /// parameter has rows for.
    static func parts(_ technology: String) -> [String] {
        technology.split(separator: "+").map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
            .filter { !$0.isEmpty }
    }

    /// Looks a factor up (for the row's technology, or `technology` when given); reports a missing, ambiguous or
    /// wrongly dimensioned factor at the row's item and returns nil. `severity` is `.warning` for factors the emissions do not depend on (standard-coal coefficients), with
    /// `consequence` saying what is then not computed; `quiet` suppresses the report of a missing factor (the
    /// method reports the alternatives it tried itself).
    public mutating func factor(_ parameter: FactorParameter, item: String? = nil, category: CategoryCode? = nil,
                                requirement: UnitRequirement, quiet: Bool = false, severity: Severity = .error,
                                consequence: String = "", technology lookupTechnology: String? = nil) -> ResolvedFactor? {
        var rowTechnology = lookupTechnology ?? technology
        if lookupTechnology == nil, let t = technology, t.contains("+") {
            let have = Set(context.factors.technologies(of: parameter, item: item ?? self.item))
            let matching = Self.parts(t).filter(have.contains)
            if matching.count > 1 {
                diagnostics.append(PlannedDiagnostic(severity, .ambiguousFactor, .technology,
                    "technology '\(t)' names " + matching.map { "'\($0)'" }.joined(separator: " and ")
                        + ", each a technology of factor '\(parameter)'; expected one of them per row"))
                return nil
            }
            rowTechnology = matching.first
        }
        let (q, note) = context.factors.query(parameter, item: item ?? self.item, category: category ?? self.category,
                                              technology: rowTechnology, region: region, year: year,
                                              dimension: requirement.dimension)
        switch cache.resolve(context.factors, q, note: note) {
        case let .success(f):
            if let t = f.row.technology, lookupTechnology == nil {
                usedTechnology = true
                usedParts.insert(t)
            }
            for row in f.skippedProjectRows {
                diagnostics.append(PlannedDiagnostic(.warning, .unitDimension, .item,
                    "project factor '\(parameter)' at \(row.location) has unit '\(row.unit.symbol)' "
                        + "(\(row.unit.dimension)), which cannot apply to this row; used \(f.row.location) "
                        + "(set \(f.set.id)) instead"))
            }
            guard requirement.accepts(f.row.unit) else {
                diagnostics.append(PlannedDiagnostic(severity, .unitDimension, .item,
                    "factor '\(parameter)' at \(f.row.location) (set \(f.set.id)) has unit '\(f.row.unit.symbol)' "
                        + "(\(f.row.unit.dimension)\(f.row.unit.species.map { ", counted as \($0)" } ?? "")); "
                        + "expected \(requirement.example)" + consequence))
                return nil
            }
            // A technology the project asked for (a caliber, or factor_lookup's) that the stack has, but not for this
            // year or region: the row without technology was used, and the user is told.
            if f.row.technology == nil, let t = q.technology, t != rowTechnology, lookupTechnology == nil,
               context.factors.technologies(of: parameter, item: q.item).contains(t) {
                diagnostics.append(PlannedDiagnostic(.warning, .caliber, .item,
                    "factor '\(parameter)' with technology '\(t)' (\(note ?? "ghg-project.json")) has no row for "
                        + "year \(q.year) and region \(q.region); used the row without technology at "
                        + "\(f.row.location) (set \(f.set.id)); expected a '\(t)' row for that year, e.g. in the "
                        + "project's factors/ folder"))
            }
            // A factor year far from the inventory year (a 2005 inventory on a 2012 grid factor).
            if let gap = Self.yearGap(f.row, year), gap > 3 {
                diagnostics.append(PlannedDiagnostic(.warning, .factorYear, .year,
                    "factor '\(parameter)' at \(f.row.location) (set \(f.set.id)) is for "
                        + (f.row.yearFrom == f.row.yearTo ? "\(f.row.yearFrom!)" : "\(f.row.yearFrom.map(String.init) ?? "")–\(f.row.yearTo.map(String.init) ?? "")")
                        + ", \(gap) years from the inventory year \(year)"
                        + (q.year != year ? " (looked up as \(q.year) by ghg-project.json factor_lookup.\(parameter))" : "")
                        + "; expected a factor within 3 years: put a sourced \(year) row in the project's factors/ "
                        + "folder (README, Base-year factors)"))
            }
            return f
        case let .failure(e):
            if e.isMissing, quiet { return nil }
            // An item whose energy conversions come in calibers the project has not chosen between.
            if e.isMissing, FactorParameter.caliberParameters.contains(parameter), context.factors.calibers[q.item] == nil {
                let calibers = context.factors.technologies(of: parameter, item: q.item)
                if !calibers.isEmpty {
                    diagnostics.append(PlannedDiagnostic(severity, .caliber, .item,
                        "'\(q.item)' has no '\(parameter)' without a caliber; the stack has "
                            + calibers.map { "'\($0)'" }.joined(separator: " and ")
                            + ": choose the one of the energy balance the project reports against in ghg-project.json, "
                            + "e.g. \"calibers\": {\"\(q.item)\": \"\(calibers.last!)\"}" + consequence))
                    return nil
                }
            }
            // What the stack does have for the item: the technologies to choose from.
            var hint = "", field = ActivityField.item
            if e.isMissing {
                let (techs, years) = context.factors.alternatives(to: q)
                if !techs.isEmpty {
                    hint = "; the stack has it for technology " + techs.map { "'\($0)'" }.joined(separator: ", ")
                        + (lookupTechnology == nil ? ": name one in the row's 'technology' column"
                            : ": expected a '\(lookupTechnology!)' row in the project's factors/ folder")
                    if lookupTechnology == nil { field = .technology }
                } else if years.isEmpty, case let regions = context.factors.regionAlternatives(to: q), !regions.isEmpty,
                          case let tree = context.factors.regions, tree.contains(q.region),
                          !tree.chain(from: q.region).contains(where: { tree[$0]?.level == .province }) {
                    // A county whose parent chain stops before a province reaches no provincial or grid factor.
                    let chain = tree.chain(from: q.region)
                    hint = "; region \(q.region) has no province in its parent chain in regions.csv ("
                        + chain.joined(separator: " → ") + "), so no provincial or grid-region factor can apply; "
                        + "expected its parent chain to reach a province (the 'parent' column), or a mapping in the "
                        + "project's factors/region-membership.csv"
                } else if years.isEmpty, case let regions = context.factors.regionAlternatives(to: q), !regions.isEmpty {
                    hint = "; the stack has it for factor region" + (regions.count == 1 ? " " : "s ")
                        + regions.prefix(8).map { "'\($0)'" }.joined(separator: ", ") + (regions.count > 8 ? ", …" : "")
                        + ": map region \(q.region) (or an ancestor) to one in the project's "
                        + "factors/region-membership.csv, e.g. \(regions[0]),\(q.region),,,<source>,"
                } else if !years.isEmpty {
                    hint = "; the stack has it for " + (years.count == 1 ? "year " : "years ")
                        + years.map(String.init).joined(separator: ", ") + ": map the year in ghg-project.json, e.g. "
                        + "\"factor_lookup\": {\"\(parameter)\": {\"years\": {\"\(year)\": \(years.min { abs($0 - year) < abs($1 - year) }!)}}}"
                }
            }
            diagnostics.append(PlannedDiagnostic(severity, e.isMissing ? .missingFactor : .ambiguousFactor,
                                                 field, e.message + hint + consequence))
            return nil
        }
    }

    /// How many years a year-bound row lies from a year (0 when it covers it; nil for rows without years).
    static func yearGap(_ row: FactorRow, _ year: Int) -> Int? {
        guard row.hasYears else { return nil }
        if let from = row.yearFrom, year < from { return from - year }
        if let to = row.yearTo, year > to { return year - to }
        return 0
    }

    /// Reports an error at a field.
    public mutating func error(_ code: DiagnosticCode, _ field: ActivityField?, _ message: String) {
        diagnostics.append(PlannedDiagnostic(.error, code, field, message))
    }

    /// Reports a warning at a field.
    public mutating func warning(_ code: DiagnosticCode, _ field: ActivityField?, _ message: String) {
        diagnostics.append(PlannedDiagnostic(.warning, code, field, message))
    }

    /// The query that a missing lookup would have made, for messages naming alternatives.
    public func query(_ parameter: FactorParameter, dimension: PhysicalDimension? = nil) -> FactorQuery {
        context.factors.query(parameter, item: item, category: category, technology: technology, region: region,
                              year: year, dimension: dimension).0
    }

    /// Makes a line template; a line under a memo category (international bunkers) counts in that memo scope.
    func template(_ formula: Formula, gas: Gas, scope: EmissionScope, category: CategoryCode?,
                  factors: [ResolvedFactor], method: ActivityKind) -> LineTemplate {
        precondition(factors.count == formula.slotCount, "formula \(formula.name) takes \(formula.slotCount) factors")
        let cat = category ?? self.category
        var scope = scope
        if scope == .total, let memo = context.categories.memo(of: cat) { scope = .memo(memo) }
        return LineTemplate(formula: MethodRegistry.formulaID(formula), factors: factors.map(\.id),
                            lookupNotes: factors.map(\.lookupNote), category: cat, gas: gas, scope: scope,
                            method: method)
    }
}

/// Plans the lines of one row signature (``CalculationMethod/plan(_:)``).
public struct RowPlanner {
    /// The signature.
    public let signature: RowSignature
    /// Lookups, diagnostics and templates.
    public var support: PlanningSupport
    /// The rows' activity kind.
    public let activity: ActivityKind
    /// The rows' item.
    public var item: String { support.item }
    /// The rows' category.
    public var category: CategoryCode { support.category }
    /// The rows' technology, if any (nil when it is a direction).
    public var technology: String? { support.technology }
    /// The rows' technology when it is one of the spec's ``MethodSpec/directions`` (`import`, `export`).
    public internal(set) var direction: String?
    /// The rows' unit.
    public let unit: MeasurementUnit
    /// The rows' year.
    public var year: Int { support.year }
    /// The context.
    public var context: PlanningContext { support.context }
    var lines: [LineTemplate] = []
    var energy: EnergyPlan?

    init(signature: RowSignature, support: PlanningSupport, activity: ActivityKind, unit: MeasurementUnit) {
        self.signature = signature
        self.support = support
        self.activity = activity
        self.unit = unit
    }

    /// Looks a factor up (see
    /// ``PlanningSupport/factor(_:item:category:requirement:quiet:severity:consequence:technology:)``); `technology`
    /// looks up another technology than the row's (a manure system of the animal).
    public mutating func factor(_ parameter: FactorParameter, item: String? = nil, category: CategoryCode? = nil,
                                requirement: UnitRequirement, quiet: Bool = false, severity: Severity = .error,
                                consequence: String = "", technology: String? = nil) -> ResolvedFactor? {
        support.factor(parameter, item: item, category: category, requirement: requirement, quiet: quiet,
                       severity: severity, consequence: consequence, technology: technology)
    }

    /// Adds a line: `formula` over `factors` (one per slot), landing in `category` (default the row's) with `gas`
    /// in `scope`.
    public mutating func line(_ formula: Formula, gas: Gas, scope: EmissionScope = .total,
                              category: CategoryCode? = nil, factors: [ResolvedFactor]) {
        lines.append(support.template(formula, gas: gas, scope: scope, category: category, factors: factors,
                                      method: activity))
    }

    /// Records the rows' energy content.
    public mutating func energy(_ e: EnergyPlan) { energy = e }

    /// The energy accounting of a row in physical units: GJ as given (`energy`) and tce from the row itself (when
    /// given in standard coal) or from the `tce_coefficient` factor (a missing coefficient is a warning, since no
    /// emission depends on it).
    public mutating func energyAccounting(_ energy: EnergyPlan.Energy) {
        var tce = EnergyPlan.StandardCoal.none
        if unit.dimension == .standardCoal {
            tce = .activity
        } else if let c = factor(.tceCoefficient, requirement: UnitRequirement(.standardCoal / unit.dimension,
                                     example: "standard coal per \(unit.dimension), e.g. kgce/kg"),
                                 severity: .warning, consequence: "; tce not computed for energy.csv") {
            tce = .coefficient(c.id, note: c.lookupNote)
        }
        self.energy = EnergyPlan(energy: energy, tce: tce)
    }

    /// The energy content of a fuel row: the NCV that turns its amount into energy (`[ncv]`), or `[]` when the row
    /// is given in energy; the row's energy accounting is recorded either way. Nil when the NCV is missing (which
    /// is reported).
    public mutating func fuelEnergy() -> [ResolvedFactor]? {
        let dimension = unit.dimension
        var energy: [ResolvedFactor] = []
        if dimension != .energy {
            guard let ncv = factor(.ncv, requirement: UnitRequirement(.energy / dimension,
                      example: "energy per \(dimension), e.g. " + (dimension == .volume ? "kJ/m3" : "GJ/t")))
            else { return nil }
            energy = [ncv]
        }
        energyAccounting(energy.first.map { .ncv($0.id) } ?? .activity)
        return energy
    }

    /// Reports an error at a field.
    public mutating func error(_ code: DiagnosticCode, _ field: ActivityField?, _ message: String) {
        support.error(code, field, message)
    }

    /// Reports a warning at a field.
    public mutating func warning(_ code: DiagnosticCode, _ field: ActivityField?, _ message: String) {
        support.warning(code, field, message)
    }
}

/// Plans the lines of one group of rows (``GroupMethod/planGroup(_:_:)``).
public struct GroupPlanner {
    /// The table.
    public let table: ActivityTable
    /// Lookups, diagnostics and templates, for the group's first row.
    public var support: PlanningSupport
    /// The rows' activity kind.
    public let activity: ActivityKind
    var lines: [(template: LineTemplate, inputs: [GroupLine.Input], year: Int32?, primaryRow: Int32?)] = []
    var rowDiagnostics: [(Int, PlannedDiagnostic)] = []

    init(table: ActivityTable, support: PlanningSupport, activity: ActivityKind) {
        self.table = table
        self.support = support
        self.activity = activity
    }

    /// The project's inventory years, ascending.
    public var inventoryYears: [Int] { support.context.inventoryYears }

    /// Looks a factor up for the group.
    public mutating func factor(_ parameter: FactorParameter, item: String? = nil, category: CategoryCode? = nil,
                                requirement: UnitRequirement, quiet: Bool = false) -> ResolvedFactor? {
        support.factor(parameter, item: item, category: category, requirement: requirement, quiet: quiet)
    }

    /// Looks a factor up for one row of the group, with that row's technology and year (a survey's growing-stock
    /// class), for the row's item or `item`; a problem is reported at that row.
    public mutating func factor(_ parameter: FactorParameter, row: Int, item: String? = nil,
                                requirement: UnitRequirement, quiet: Bool = false) -> ResolvedFactor? {
        var s = PlanningSupport(context: support.context, cache: support.cache, item: item ?? table.itemOf(row),
                                category: table.categoryOf(row), technology: table.technologyOf(row),
                                region: table.regionOf(row), year: Int(table.year[row]))
        let f = s.factor(parameter, requirement: requirement, quiet: quiet)
        for d in s.diagnostics { rowDiagnostics.append((row, d)) }
        return f
    }

    /// Adds a line over several inputs, counting in `year` (default: the first row's) and located at `primaryRow`
    /// (default: the first row).
    public mutating func line(_ formula: Formula, gas: Gas, scope: EmissionScope, category: CategoryCode? = nil,
                              factors: [ResolvedFactor], inputs: [GroupLine.Input], year: Int? = nil,
                              primaryRow: Int? = nil) {
        lines.append((support.template(formula, gas: gas, scope: scope, category: category, factors: factors,
                                       method: activity), inputs, year.map(Int32.init), primaryRow.map(Int32.init)))
    }

    /// Reports an error at a field of one row of the group.
    public mutating func error(row: Int, _ code: DiagnosticCode, _ field: ActivityField?, _ message: String) {
        rowDiagnostics.append((row, PlannedDiagnostic(.error, code, field, message)))
    }

    /// Reports a warning at a field of one row of the group.
    public mutating func warning(row: Int, _ code: DiagnosticCode, _ field: ActivityField?, _ message: String) {
        rowDiagnostics.append((row, PlannedDiagnostic(.warning, code, field, message)))
    }
}

/// The methods by activity kind, and every formula they use.
public enum MethodRegistry {
    /// Every method.
    public static let all: [any CalculationMethod] = [
        FuelCombustion(), FuelNonEnergyUse(), CoalMining(), OilGasSystem(), NetImport.electricity, NetImport.heat,
        DirectEmission(), ReferenceApproach(),
        // IPPU.
        ClinkerProduction(), CementProduction(), ClinkerTrade(), LimeProduction(), GlassProduction(), CarbonateUse(),
        AmmoniaProduction(), CO2Recovery(), NitricAcidProduction(), AdipicAcidProduction(), CarbideProduction(),
        HCFC22Production(), MetalProduction(), SF6Equipment(),
        // Agriculture.
        LivestockPopulation(), RiceCultivation(), NitrogenInput(), CropResidue(), CarbonApplication.urea,
        CarbonApplication.lime,
        // LULUCF.
        ForestStock(), ForestGrowth(), ForestArea(), WoodRemovals(), LandConversion(), CoastalWetland(),
        // Waste.
        SolidWasteDisposal(), MethaneRecovery(), BiologicalTreatment(), WasteCombustion.incineration,
        WasteCombustion.openBurning, DomesticWastewater(), IndustrialWastewater(), SludgeRemoval(),
    ]

    /// The methods by kind.
    public static let methods: [ActivityKind: any CalculationMethod] = {
        var m: [ActivityKind: any CalculationMethod] = [:]
        for method in all {
            precondition(m[method.activity] == nil, "two methods for \(method.activity)")
            m[method.activity] = method
        }
        return m
    }()

    /// The activity kinds, sorted.
    public static var kinds: [ActivityKind] { methods.keys.sorted() }

    /// Every formula of every method; a formula's id is its index.
    public static let formulas: [Formula] = {
        var out: [Formula] = []
        var names = Set<String>()
        for method in all {
            for f in method.formulas where !names.contains(f.name) {
                names.insert(f.name)
                out.append(f)
            }
        }
        return out
    }()

    private static let formulaIndex: [String: FormulaID] = {
        var d: [String: FormulaID] = [:]
        for (i, f) in formulas.enumerated() { d[f.name] = FormulaID(i) }
        return d
    }()

    /// The id of a formula (it must belong to a registered method).
    public static func formulaID(_ f: Formula) -> FormulaID {
        guard let id = formulaIndex[f.name] else { preconditionFailure("formula \(f.name) is not registered") }
        return id
    }
}
