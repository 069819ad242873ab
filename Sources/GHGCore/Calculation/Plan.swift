/// The id of a formula: its position in ``MethodRegistry/formulas``.
public typealias FormulaID = Int32

/// How one line of a plan is made: which formula, which factor rows (by id), and where the line lands.
///
/// Rows that share a signature (activity kind, item, category, technology, unit, year and, where factors differ by
/// region, region) share their line templates, so a plan for 3.6 million rows holds a few thousand templates.
public struct LineTemplate: Hashable, Sendable {
    /// The formula.
    public var formula: FormulaID
    /// The factor rows, by formula slot.
    public var factors: [FactorRowID]
    /// How the project's `factor_lookup` changed each slot's lookup, if it did.
    public var lookupNotes: [String?]
    /// The category the line lands in (a leaf of the reporting tree).
    public var category: CategoryCode
    /// The gas.
    public var gas: Gas
    /// Where the line counts.
    public var scope: EmissionScope
    /// The activity kind whose method planned the line.
    public var method: ActivityKind

    /// Creates a template.
    public init(formula: FormulaID, factors: [FactorRowID], lookupNotes: [String?], category: CategoryCode, gas: Gas,
                scope: EmissionScope, method: ActivityKind) {
        self.formula = formula
        self.factors = factors
        self.lookupNotes = lookupNotes
        self.category = category
        self.gas = gas
        self.scope = scope
        self.method = method
    }
}

/// A row's energy content, for energy accounting (energy intensity, non-fossil share): GJ from the NCV (or the
/// value itself when given in energy units) and standard coal from the `tce_coefficient` factor (or the value itself
/// when given in standard coal). Standard coal is never derived from joules implicitly.
public struct EnergyPlan: Hashable, Sendable {
    /// How the energy in GJ is found.
    public enum Energy: Hashable, Sendable {
        /// Not thermal energy (electricity), or not known.
        case none
        /// The activity value is energy.
        case activity
        /// Activity × NCV.
        case ncv(FactorRowID)
    }
    /// How standard coal is found.
    public enum StandardCoal: Hashable, Sendable {
        /// No coefficient (a warning was given).
        case none
        /// The activity value is standard coal.
        case activity
        /// Activity × coefficient.
        case coefficient(FactorRowID, note: String?)
    }
    /// Energy in GJ.
    public var energy: Energy
    /// Standard coal in tce.
    public var tce: StandardCoal
    /// Creates a plan.
    public init(energy: Energy, tce: StandardCoal) {
        self.energy = energy
        self.tce = tce
    }
}

/// A problem found while planning a signature, reported at every row that has the signature.
public struct PlannedDiagnostic: Hashable, Sendable {
    /// Error or warning.
    public var severity: Severity
    /// The code.
    public var code: DiagnosticCode
    /// The field the message points at (nil: the row).
    public var field: ActivityField?
    /// The message.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ code: DiagnosticCode, _ field: ActivityField?, _ message: String) {
        self.severity = severity
        self.code = code
        self.field = field
        self.message = message
    }

    /// The diagnostic located at a row of a table.
    public func at(_ row: Int, in table: ActivityTable) -> Diagnostic {
        Diagnostic(severity, code, at: field.map { table.location(row, $0) } ?? table.location(row), message)
    }
}

