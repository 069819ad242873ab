/// What kind of thing an item is.
public struct ItemKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The kind's name as written in `items.csv`.
    public let rawValue: String
    /// Creates a kind.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The kind's name.
    public var description: String { rawValue }

    /// A fuel: burnt (fuel_combustion), used as feedstock (fuel_nonenergy_use) or produced (coal_mining).
    public static let fuel = ItemKind(rawValue: "fuel")
    /// Electricity or heat, bought or sold across the boundary.
    public static let energyCarrier = ItemKind(rawValue: "energy_carrier")
    /// A substance whose properties factors describe or whose mass a row reports (methane density, CO2 recovered,
    /// SF6 in equipment).
    public static let substance = ItemKind(rawValue: "substance")
    /// An industrial product or intermediate (clinker, cement types, lime, glass, acids, metals).
    public static let product = ItemKind(rawValue: "product")
    /// A carbonate consumed or applied (limestone, dolomite, soda ash).
    public static let carbonate = ItemKind(rawValue: "carbonate")
    /// A livestock category.
    public static let animal = ItemKind(rawValue: "animal")
    /// A crop, or a rice season.
    public static let crop = ItemKind(rawValue: "crop")
    /// A source of nitrogen applied to managed soils.
    public static let nitrogenSource = ItemKind(rawValue: "nitrogen_source")
    /// A forest type.
    public static let forestType = ItemKind(rawValue: "forest_type")
    /// A land-use conversion.
    public static let landConversion = ItemKind(rawValue: "land_conversion")
    /// A (coastal) wetland type.
    public static let wetland = ItemKind(rawValue: "wetland")
    /// A solid waste type.
    public static let waste = ItemKind(rawValue: "waste")
    /// A wastewater load or industry.
    public static let wastewater = ItemKind(rawValue: "wastewater")
    /// Every kind `items.csv` may use.
    public static let all: [ItemKind] = [.fuel, .energyCarrier, .substance, .product, .carbonate, .animal, .crop,
                                         .nitrogenSource, .forestType, .landConversion, .wetland, .waste,
                                         .wastewater]
}

/// One row of `items.csv`: a fuel, energy carrier or substance that activity and factor rows name.
public struct Item: Hashable, Sendable {
    /// The id used in activity and factor rows (`raw_coal`).
    public var id: String
    /// What kind of item it is.
    public var kind: ItemKind
    /// The fuel group (`coal`, `oil`, `gas`, `biomass`, `waste`, `peat`), empty for non-fuels.
    public var group: String
    /// Whether the item is biomass. The only place this classification is made: biomass CO2 from combustion is a memo
    /// item outside the totals.
    public var isBiomass: Bool
    /// English name.
    public var nameEN: String
    /// Chinese name.
    public var nameZH: String
    /// Where the name and classification come from.
    public var source: String
    /// The IPCC categories the item's lines land in when the item itself decides (an animal's enteric and manure
    /// sub-categories, a metal's 2.C code); empty otherwise.
    public var categories: [CategoryCode]
    /// Where the row is.
    public var location: InputLocation

    /// Creates an item.
    public init(id: String, kind: ItemKind, group: String, isBiomass: Bool, nameEN: String, nameZH: String,
                source: String, categories: [CategoryCode] = [], location: InputLocation) {
        self.id = id
        self.categories = categories
        self.kind = kind
        self.group = group
        self.isBiomass = isBiomass
        self.nameEN = nameEN
        self.nameZH = nameZH
        self.source = source
        self.location = location
    }
}

/// The vocabulary of items: the shared `items.csv` plus any the project's own factor set adds.
public struct ItemCatalog: Sendable {
    private var byID: [String: Item] = [:]

    /// Creates a catalogue; an id given twice is an error naming both rows.
    public init(_ items: [Item], diagnostics: inout DiagnosticLog) {
        byID = uniqueIndex(items, key: \.id, location: \.location, what: { "item '\($0.id)'" },
                           diagnostics: &diagnostics)
    }

    /// The item with this id, or nil.
    public subscript(id: String) -> Item? { byID[id] }

    /// Every item, sorted by id.
    public var all: [Item] { byID.values.sorted { $0.id < $1.id } }

    /// The ids of the items whose Chinese or English name is `name` (exactly; English ignoring case): one for a
    /// name a row may use in place of the id, several for an ambiguous one.
    ///
    /// - Complexity: O(*n*) over the items; the resolution calls it once per distinct name written.
    public func ids(named name: String) -> [String] {
        let lower = name.lowercased()
        return byID.values.filter { $0.nameZH == name || (!$0.nameEN.isEmpty && $0.nameEN.lowercased() == lower) }
            .map(\.id).sorted()
    }

    /// Ids close to `id` (same prefix or containing it), for "did you mean" hints.
    public func suggestions(for id: String, limit: Int = 3) -> [String] {
        let lower = id.lowercased()
        return byID.keys.filter { $0.contains(lower) || lower.contains($0) || $0.hasPrefix(String(lower.prefix(3))) }
            .sorted().prefix(limit).map { $0 }
    }
}
