/// Renders equations as text, only where a person reads them (explain, lineage, audit).
///
/// `CO2 = E × CC × OF × 44/12 = (AD 68400 t × NCV 21.35 GJ/t = E 1460340 GJ) × CC 0.0268 tC/GJ × OF 0.93 × 44/12 =
/// 133457.55192000003 t`: symbols, then the same tree with every value in base units, then the result. Numbers are
/// written by ``DecimalFormat`` (shortest round trip), so the text re-evaluates to the line's mass exactly.
public enum FormulaRenderer {
    /// What a rendering needs besides the formula: the values, their units and the line's context.
    public struct Values {
        /// The activity value (base units) and its base unit.
        public var activity: (value: Double, unit: String)
        /// The factor values (base units) and base units, by slot.
        public var factors: [(value: Double, unit: String)]
        /// Extra inputs: role, weight, base value, base unit and label (a flow name), in order.
        public var inputs: [(role: Int, weight: Double, value: Double, unit: String, label: String)]
        /// The line's gas, category and the activity row's source.
        public var gas: String
        /// The line's category.
        public var category: String
        /// The activity row's source.
        public var source: String
        /// The role the formula's preamble lists (its symbol stands for their total); other roles are written out
        /// where they are used.
        var preambleRole: Int?

        /// Creates values.
        public init(activity: (value: Double, unit: String), factors: [(value: Double, unit: String)],
                    inputs: [(role: Int, weight: Double, value: Double, unit: String, label: String)] = [],
                    gas: String, category: String, source: String) {
            self.activity = activity
            self.factors = factors
            self.inputs = inputs
            self.gas = gas
            self.category = category
            self.source = source
        }

        var formulaInputs: FormulaInputs {
            FormulaInputs(activity: activity.value, factors: factors.map(\.value),
                          inputs: inputs.map { ($0.role, $0.weight, $0.value) })
        }
    }

    /// `10000 t`, or `0.98` for a dimensionless value.
    public static func show(_ value: Double, _ unit: String) -> String {
        unit == "1" ? DecimalFormat.string(value) : "\(DecimalFormat.string(value)) \(unit)"
    }

    /// The expression in symbols: `E × CC × OF × 44/12`.
    public static func symbols(_ e: Expr) -> String {
        switch e {
        case let .activity(symbol), let .activityAs(symbol): return symbol
        case let .inputs(_, symbol): return symbol
        case let .factor(_, label): return label
        case let .number(_, text): return text
        case let .product(terms): return joinProduct(terms, symbols)
        case let .ratio(a, b): return "\(DecimalFormat.string(a))/\(DecimalFormat.string(b))"
        case let .over(d): return symbols(d)
        case let .difference(a, b): return "(\(symbols(a)) − \(symbols(b)))"
        case let .sum(terms): return "(" + terms.map(symbols).joined(separator: " + ") + ")"
        case let .oneMinus(a): return "(1 − \(symbols(a)))"
        case let .power(a, b): return "\(symbols(a))^\(symbols(b))"
        case let .exp(a): return "e^(\(symbols(a)))"
        case let .named(name, _, _, _): return name
        }
    }

    /// The expression with numbers: `(AD 68400 t × NCV 21.35 GJ/t = E 1460340 GJ) × CC 0.0268 tC/GJ`.
    public static func numbers(_ e: Expr, _ v: Values) -> String {
        switch e {
        case .activity: return "AD " + show(v.activity.value, v.activity.unit)
        case let .activityAs(symbol): return symbol + " " + show(v.activity.value, v.activity.unit)
        case let .inputs(role, symbol): return v.preambleRole == role ? symbol : inline(role, v)
        case let .factor(slot, label): return label + " " + show(v.factors[slot].value, v.factors[slot].unit)
        case let .number(_, text): return text
        case let .product(terms): return joinProduct(terms) { numbers($0, v) }
        case let .ratio(a, b): return "\(DecimalFormat.string(a))/\(DecimalFormat.string(b))"
        case let .over(d): return numbers(d, v)
        case let .difference(a, b): return "(\(numbers(a, v)) − \(numbers(b, v)))"
        case let .sum(terms): return "(" + terms.map { numbers($0, v) }.joined(separator: " + ") + ")"
        case let .oneMinus(a): return "(1 − \(numbers(a, v)))"
        case let .power(a, b): return "\(numbers(a, v))^\(numbers(b, v))"
        case let .exp(a): return "e^(\(numbers(a, v)))"
        case let .named(name, unit, inner, display):
            let value = Formula.evaluate(inner, v.formulaInputs)
            switch display {
            case .expanded: return "(\(numbers(inner, v)) = \(name) \(show(value, unit)))"
            case .value: return "\(name) \(show(value, unit))"
            }
        }
    }

