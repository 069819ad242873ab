/// The kind of quantity an activity row measures; it selects the calculation method (DESIGN §5).
///
/// An open set, like `Errno` in swift-system: the kinds the compiler knows are static members, and
/// ``MethodRegistry`` maps each to its method. The names are the interface of users' files (`methods.md`).
public struct ActivityKind: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The name as written in the `activity` column.
    public let rawValue: String
    /// Creates a kind.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a kind.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The name.
    public var description: String { rawValue }
    /// Alphabetical order.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// Fuel burnt (stationary or mobile), 1.A.
    public static let fuelCombustion = ActivityKind("fuel_combustion")
    /// Fuel used as feedstock or for other non-energy purposes: recorded, not combusted.
    public static let fuelNonEnergyUse = ActivityKind("fuel_nonenergy_use")
    /// Coal produced, for fugitive CH4 from mining and post-mining, 1.B.1.
    public static let coalMining = ActivityKind("coal_mining")
    /// Oil or gas throughput of a segment, for fugitive and vented emissions, 1.B.2.
    public static let oilGasSystem = ActivityKind("oil_gas_system")
    /// Net imported electricity (negative = net export), indirect CO2, IND.1.
    public static let electricityNetImport = ActivityKind("electricity_net_import")
    /// Net imported heat (negative = net export), indirect CO2, IND.2.
    public static let heatNetImport = ActivityKind("heat_net_import")
    /// One flow of a fuel's supply balance (production, imports, exports, international bunkers, stock change), for
    /// the reference approach.
    public static let fuelSupply = ActivityKind("fuel_supply")
    /// A measured emission counted as given (a key enterprise's verified report).
    public static let directEmission = ActivityKind("direct_emission")
    /// Lime produced, by lime type, for process CO2, 2.A.2.
    public static let limeProduction = ActivityKind("lime_production")
}

/// The IPCC notation keys that may stand in place of a value (IPCC 2006 Vol.1 Ch.8 §8.2.2).
public enum NotationKey: String, CaseIterable, Hashable, Sendable {
    /// Not occurring.
    case notOccurring = "NO"
    /// Not estimated.
    case notEstimated = "NE"
    /// Not applicable.
    case notApplicable = "NA"
    /// Included elsewhere (the note must say where).
    case includedElsewhere = "IE"
    /// Confidential.
    case confidential = "C"
}