/// What a row's signature plans: its lines, its energy accounting and its problems.
public struct RowPlan: Hashable, Sendable {
    /// Line templates, in the order the method made them.
    public var lines: [Int32]
    /// Energy accounting, for fuels, electricity and heat.
    public var energy: EnergyPlan?
    /// Problems, reported at every row of the signature.
    public var diagnostics: [PlannedDiagnostic]
    /// Whether an error stops the rows (they are rejected; lines planned before the error are kept so the error list
    /// is complete, but no inventory is written).
    public var failed: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A line that combines several activity rows (a fuel balance's flows, two forest surveys; later, a disposal series).
public struct GroupLine: Hashable, Sendable {
    /// The line template.
    public var template: Int32
    /// The row that locates the line (the first of a fuel balance, the later survey of a stock difference).
    public var primaryRow: Int32
    /// The inventory year the line counts in: the rows' year for a fuel balance; for a stock difference, each
    /// inventory year between the two surveys (whose own years need not be inventory years).
    public var year: Int32
    /// The inputs, with their role in the formula and their weight, in order.
    public var inputs: [Input]

    /// Creates a group line.
    public init(template: Int32, primaryRow: Int32, year: Int32, inputs: [Input]) {
        self.template = template
        self.primaryRow = primaryRow
        self.year = year
        self.inputs = inputs
    }

    /// One input: an activity row's value, or a number of the line itself (a survey year).
    public struct Input: Hashable, Sendable {
        /// The row, or -1 for a number of the line (``constant``).
        public var row: Int32
        /// The role (``Expr/inputs(role:symbol:)``).
        public var role: Int
        /// The weight its value carries (+1 imports, −1 exports).
        public var weight: Double
        /// The label shown in the formula text (the flow's name).
        public var label: String
        /// The value of an input that is not a row (the year of a survey), in `constantUnit`.
        public var constant: Double
        /// The unit shown with `constant` (`yr`).
        public var constantUnit: String

        /// An activity row as input.
        public init(row: Int32, role: Int, weight: Double, label: String) {
            self.row = row
            self.role = role
            self.weight = weight
            self.label = label
            constant = 0
            constantUnit = ""
        }

        /// A number of the line as input (a survey year in `yr`).
        public init(constant: Double, unit: String, role: Int, weight: Double, label: String) {
            row = -1
            self.role = role
            self.weight = weight
            self.label = label
            self.constant = constant
            constantUnit = unit
        }

        /// The input's value in base units.
        @inlinable public func value(_ table: ActivityTable) -> Double {
            row < 0 ? constant : table.baseValue(Int(row))
        }
    }
}

/// Everything the kernel needs to evaluate a project's lines, and everything lineage needs to explain them: the
/// line templates, each row's plan, and group lines. Built once per factor stack; evaluated any number of times.
public struct Plan: Sendable {
    /// The distinct line templates.
    public var lineTemplates: [LineTemplate] = []
    /// The distinct row plans.
    public var rowPlans: [RowPlan] = []
    /// Each row's plan (index into ``rowPlans``), or -1 for rows without one (rejected in validation, notation keys,
    /// rows planned in a group).
    public var rowPlan: [Int32] = []
    /// Lines that combine several rows.
    public var groupLines: [GroupLine] = []
    /// Rows rejected in validation or planning.
    public var rejected: [Bool] = []
    /// Rows that carry a notation key (used for completeness, not calculated).
    public var notationRows: [Int32] = []

    /// Creates an empty plan.
    public init() {}

    private var templateIndex: [LineTemplate: Int32] = [:]
    private var planIndex: [RowPlan: Int32] = [:]

    /// The id of a template, adding it if new.
    public mutating func intern(_ t: LineTemplate) -> Int32 {
        if let id = templateIndex[t] { return id }
        let id = Int32(lineTemplates.count)
        lineTemplates.append(t)
        templateIndex[t] = id
        return id
    }

    /// The id of a row plan, adding it if new.
    public mutating func intern(_ p: RowPlan) -> Int32 {
        if let id = planIndex[p] { return id }
        let id = Int32(rowPlans.count)
        rowPlans.append(p)
        planIndex[p] = id
        return id
    }

    /// The energy plan of a row, if it has one.
    public func energy(of row: Int) -> EnergyPlan? {
        let p = rowPlan[row]
        return p < 0 ? nil : rowPlans[Int(p)].energy
    }

    /// The plan flattened into arrays of integers, for the kernel's loops (no structures with references are
    /// touched per line).
    public var compiled: Compiled { Compiled(self) }

    /// The plan as flat arrays.
    public struct Compiled: Sendable {
        /// Per row plan: the first index into `planTemplates` and the count.
        public let planStart: [Int32], planCount: [Int32]
        /// The templates of every row plan, concatenated.
        public let planTemplates: [Int32]
        /// Per template: its formula and the first index into `factors`.
        public let templateFormula: [Int32], templateFactorStart: [Int32]
        /// The factor-row ids of every template, concatenated.
        public let factors: [Int32]
        /// Per formula: the first index into `ops`, and the ops of every formula concatenated.
        public let opStart: [Int32]
        /// The instructions of every formula.
        public let ops: [Formula.Program.Op]

        init(_ plan: Plan) {
            var start: [Int32] = [], count: [Int32] = [], flat: [Int32] = []
            for p in plan.rowPlans {
                start.append(Int32(flat.count))
                count.append(Int32(p.lines.count))
                flat += p.lines
            }
            planStart = start
            planCount = count
            planTemplates = flat
            var formula: [Int32] = [], factorStart: [Int32] = [], factors: [Int32] = []
            for t in plan.lineTemplates {
                formula.append(t.formula)
                factorStart.append(Int32(factors.count))
                factors += t.factors
            }
            templateFormula = formula
            templateFactorStart = factorStart
            self.factors = factors
            var opStart: [Int32] = [], ops: [Formula.Program.Op] = []
            for f in MethodRegistry.formulas {
                opStart.append(Int32(ops.count))
                ops += f.program.ops
            }
            opStart.append(Int32(ops.count))
            self.opStart = opStart
            self.ops = ops
        }
    }
}
