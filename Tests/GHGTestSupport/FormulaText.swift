import Foundation
import GHGCore

/// Reads a rendered formula (`CO2 = E × CC × OF × 44/12 = (AD 2100400 t × NCV 20.908 GJ/t = E 43915163.2 GJ) ×
/// CC 0.0261 tC/GJ × OF 0.93 × 44/12 = 3908493.4399632006 t`) back as arithmetic, independently of the renderer and
/// the kernel: the numbers part is evaluated left to right as written, so a test can show that the text a person
/// reads re-evaluates to the line's mass.
///
/// Words and units are skipped; `a/b` between numbers is "× a ÷ b" (as ``Expr/ratio(_:_:)`` applies it); inside
/// parentheses, `= name value unit` after an expression names its result and is skipped.
public enum FormulaText {
    /// What was read from a line's text.
    public struct Reading: Equatable {
        /// The numbers part, evaluated.
        public var evaluated: Double
        /// The result printed at the end (or the numbers part itself for a measured value).
        public var printed: Double
    }

    /// Reads the text of a line rendered from `formula`; nil when the text does not have the formula's layout.
    public static func read(_ text: String, formula: Formula) -> Reading? {
        var body = Substring(text)
        var inputs: (name: String, total: String)?
        if let preamble = formula.preamble {
            // `NAME = label value unit, … → total unit; ` — the symbol of `.inputs` stands for the total.
            guard let semi = body.range(of: "; ") else { return nil }
            let pre = body[..<semi.lowerBound]
            guard pre.range(of: " = ") != nil, let arrow = pre.range(of: " → ") else { return nil }
            let total = pre[arrow.upperBound...].split(separator: " ").first.map(String.init) ?? ""
            guard let symbol = inputSymbol(formula.expression, role: preamble.role) else { return nil }
            inputs = (symbol, total)
            body = body[semi.upperBound...]
        }
        let parts = topLevelParts(String(body))
        let numbersIndex: Int
        switch formula.style {
        case .equation: numbersIndex = 2
        case .numbers, .measured: numbersIndex = 1
        }
        guard parts.count > numbersIndex else { return nil }
        var numbers = parts[numbersIndex]
        if formula.style == .measured {
            // The suffix follows the numbers; the numbers part ends at the first character that is not arithmetic.
            numbers = String(numbers.prefix { !"(;".contains($0) } )
        }
        if let inputs { numbers = replacingWord(inputs.name, with: inputs.total, in: numbers) }
        guard var value = evaluate(numbers) else { return nil }
        var next = numbersIndex + 1
        if formula.conversion != nil {
            // `intermediate unit; text × a/b`
            guard parts.count > next, let ratio = parts[next].split(separator: " ").last,
                  let (a, b) = Self.ratio(String(ratio)) else { return nil }
            value = value * a / b
            next += 1
        }
        if formula.style == .measured { return Reading(evaluated: value, printed: value) }
        guard parts.count > next, let printed = parts[next].split(separator: " ").first.flatMap({ Double($0) }) else {
            return nil
        }
        return Reading(evaluated: value, printed: printed)
    }

    /// The symbol the expression shows for the inputs of a role.
    static func inputSymbol(_ e: Expr, role: Int) -> String? {
        switch e {
        case let .inputs(r, symbol): return r == role ? symbol : nil
        case let .product(xs), let .sum(xs): return xs.lazy.compactMap { inputSymbol($0, role: role) }.first
        case let .difference(a, b), let .power(a, b): return inputSymbol(a, role: role) ?? inputSymbol(b, role: role)
        case let .oneMinus(x), let .named(_, _, x, _), let .over(x), let .exp(x): return inputSymbol(x, role: role)
        default: return nil
        }
    }

