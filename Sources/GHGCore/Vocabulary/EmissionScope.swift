/// Where an emission line counts.
///
/// An open set of named scopes; the known ones are static members. Reporting order: total, indirect, total with
/// indirect, then memo items, then the reference approach.
public struct EmissionScope: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The scope's name as written in outputs.
    public let rawValue: String
    /// Creates a scope.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The name.
    public var description: String { rawValue }
    /// Reporting order: total, indirect, then memo items.
    public static func < (a: Self, b: Self) -> Bool {
        let ia = a.rank, ib = b.rank
        return ia != ib ? ia < ib : a.rawValue < b.rawValue
    }

    /// The position in reporting order (99 for scopes outside the known list).
    public var rank: Int {
        switch rawValue {
        case "total": 0
        case "indirect": 1
        case "total_with_indirect": 2
        case "memo_biomass": 3
        case "memo_nonenergy": 4
        case "memo_international_bunkers": 5
        case "memo_multilateral_operations": 6
        case "reference_approach": 7
        case "blue_carbon_sequestration": 8
        default: 99
        }
    }

    /// Counted in the territorial (IPCC) total.
    public static let total = EmissionScope(rawValue: "total")
    /// Indirect CO2 from net imported electricity and heat (IND.*): outside the IPCC total, available to indicators.
    public static let indirect = EmissionScope(rawValue: "indirect")
    /// The territorial total plus indirect emissions (the China city inventory's second total, 含电力调入调出).
    public static let totalWithIndirect = EmissionScope(rawValue: "total_with_indirect")
    /// CO2 from biomass combustion: a memo item, not added to totals (IPCC 2006 Vol.2 Ch.2 §2.3.3.4).
    public static let memoBiomass = EmissionScope(rawValue: "memo_biomass")
    /// Carbon in fuels used for non-energy purposes, expressed as CO2: recorded, not emitted.
    public static let memoNonEnergy = EmissionScope(rawValue: "memo_nonenergy")
    /// A memo item named by `categories.csv` (`memo_international_bunkers`, `memo_multilateral_operations`):
    /// reported, never added to totals.
    public static func memo(_ name: String) -> EmissionScope { EmissionScope(rawValue: "memo_" + name) }
    /// CO2 from fuel combustion by the reference approach (apparent consumption; IPCC 2006 Vol.2 Ch.6): a check on the
    /// sectoral approach, never added to totals.
    public static let referenceApproach = EmissionScope(rawValue: "reference_approach")
    /// CO2 sequestered by existing coastal wetlands estimated as area × a sequestration rate (the HY/T 0349-2022 view
    /// of blue carbon): a separately labelled indicator, never added to totals, since the IPCC Tier 1 gives an
    /// undisturbed wetland no soil flux (2013 Wetlands Supplement Ch.4).
    public static let blueCarbonSequestration = EmissionScope(rawValue: "blue_carbon_sequestration")
}
