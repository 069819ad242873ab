/// A base dimension of the unit registry.
///
/// Electricity and standard coal are dimensions of their own, not energy: converting kWh of electricity or tonnes of
/// standard coal to joules is a methodological choice (calorific or coal-equivalent caliber, 29.3076 GJ/tce), so it is
/// made by a factor with a source, never by the unit registry.
public enum BaseDimension: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Mass; base unit t.
    case mass
    /// Thermal energy; base unit GJ.
    case energy
    /// Volume (including gas volumes at standard conditions); base unit m3.
    case volume
    /// Electricity; base unit MWh.
    case electricity
    /// Standard coal equivalent; base unit tce.
    case standardCoal
    /// Area; base unit ha.
    case area
    /// Head count (animals); base unit head.
    case headCount
    /// Time; base unit yr.
    case time
    /// Money; base unit yuan.
    case currency
    /// People; base unit person.
    case population

    /// The dimension's name as used in messages.
    public var description: String {
        switch self {
        case .mass: "mass"
        case .energy: "energy"
        case .volume: "volume"
        case .electricity: "electricity"
        case .standardCoal: "standard coal"
        case .area: "area"
        case .headCount: "head count"
        case .time: "time"
        case .currency: "currency"
        case .population: "population"
        }
    }

    /// The symbol of the base unit that conversions go through.
    public var baseUnit: String {
        switch self {
        case .mass: "t"
        case .energy: "GJ"
        case .volume: "m3"
        case .electricity: "MWh"
        case .standardCoal: "tce"
        case .area: "ha"
        case .headCount: "head"
        case .time: "yr"
        case .currency: "yuan"
        case .population: "person"
        }
    }
}

/// A physical dimension: a product of base dimensions with integer exponents (energy/mass, mass/(head·time), ...).
public struct PhysicalDimension: Hashable, Sendable, CustomStringConvertible {
    /// One exponent per ``BaseDimension``, in case order.
    public private(set) var exponents: [Int8]

    /// The dimensionless dimension (fractions, percentages).
    public static let dimensionless = PhysicalDimension()

    /// Creates the dimensionless dimension.
    public init() { exponents = Array(repeating: 0, count: BaseDimension.allCases.count) }

    /// Creates a base dimension.
    public init(_ base: BaseDimension) {
        self.init()
        exponents[base.rawValue] = 1
    }

    /// The exponent of one base dimension.
    public subscript(_ base: BaseDimension) -> Int8 { exponents[base.rawValue] }

    /// Mass.
    public static let mass = PhysicalDimension(.mass)
    /// Thermal energy.
    public static let energy = PhysicalDimension(.energy)
    /// Volume.
    public static let volume = PhysicalDimension(.volume)
    /// Electricity.
    public static let electricity = PhysicalDimension(.electricity)
    /// Standard coal equivalent.
    public static let standardCoal = PhysicalDimension(.standardCoal)
    /// Area.
    public static let area = PhysicalDimension(.area)
    /// Head count.
    public static let headCount = PhysicalDimension(.headCount)
    /// Time.
    public static let time = PhysicalDimension(.time)
    /// Currency.
    public static let currency = PhysicalDimension(.currency)
    /// Population.
    public static let population = PhysicalDimension(.population)

    /// The product of two dimensions.
    public static func * (a: PhysicalDimension, b: PhysicalDimension) -> PhysicalDimension {
        var r = a
        for i in r.exponents.indices { r.exponents[i] += b.exponents[i] }
        return r
    }

    /// The quotient of two dimensions.
    public static func / (a: PhysicalDimension, b: PhysicalDimension) -> PhysicalDimension {
        var r = a
        for i in r.exponents.indices { r.exponents[i] -= b.exponents[i] }
        return r
    }

    /// Whether every exponent is zero.
    public var isDimensionless: Bool { exponents.allSatisfy { $0 == 0 } }

    /// `energy/mass`, `mass/(head·time)`, `dimensionless`.
    public var description: String {
        func part(_ sign: Int8) -> [String] {
            BaseDimension.allCases.compactMap { b in
                let e = exponents[b.rawValue] * sign
                guard e > 0 else { return nil }
                return e == 1 ? b.description : "\(b.description)^\(e)"
            }
        }
        let num = part(1), den = part(-1)
        if num.isEmpty && den.isEmpty { return "dimensionless" }
        let n = num.isEmpty ? "1" : num.joined(separator: "·")
        if den.isEmpty { return n }
        return den.count == 1 ? "\(n)/\(den[0])" : "\(n)/(\(den.joined(separator: "·")))"
    }
}