    /// The text split at ` = ` outside parentheses.
    static func topLevelParts(_ s: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if depth == 0 && c == " " && i + 2 < chars.count && chars[i + 1] == "=" && chars[i + 2] == " " {
                parts.append(current)
                current = ""
                i += 3
                continue
            }
            current.append(c)
            i += 1
        }
        parts.append(current)
        return parts
    }

    static func replacingWord(_ word: String, with value: String, in s: String) -> String {
        guard let r = s.range(of: word) else { return s }
        return s.replacingCharacters(in: r, with: value)
    }

    static func ratio(_ token: String) -> (Double, Double)? {
        let p = token.split(separator: "/", omittingEmptySubsequences: false)
        guard p.count == 2, let a = Double(p[0]), let b = Double(p[1]) else { return nil }
        return (a, b)
    }

    enum Token: Equatable {
        case number(Double), ratio(Double, Double), open, close, times, divide, plus, minus, power, equals, exp
    }

    static func tokens(_ s: String) -> [Token] {
        var out: [Token] = []
        let spaced = s.replacingOccurrences(of: "(", with: " ( ").replacingOccurrences(of: ")", with: " ) ")
        for word in spaced.split(separator: " ") {
            switch word {
            case "(": out.append(.open)
            case ")": out.append(.close)
            case "×": out.append(.times)
            case "÷": out.append(.divide)
            case "+": out.append(.plus)
            case "−": out.append(.minus)
            case "^": out.append(.power)
            case "=": out.append(.equals)
            case "e^": out.append(.exp)
            default:
                if let x = Double(word), !word.contains(where: \.isLetter) {
                    out.append(.number(x))
                } else if word.hasPrefix("−"), let x = Double(word.dropFirst()) {
                    out.append(.number(-x))
                } else if let (a, b) = ratio(String(word)) {
                    out.append(.ratio(a, b))
                } else if let caret = word.firstIndex(of: "^"), let a = Double(word[..<caret]),
                          let b = Double(word[word.index(after: caret)...]) {
                    out.append(.number(a)); out.append(.power); out.append(.number(b))
                }
                // Any other word is a label or a unit.
            }
        }
        return out
    }

    /// Evaluates the numbers part: sums of products of powers of primaries, left to right.
    public static func evaluate(_ s: String) -> Double? {
        let t = tokens(s)
        var i = 0
        func primary() -> Double? {
            guard i < t.count else { return nil }
            switch t[i] {
            case let .number(x):
                i += 1
                return x
            case .exp:
                // `e^(x)`: the exponential of the parenthesised expression.
                i += 1
                return primary().map { Foundation.exp($0) }
            case .open:
                i += 1
                guard let v = sum() else { return nil }
                if i < t.count, t[i] == .equals {
                    // `= name value unit)`: skip to the matching parenthesis.
                    var depth = 0
                    while i < t.count {
                        if t[i] == .open { depth += 1 }
                        if t[i] == .close { if depth == 0 { break }; depth -= 1 }
                        i += 1
                    }
                }
                guard i < t.count, t[i] == .close else { return nil }
                i += 1
                return v
            default: return nil
            }
        }
        func power() -> Double? {
            guard let a = primary() else { return nil }
            if i < t.count, t[i] == .power {
                i += 1
                guard let b = primary() else { return nil }
                return Foundation.pow(a, b)
            }
            return a
        }
        func product() -> Double? {
            guard var v = power() else { return nil }
            while i < t.count {
                switch t[i] {
                case .times:
                    i += 1
                    if i < t.count, case let .ratio(a, b) = t[i] {
                        i += 1
                        v = v * a / b
                    } else {
                        guard let x = power() else { return nil }
                        v = v * x
                    }
                case .divide:
                    i += 1
                    guard let x = power() else { return nil }
                    v = v / x
                default: return v
                }
            }
            return v
        }
        func sum() -> Double? {
            guard var v = product() else { return nil }
            while i < t.count {
                switch t[i] {
                case .plus:
                    i += 1
                    guard let x = product() else { return nil }
                    v = v + x
                case .minus:
                    i += 1
                    guard let x = product() else { return nil }
                    v = v - x
                default: return v
                }
            }
            return v
        }
        guard let v = sum(), i == t.count else { return nil }
        return v
    }
}
