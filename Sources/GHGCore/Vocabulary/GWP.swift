/// A set of 100-year global warming potentials: one IPCC assessment report.
///
/// `SAR` (the Second Assessment Report, also written `AR2`) is what the 2011 China provincial guideline and the early
/// national communications used; `AR5` is what the Paris Agreement transparency framework uses; `AR4` and `AR6` are
/// also available. The set is a per-inventory choice and is named in every output that carries CO2e.
public struct GWPSet: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The canonical name: `SAR`, `AR4`, `AR5` or `AR6`.
    public let rawValue: String
    /// Creates a set from its canonical name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Parses `SAR`, `AR2`, `AR4`, `AR5`, `AR6` (case-insensitive); nil otherwise.
    public init?(parsing text: String) {
        switch text.uppercased() {
        case "SAR", "AR2": self = .sar
        case "AR4": self = .ar4
        case "AR5": self = .ar5
        case "AR6": self = .ar6
        default: return nil
        }
    }

    /// The canonical name.
    public var description: String { rawValue }
    /// Orders by report: SAR, AR4, AR5, AR6.
    public static func < (a: Self, b: Self) -> Bool {
        (all.firstIndex(of: a) ?? 99) < (all.firstIndex(of: b) ?? 99)
    }

    /// IPCC Second Assessment Report (1995).
    public static let sar = GWPSet(rawValue: "SAR")
    /// IPCC Fourth Assessment Report (2007).
    public static let ar4 = GWPSet(rawValue: "AR4")
    /// IPCC Fifth Assessment Report (2013/2014).
    public static let ar5 = GWPSet(rawValue: "AR5")
    /// IPCC Sixth Assessment Report (2021).
    public static let ar6 = GWPSet(rawValue: "AR6")
    /// Every set, oldest first.
    public static let all: [GWPSet] = [.sar, .ar4, .ar5, .ar6]
}

/// One row of `gwp.csv`: the GWP of a gas in a set, with its source.
public struct GWPValue: Hashable, Sendable {
    /// The gas.
    public var gas: Gas
    /// The assessment report.
    public var set: GWPSet
    /// The 100-year GWP (t CO2e per t of gas).
    public var gwp100: Double
    /// Where the number comes from.
    public var source: String
    /// Where the row is.
    public var location: InputLocation

    /// Creates a value.
    public init(gas: Gas, set: GWPSet, gwp100: Double, source: String, location: InputLocation) {
        self.gas = gas
        self.set = set
        self.gwp100 = gwp100
        self.source = source
        self.location = location
    }
}

/// The GWP values of every gas in every set, as read from `gwp.csv`.
public struct GWPTable: Sendable {
    private var values: [GWPSet: [Gas: GWPValue]] = [:]

    /// Creates a table from rows; a repeated (gas, set) pair is reported as an error and the first row kept.
    public init(_ rows: [GWPValue], diagnostics: inout DiagnosticLog) {
        for row in rows {
            if let first = values[row.set]?[row.gas] {
                diagnostics.report(.error(.duplicateRow, at: row.location,
                    "duplicate GWP for \(row.gas) in \(row.set); first given at \(first.location)"))
                continue
            }
            values[row.set, default: [:]][row.gas] = row
        }
    }

    /// The GWP of `gas` in `set`, or nil when the report gives none (NF3 in SAR).
    public func value(of gas: Gas, in set: GWPSet) -> GWPValue? { values[set]?[gas] }

    /// Every gas that has a value in at least one set.
    public var gases: Set<Gas> { Set(values.values.flatMap { $0.keys }) }

    /// The rows of one set, ordered by gas.
    public func rows(of set: GWPSet) -> [GWPValue] {
        (values[set] ?? [:]).values.sorted { $0.gas < $1.gas }
    }
}
