/// A term of an equation (DESIGN §6 "A method is data plus a plan").
///
/// An equation is written once, as an `Expr`; the kernel evaluates it from a compiled ``Formula/Program`` over flat
/// arrays, and the text a person reads (`CO2 = E × CC × OF × 44/12 = … = 30959.096 t`) is rendered from the same
/// tree with the line's numbers (``FormulaRenderer``). Operations run left to right in the order written, so the
/// rendered numbers re-evaluate to the line's mass bit for bit.
public indirect enum Expr: Hashable, Sendable {
    /// The line's activity value in base units. Symbol `symbol` (`AD`, `net import`); shown `AD 936900 t`.
    case activity(String)
    /// The activity value, itself a named quantity (energy given in GJ): symbol and shown name `E`, shown
    /// `E 426520 GJ`.
    case activityAs(String)
    /// The weighted sum of the line's extra activity inputs with a role (a fuel balance's flows), summed in input
    /// order; symbol and shown `symbol`, its terms listed by the formula's ``Formula/Preamble``.
    case inputs(role: Int, symbol: String)
    /// The factor in a slot of the line's factor list: symbol `label`; shown `label value unit` in base units.
    case factor(slot: Int, label: String)
    /// A constant, shown as `text`.
    case number(Double, String)
    /// A product, multiplied left to right.
    case product([Expr])
    /// Inside a product: × `numerator` ÷ `denominator` (`44/12`), applied to the product so far in that order.
    case ratio(Double, Double)
    /// Inside a product: ÷ `x`, applied to the product so far (`(C_t2 − C_t1) ÷ (t2 − t1)`); shown `÷ x`.
    case over(Expr)
    /// `a − b`, shown in parentheses.
    case difference(Expr, Expr)
    /// A sum, added left to right, shown in parentheses.
    case sum([Expr])
    /// `1 − x`, shown `(1 − x)`.
    case oneMinus(Expr)
    /// `x ^ y`.
    case power(Expr, Expr)
    /// `e ^ x` (first-order decay), shown `e^(x)`.
    case exp(Expr)
    /// A named intermediate quantity with its base unit. Symbol `name`; shown per `display`.
    case named(String, unit: String, Expr, display: NamedDisplay)

    /// How a named quantity is shown with numbers.
    public enum NamedDisplay: Hashable, Sendable {
        /// `(AD 68400 t × NCV 21.35 GJ/t = E 1460340 GJ)`.
        case expanded
        /// `excluded C 0 tC`.
        case value
    }

    /// The number of factor slots the expression reads (the highest slot + 1).
    public var slotCount: Int {
        switch self {
        case let .factor(slot, _): slot + 1
        case let .product(xs), let .sum(xs): xs.map(\.slotCount).max() ?? 0
        case let .difference(a, b), let .power(a, b): max(a.slotCount, b.slotCount)
        case let .oneMinus(x), let .named(_, _, x, _), let .over(x), let .exp(x): x.slotCount
        default: 0
        }
    }

    /// The labels of the factor slots, by slot.
    public var slotLabels: [String] {
        var labels = [String](repeating: "", count: slotCount)
        func walk(_ e: Expr) {
            switch e {
            case let .factor(slot, label): labels[slot] = label
            case let .product(xs), let .sum(xs): xs.forEach(walk)
            case let .difference(a, b), let .power(a, b): walk(a); walk(b)
            case let .oneMinus(x), let .named(_, _, x, _), let .over(x), let .exp(x): walk(x)
            default: break
            }
        }
        walk(self)
        return labels
    }
}

/// The values an equation is evaluated from.
public struct FormulaInputs {
    /// The activity value in base units.
    public var activity: Double
    /// The factor values in base units, by slot.
    public var factors: [Double]
    /// Extra activity inputs: role, weight and base value, in order.
    public var inputs: [(role: Int, weight: Double, value: Double)]

    /// Creates inputs.
    public init(activity: Double, factors: [Double], inputs: [(role: Int, weight: Double, value: Double)] = []) {
        self.activity = activity
        self.factors = factors
        self.inputs = inputs
    }
}

