/// The kind of quantity an activity row measures; it selects the calculation method (DESIGN §5).
public struct ActivityKind: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The name as written in the `activity` column.
    public let rawValue: String
    /// Creates a kind.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The name.
    public var description: String { rawValue }
    /// Alphabetical order.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// Fuel burnt (stationary or mobile), 1.A.
    public static let fuelCombustion = ActivityKind(rawValue: "fuel_combustion")
    /// Fuel used as feedstock or for other non-energy purposes: recorded, not combusted.
    public static let fuelNonEnergyUse = ActivityKind(rawValue: "fuel_nonenergy_use")
    /// Coal produced, for fugitive CH4 from mining and post-mining, 1.B.1.
    public static let coalMining = ActivityKind(rawValue: "coal_mining")
    /// Oil or gas throughput of a segment, for fugitive and vented emissions, 1.B.2.
    public static let oilGasSystem = ActivityKind(rawValue: "oil_gas_system")
    /// Net imported electricity (negative = net export), indirect CO2, IND.1.
    public static let electricityNetImport = ActivityKind(rawValue: "electricity_net_import")
    /// Net imported heat (negative = net export), indirect CO2, IND.2.
    public static let heatNetImport = ActivityKind(rawValue: "heat_net_import")
    /// One flow of a fuel's supply balance (production, imports, exports, international bunkers, stock change), for
    /// the reference approach.
    public static let fuelSupply = ActivityKind(rawValue: "fuel_supply")
    /// A measured emission counted as given (a key enterprise's verified report).
    public static let directEmission = ActivityKind(rawValue: "direct_emission")
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

/// The amount of an activity row: a number, or a notation key.
public enum ActivityAmount: Hashable, Sendable {
    /// A measured value, in the row's unit.
    case value(Double)
    /// A notation key instead of a value.
    case notation(NotationKey)
}

/// One validated row of an `activity/*.csv` file.
public struct ActivityRecord: Hashable, Sendable {
    /// Where the row is (`activity/energy.csv:12`).
    public var location: InputLocation
    /// 1-based columns of the fields, for locating problems found after reading (unit, value, item, ...).
    public var columns: [String: Int]
    /// The region code.
    public var region: String
    /// The inventory year.
    public var year: Int
    /// The IPCC category the row reports under.
    public var category: CategoryCode
    /// What was measured.
    public var activity: ActivityKind
    /// The fuel, carrier, gas or other item.
    public var item: String
    /// The technology, if the row names one (selects technology-specific factors).
    public var technology: String?
    /// The value or notation key.
    public var amount: ActivityAmount
    /// The unit as parsed; nil for a notation-key row with no unit.
    public var unit: MeasurementUnit?
    /// The data source the user cited.
    public var source: String
    /// The user's note.
    public var note: String

    /// Creates a record.
    public init(location: InputLocation, columns: [String: Int] = [:], region: String, year: Int,
                category: CategoryCode, activity: ActivityKind, item: String, technology: String?,
                amount: ActivityAmount, unit: MeasurementUnit?, source: String, note: String) {
        self.location = location
        self.columns = columns
        self.region = region
        self.year = year
        self.category = category
        self.activity = activity
        self.item = item
        self.technology = technology
        self.amount = amount
        self.unit = unit
        self.source = source
        self.note = note
    }

    /// The location of one field, or of the row when the column is unknown.
    public func location(of column: String) -> InputLocation {
        var l = location
        l.column = columns[column] ?? 0
        return l
    }

    /// The key that identifies a row: two rows with the same key are duplicates.
    public var key: String {
        [region, "\(year)", category.description, activity.rawValue, item, technology ?? ""].joined(separator: "|")
    }
}
