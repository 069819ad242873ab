/// The settings of `ghg-project.json`.
public struct ProjectConfig: Hashable, Sendable {
    /// The project's name.
    public var name: String
    /// The inventory years.
    public var years: [Int]
    /// The base years indicators compare against (default 2005 and 2020).
    public var baseYears: [Int]
    /// The GWP set of every CO2e figure (default AR5).
    public var gwp: GWPSet
    /// Shipped factor-set ids, in priority order (the project's own `factors/` set always comes first).
    public var factorStack: [String]
    /// Per-parameter lookup overrides.
    public var factorLookup: [String: LookupOverride]

    /// Creates a configuration.
    public init(name: String, years: [Int], baseYears: [Int] = [2005, 2020], gwp: GWPSet = .ar5,
                factorStack: [String], factorLookup: [String: LookupOverride] = [:]) {
        self.name = name
        self.years = years
        self.baseYears = baseYears
        self.gwp = gwp
        self.factorStack = factorStack
        self.factorLookup = factorLookup
    }
}

/// The compiler's version, written into every manifest.
public enum GHGVersion {
    /// Semantic version of the tool.
    public static let current = "0.1.0"
}