/// An equation with what the rendered text needs around it: the left-hand side, the style, a conversion stage and a
/// suffix.
public struct Formula: Hashable, Sendable {
    /// A stable identifier (`fuel_co2_carbon_content`), written in the lineage.
    public var name: String
    /// The left-hand side: a gas (`CO2`), `{gas}` for the line's gas, or a quantity (`stored C`).
    public var lhs: String
    /// The right-hand side.
    public var expression: Expr
    /// How the text is laid out.
    public var style: Style
    /// A list of the line's extra inputs printed before the equation (a fuel balance's flows).
    public var preamble: Preamble?
    /// A second stage: the expression gives an intermediate quantity that is converted by a ratio (`stored C … tC;
    /// as CO2 × 44/12 = … t`).
    public var conversion: Conversion?
    /// What follows the result (` (stage {category})`, ` (indirect, outside the IPCC total)`).
    public var suffix: [SuffixPart]

    /// Layouts of the rendered text.
    public enum Style: Hashable, Sendable {
        /// `lhs = symbols = numbers = mass t suffix`.
        case equation
        /// `lhs = numbers = mass t suffix`.
        case numbers
        /// `lhs = numbers suffix` (a measured value counted as given).
        case measured
    }

    /// The inputs listed before the equation: `apparent consumption = production 0 t, imports 1000 t → 1000 t; `.
    public struct Preamble: Hashable, Sendable {
        /// The quantity's name.
        public var name: String
        /// The role whose weighted sum is shown after the arrow.
        public var role: Int
        /// Creates a preamble.
        public init(name: String, role: Int) {
            self.name = name
            self.role = role
        }
    }