    /// The terms of a product: `a × b ÷ c × 44/12`.
    static func joinProduct(_ terms: [Expr], _ show: (Expr) -> String) -> String {
        var s = ""
        for (k, t) in terms.enumerated() {
            if k > 0 {
                if case .over = t { s += " ÷ " } else { s += " × " }
            }
            s += show(t)
        }
        return s
    }

    /// The inputs of a role written out where the formula uses them: `V 1100000 m3` for one input of weight 1,
    /// `(t2 2021 yr − t1 2016 yr)` for several (each term's weight shown unless it is ±1), added in input order as
    /// the kernel adds them.
    static func inline(_ role: Int, _ v: Values) -> String {
        let xs = v.inputs.filter { $0.role == role }
        // A term without a label is a bare number (the 1 of T − t − 1).
        func shown(_ x: (role: Int, weight: Double, value: Double, unit: String, label: String)) -> String {
            x.label.isEmpty ? show(x.value, x.unit) : "\(x.label) \(show(x.value, x.unit))"
        }
        if xs.count == 1, xs[0].weight == 1 { return shown(xs[0]) }
        var s = "("
        for (k, x) in xs.enumerated() {
            let term = shown(x)
            let magnitude = abs(x.weight)
            if k == 0 {
                s += x.weight == 1 ? term : "\(DecimalFormat.string(x.weight)) × \(term)"
            } else {
                s += x.weight < 0 ? " − " : " + "
                s += magnitude == 1 ? term : "\(DecimalFormat.string(magnitude)) × \(term)"
            }
        }
        return xs.isEmpty ? "0" : s + ")"
    }

    /// The whole text of a line: preamble, equation, numbers, result and suffix.
    public static func render(_ f: Formula, _ v: Values) -> String {
        var v = v
        v.preambleRole = f.preamble?.role
        var s = ""
        if let p = f.preamble {
            let terms = v.inputs.map { "\($0.label) \(show($0.value, $0.unit))" }.joined(separator: ", ")
            var total = 0.0
            for i in v.inputs where i.role == p.role { total += i.weight * i.value }
            s += "\(p.name) = \(terms) → \(show(total, v.inputs.first?.unit ?? ""))" + "; "
        }
        let lhs = f.lhs == "{gas}" ? v.gas : f.lhs
        let mass = f.evaluate(v.formulaInputs)
        switch f.style {
        case .equation: s += "\(lhs) = \(symbols(f.expression)) = \(numbers(f.expression, v)) = "
        case .numbers: s += "\(lhs) = \(numbers(f.expression, v)) = "
        case .measured: return s + "\(lhs) = \(numbers(f.expression, v))" + suffix(f, v, mass: mass)
        }
        if let c = f.conversion {
            let intermediate = Formula.evaluate(f.expression, v.formulaInputs)
            s += "\(DecimalFormat.string(intermediate)) \(c.unit); \(c.text) × "
                + "\(DecimalFormat.string(c.numerator))/\(DecimalFormat.string(c.denominator)) = "
        }
        return s + "\(DecimalFormat.string(mass)) t" + suffix(f, v, mass: mass)
    }

    static func suffix(_ f: Formula, _ v: Values, mass: Double) -> String {
        var s = ""
        for part in f.suffix {
            switch part {
            case let .text(t): s += t
            case .category: s += v.category
            case .source: s += v.source
            case let .ifNegative(t): if mass < 0 { s += t }
            }
        }
        return s
    }
}
