/// A unit of measurement: a scale to the base units of its dimension, and optionally the species its mass counts.
///
/// Units are parsed by ``UnitRegistry``; `symbol` keeps the spelling the user wrote, so that messages and lineage quote
/// it back unchanged.
public struct MeasurementUnit: Hashable, Sendable, CustomStringConvertible {
    /// The spelling the unit was parsed from (`万吨`, `GJ/10^4 m3`).
    public let symbol: String
    /// The factor that turns a value in this unit into base units (万吨 → 10 000, since the mass base is t).
    public let scale: Double
    /// The unit's dimension.
    public let dimension: PhysicalDimension
    /// The species of the mass in the numerator, if the spelling names one (`tC/TJ` → carbon).
    public let species: Species?
    /// The species of a mass in the denominator, if the spelling names one (`kg CH4/kg BOD` → BOD), so that a factor
    /// per kg of BOD is never applied to a load of COD.
    public let perSpecies: Species?

    /// Creates a unit.
    public init(symbol: String, scale: Double, dimension: PhysicalDimension, species: Species? = nil,
                perSpecies: Species? = nil) {
        self.symbol = symbol
        self.scale = scale
        self.dimension = dimension
        self.species = species
        self.perSpecies = perSpecies
    }

    /// The spelling the unit was parsed from.
    public var description: String { symbol }

    /// The base-unit spelling of this unit's dimension (`GJ/t`, `tC/GJ`), used when lineage shows converted values.
    public var baseSymbol: String {
        var num: [String] = [], den: [String] = []
        for b in BaseDimension.allCases {
            let e = dimension[b]
            var s = b.baseUnit
            if e > 0 {
                if b == .mass, let sp = species { s += sp.rawValue }
                num.append(e == 1 ? s : "\(s)^\(e)")
            }
            if e < 0 {
                if b == .mass, let sp = perSpecies { s += sp.rawValue }
                den.append(e == -1 ? s : "\(s)^\(-e)")
            }
            if e == 0, b == .mass, species != nil || perSpecies != nil {
                // Mass over mass with a species (tC/t, kg CH4/kg BOD): dimensionless, but the species matter.
                num.append(s + (species?.rawValue ?? ""))
                den.append(s + (perSpecies?.rawValue ?? ""))
            }
        }
        if num.isEmpty && den.isEmpty { return "1" }
        return (num.isEmpty ? "1" : num.joined(separator: "·")) + den.map { "/" + $0 }.joined()
    }

    /// Converts `value` from this unit to `target`.
    ///
    /// - Throws: ``UnitError/dimensionMismatch(from:to:)`` when the dimensions differ, and
    ///   ``UnitError/speciesMismatch(from:to:)`` when both units name a species and they differ (tC to tCO2).
    public func convert(_ value: Double, to target: MeasurementUnit) throws(UnitError) -> Double {
        guard dimension == target.dimension else { throw .dimensionMismatch(from: self, to: target) }
        if let a = species, let b = target.species, a != b { throw .speciesMismatch(from: self, to: target) }
        return value * scale / target.scale
    }

    /// The value expressed in the base units of the dimension.
    public func toBase(_ value: Double) -> Double { value * scale }
}

/// Why a unit could not be parsed or converted.
public enum UnitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The spelling is not in the registry; carries the whole unit and the part that failed.
    case unknown(String, part: String)
    /// The units measure different things.
    case dimensionMismatch(from: MeasurementUnit, to: MeasurementUnit)
    /// The units count different chemical species.
    case speciesMismatch(from: MeasurementUnit, to: MeasurementUnit)

    /// A message that quotes the unit and says what was expected.
    public var description: String {
        switch self {
        case let .unknown(text, part):
            let what = text == part ? "unknown unit '\(text)'" : "unknown unit '\(part)' in '\(text)'"
            return "\(what); expected a unit such as t, 万吨, 10^4 m3, 亿立方米, 万千瓦时, tce, GJ/t, tC/TJ, kg/TJ or %"
        case let .dimensionMismatch(a, b):
            return "unit '\(a.symbol)' (\(a.dimension)) cannot be converted to '\(b.symbol)' (\(b.dimension))"
        case let .speciesMismatch(a, b):
            return "unit '\(a.symbol)' counts \(a.species!) but '\(b.symbol)' counts \(b.species!); "
                + "species are never converted implicitly"
        }
    }
}