    /// A conversion stage after the expression.
    public struct Conversion: Hashable, Sendable {
        /// The intermediate quantity's unit (`tC`).
        public var unit: String
        /// The words before the ratio (`as CO2`).
        public var text: String
        /// The ratio applied: × numerator ÷ denominator.
        public var numerator: Double
        /// The denominator.
        public var denominator: Double
        /// Creates a conversion.
        public init(unit: String, text: String, numerator: Double, denominator: Double) {
            self.unit = unit
            self.text = text
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    /// A piece of the suffix.
    public enum SuffixPart: Hashable, Sendable {
        /// Literal text.
        case text(String)
        /// The line's category code.
        case category
        /// The activity row's source.
        case source
        /// Text shown only when the mass is negative (` (net export)`).
        case ifNegative(String)
    }

    /// Creates a formula.
    public init(_ name: String, lhs: String, _ expression: Expr, style: Style = .equation, preamble: Preamble? = nil,
                conversion: Conversion? = nil, suffix: [SuffixPart] = []) {
        self.name = name
        self.lhs = lhs
        self.expression = expression
        self.style = style
        self.preamble = preamble
        self.conversion = conversion
        self.suffix = suffix
        program = Program(name: name, expression: expression, conversion: conversion)
    }

    /// The compiled evaluation program.
    public let program: Program

    /// The number of factor slots.
    public var slotCount: Int { expression.slotCount }

    /// The equation in symbols: `CO2 = E × CC × OF × 44/12`.
    public var equation: String {
        var s = "\(lhs) = \(FormulaRenderer.symbols(expression))"
        if let c = conversion {
            s += "; \(c.text) × \(DecimalFormat.string(c.numerator))/\(DecimalFormat.string(c.denominator))"
        }
        return s
    }

    /// Evaluates the equation by walking the tree (the renderer's path; the kernel runs ``program``, and the two
    /// agree bit for bit because they perform the same operations in the same order).
    public func evaluate(_ x: FormulaInputs) -> Double {
        var v = Self.evaluate(expression, x)
        if let c = conversion { v = v * c.numerator / c.denominator }
        return v
    }

    static func evaluate(_ e: Expr, _ x: FormulaInputs) -> Double {
        switch e {
        case .activity, .activityAs: return x.activity
        case let .inputs(role, _):
            var s = 0.0
            for i in x.inputs where i.role == role { s += i.weight * i.value }
            return s
        case let .factor(slot, _): return x.factors[slot]
        case let .number(v, _): return v
        case let .product(terms):
            var v = 1.0
            var first = true
            for t in terms {
                if case let .ratio(a, b) = t { v = v * a / b; continue }
                if case let .over(d) = t { v = v / evaluate(d, x); continue }
                let y = evaluate(t, x)
                v = first ? y : v * y
                first = false
            }
            return v
        case let .ratio(a, b): return a / b
        case let .over(d): return 1 / evaluate(d, x)
        case let .difference(a, b): return evaluate(a, x) - evaluate(b, x)
        case let .sum(terms):
            var v = 0.0
            for (i, t) in terms.enumerated() { v = i == 0 ? evaluate(t, x) : v + evaluate(t, x) }
            return v
        case let .oneMinus(a): return 1 - evaluate(a, x)
        case let .power(a, b): return pow(evaluate(a, x), evaluate(b, x)) ?? .nan
        case let .exp(a): return GHGCore.exp(evaluate(a, x))
        case let .named(_, _, inner, _): return evaluate(inner, x)
        }
    }

    /// A formula compiled to a stack program: the kernel's hot path.
    public struct Program: Hashable, Sendable {
        /// One instruction.
        public enum Op: Hashable, Sendable {
            /// Push the activity value.
            case activity
            /// Push the weighted sum of the inputs of a role.
            case inputs(Int)
            /// Push a factor slot's value.
            case factor(Int)
            /// Push a constant.
            case constant(Double)
            /// Pop b, a; push a × b (and likewise for the others).
            case multiply, divide, add, subtract, power
            /// Replace the top x by 1 − x.
            case oneMinus
            /// Replace the top x by e^x.
            case exp
            /// Multiply the top by a constant.
            case multiplyBy(Double)
            /// Divide the top by a constant.
            case divideBy(Double)
        }
        /// The instructions.
        public let ops: [Op]
        /// Whether the program reads extra inputs.
        public let readsInputs: Bool

        init(name: String, expression: Expr, conversion: Conversion?) {
            var ops: [Op] = []
            func emit(_ e: Expr) {
                switch e {
                case .activity, .activityAs: ops.append(.activity)
                case let .inputs(role, _): ops.append(.inputs(role))
                case let .factor(slot, _): ops.append(.factor(slot))
                case let .number(v, _): ops.append(.constant(v))
                case let .product(terms):
                    var first = true
                    for t in terms {
                        if case let .ratio(a, b) = t {
                            if first { ops.append(.constant(1)); first = false }
                            ops.append(.multiplyBy(a))
                            ops.append(.divideBy(b))
                            continue
                        }
                        if case let .over(d) = t {
                            if first { ops.append(.constant(1)); first = false }
                            emit(d)
                            ops.append(.divide)
                            continue
                        }
                        emit(t)
                        if !first { ops.append(.multiply) }
                        first = false
                    }
                    if first { ops.append(.constant(1)) }
                case let .ratio(a, b): ops.append(.constant(a / b))
                case let .over(d): ops.append(.constant(1)); emit(d); ops.append(.divide)
                case let .difference(a, b): emit(a); emit(b); ops.append(.subtract)
                case let .sum(terms):
                    for (i, t) in terms.enumerated() { emit(t); if i > 0 { ops.append(.add) } }
                    if terms.isEmpty { ops.append(.constant(0)) }
                case let .oneMinus(a): emit(a); ops.append(.oneMinus)
                case let .power(a, b): emit(a); emit(b); ops.append(.power)
                case let .exp(a): emit(a); ops.append(.exp)
                case let .named(_, _, inner, _): emit(inner)
                }
            }
            emit(expression)
            if let c = conversion { ops.append(.multiplyBy(c.numerator)); ops.append(.divideBy(c.denominator)) }
            var depth = 0, maxDepth = 0
            for op in ops {
                switch op {
                case .activity, .inputs, .factor, .constant: depth += 1
                case .multiply, .divide, .add, .subtract, .power: depth -= 1
                case .oneMinus, .exp, .multiplyBy, .divideBy: break
                }
                maxDepth = max(maxDepth, depth)
            }
            precondition(maxDepth <= 8 && depth == 1, "formula '\(name)' needs a stack of \(maxDepth) (at most 8)")
            self.ops = ops
            readsInputs = ops.contains { if case .inputs = $0 { true } else { false } }
        }

        /// Runs the program. `factor(slot)` gives a slot's value; `inputs(role)` the weighted sum of a role.
        ///
        /// - Complexity: O(number of instructions).
        public func run(activity: Double, factor: (Int) -> Double, inputs: (Int) -> Double) -> Double {
            ops.withUnsafeBufferPointer { Self.interpret($0, activity: activity, factor: factor, inputs: inputs) }
        }

        /// The same instructions over a batch of `width` evaluations at once (Monte Carlo draws): the stack holds
        /// `width` values per level, and every element sees exactly the operations, in the order, of
        /// ``interpret(_:activity:factor:inputs:)``, so each result is bit-identical to a scalar evaluation.
        /// `push(kind, level)` fills a stack level for an `.activity`, `.factor(slot)` or `.inputs(role)` op.
        ///
        /// - Complexity: O(instructions × width).
        @inline(__always)
        static func interpretBatch(_ ops: UnsafeBufferPointer<Op>, width: Int, stack s: UnsafeMutablePointer<Double>,
                                   push: (Op, UnsafeMutablePointer<Double>) -> Void) {
            var top = -1
            for op in ops {
                switch op {
                case .activity, .inputs, .factor:
                    top += 1
                    push(op, s + top * width)
                case let .constant(v):
                    top += 1
                    let a = s + top * width
                    for b in 0..<width { a[b] = v }
                case .multiply:
                    let a = s + (top - 1) * width, c = s + top * width
                    for b in 0..<width { a[b] = a[b] * c[b] }
                    top -= 1
                case .divide:
                    let a = s + (top - 1) * width, c = s + top * width
                    for b in 0..<width { a[b] = a[b] / c[b] }
                    top -= 1
                case .add:
                    let a = s + (top - 1) * width, c = s + top * width
                    for b in 0..<width { a[b] = a[b] + c[b] }
                    top -= 1
                case .subtract:
                    let a = s + (top - 1) * width, c = s + top * width
                    for b in 0..<width { a[b] = a[b] - c[b] }
                    top -= 1
                case .power:
                    let a = s + (top - 1) * width, c = s + top * width
                    for b in 0..<width { a[b] = pow(a[b], c[b]) ?? .nan }
                    top -= 1
                case .oneMinus:
                    let a = s + top * width
                    for b in 0..<width { a[b] = 1 - a[b] }
                case .exp:
                    let a = s + top * width
                    for b in 0..<width { a[b] = GHGCore.exp(a[b]) }
                case let .multiplyBy(v):
                    let a = s + top * width
                    for b in 0..<width { a[b] = a[b] * v }
                case let .divideBy(v):
                    let a = s + top * width
                    for b in 0..<width { a[b] = a[b] / v }
                }
            }
        }

        /// The one interpreter of formula programs (the kernel runs every line through it): instructions on a stack
        /// of at most eight values, in order.
        ///
        /// - Complexity: O(number of instructions).
        @inline(__always)
        static func interpret(_ ops: UnsafeBufferPointer<Op>, activity: Double, factor: (Int) -> Double,
                              inputs: (Int) -> Double) -> Double {
            var stack: (Double, Double, Double, Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0, 0, 0, 0)
            return withUnsafeMutableBytes(of: &stack) { raw in
                let s = raw.baseAddress!.assumingMemoryBound(to: Double.self)
                var top = -1
                for op in ops {
                    switch op {
                    case .activity: top += 1; s[top] = activity
                    case let .inputs(role): top += 1; s[top] = inputs(role)
                    case let .factor(slot): top += 1; s[top] = factor(slot)
                    case let .constant(v): top += 1; s[top] = v
                    case .multiply: s[top - 1] = s[top - 1] * s[top]; top -= 1
                    case .divide: s[top - 1] = s[top - 1] / s[top]; top -= 1
                    case .add: s[top - 1] = s[top - 1] + s[top]; top -= 1
                    case .subtract: s[top - 1] = s[top - 1] - s[top]; top -= 1
                    case .power: s[top - 1] = pow(s[top - 1], s[top]) ?? .nan; top -= 1
                    case .oneMinus: s[top] = 1 - s[top]
                    case .exp: s[top] = GHGCore.exp(s[top])
                    case let .multiplyBy(v): s[top] = s[top] * v
                    case let .divideBy(v): s[top] = s[top] / v
                    }
                }
                return s[0]
            }
        }
    }
}
