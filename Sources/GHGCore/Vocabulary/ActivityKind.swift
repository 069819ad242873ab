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
    /// Clinker produced, 2.A.1 (IPCC Tier 2 on clinker data).
    public static let clinkerProduction = ActivityKind("clinker_production")
    /// Cement produced, by cement type, 2.A.1 (IPCC Tier 1 on cement data).
    public static let cementProduction = ActivityKind("cement_production")
    /// Clinker imported or exported (technology `import` / `export`), the Tier 1 trade correction of 2.A.1.
    public static let clinkerTrade = ActivityKind("clinker_trade")
    /// Lime produced, by lime type, for process CO2, 2.A.2.
    public static let limeProduction = ActivityKind("lime_production")
    /// Glass produced, 2.A.3.
    public static let glassProduction = ActivityKind("glass_production")
    /// Carbonate consumed in an industrial process, 2.A.4 (or the using category, such as flux in 2.C.1).
    public static let carbonateUse = ActivityKind("carbonate_use")
    /// Ammonia produced, by feedstock fuel, 2.B.1.
    public static let ammoniaProduction = ActivityKind("ammonia_production")
    /// CO2 recovered from ammonia production for downstream use (urea), subtracted in 2.B.1.
    public static let co2Recovery = ActivityKind("co2_recovery")
    /// Nitric acid produced, 2.B.2.
    public static let nitricAcidProduction = ActivityKind("nitric_acid_production")
    /// Adipic acid produced, 2.B.3.
    public static let adipicAcidProduction = ActivityKind("adipic_acid_production")
    /// Calcium or silicon carbide produced, 2.B.5.
    public static let carbideProduction = ActivityKind("carbide_production")
    /// HCFC-22 produced, for its HFC-23 by-product, 2.B.9.a.
    public static let hcfc22Production = ActivityKind("hcfc22_production")
    /// A metal, alloy or intermediate produced (iron and steel, ferroalloys, aluminium, magnesium, lead, zinc), 2.C.
    public static let metalProduction = ActivityKind("metal_production")
    /// SF6 contained in electrical equipment (the bank), 2.G.1.
    public static let sf6Equipment = ActivityKind("sf6_equipment")
    /// Average annual population of an animal, 3.A (enteric, manure, and the manure N of 3.C).
    public static let livestockPopulation = ActivityKind("livestock_population")
    /// Harvested rice area by season, 3.C.7.
    public static let riceCultivation = ActivityKind("rice_cultivation")
    /// Nitrogen applied to managed soils, 3.C.4 (direct) and 3.C.5 (indirect).
    public static let nitrogenInput = ActivityKind("nitrogen_input")
    /// Crop production, for the nitrogen of its residues, 3.C.4 and 3.C.5.
    public static let cropResidue = ActivityKind("crop_residue")
    /// Urea applied, 3.C.3.
    public static let ureaApplication = ActivityKind("urea_application")
    /// Limestone or dolomite applied to soils, 3.C.2.
    public static let limeApplication = ActivityKind("lime_application")
    /// Growing-stock volume of a forest type at a survey (any year up to the last inventory year), 3.B.1.a: the
    /// stock-difference method between consecutive surveys (a series kind).
    public static let forestStock = ActivityKind("forest_stock")
    /// Standing volume in the inventory year, 3.B.1.a: the China provincial guideline's growth and consumption.
    public static let forestGrowth = ActivityKind("forest_growth")
    /// Area of a forest type (or of mangrove), 3.B.1.a / 3.B.4: the gain of the gain-loss method.
    public static let forestArea = ActivityKind("forest_area")
    /// Roundwood or fuelwood removed, 3.B.1.a: the loss of the gain-loss method.
    public static let woodRemovals = ActivityKind("wood_removals")
    /// Area converted from one land use to another in the year, 3.B.x.b.
    public static let landConversion = ActivityKind("land_conversion")
    /// Area of a coastal wetland and what happened to it, 3.B.4 (2013 Wetlands Supplement Ch.4).
    public static let coastalWetland = ActivityKind("coastal_wetland")
    /// Waste composted or digested anaerobically, 4.B.
    public static let biologicalTreatment = ActivityKind("biological_treatment")
    /// Waste incinerated without energy recovery, 4.C.1.
    public static let wasteIncineration = ActivityKind("waste_incineration")
    /// Waste burned in the open, 4.C.2.
    public static let openBurning = ActivityKind("open_burning")
    /// Waste deposited at a disposal site in the row's year, 4.A (a series: deposits of earlier years are the
    /// history that first-order decay needs).
    public static let solidWasteDisposal = ActivityKind("solid_waste_disposal")
    /// CH4 recovered (flared or used) at a landfill, a composting or digestion plant or a wastewater plant, 4.A, 4.B,
    /// 4.D: subtracted in its category.
    public static let methaneRecovery = ActivityKind("methane_recovery")
    /// Organics (BOD or COD) or nitrogen of domestic wastewater entering a treatment or discharge pathway, 4.D.1.
    public static let domesticWastewater = ActivityKind("domestic_wastewater")
    /// Industrial wastewater: an industry's product, its wastewater volume, or its COD or nitrogen, 4.D.2.
    public static let industrialWastewater = ActivityKind("industrial_wastewater")
    /// Organics removed as sludge from a wastewater pathway, 4.D.1 and 4.D.2: subtracted from its TOW.
    public static let sludgeRemoval = ActivityKind("sludge_removal")

    /// The Chinese name of each kind, as a statistics office writes it in the `activity` column (accepted in place
    /// of the id; the lineage records the alias).
    public static let chineseNames: [ActivityKind: String] = [
        .fuelCombustion: "燃料燃烧", .fuelNonEnergyUse: "非能源利用", .coalMining: "煤炭开采",
        .oilGasSystem: "油气系统", .electricityNetImport: "电力净调入", .heatNetImport: "热力净调入",
        .directEmission: "直接排放", .fuelSupply: "燃料供应", .clinkerProduction: "熟料生产",
        .cementProduction: "水泥生产", .clinkerTrade: "熟料调入调出", .limeProduction: "石灰生产",
        .glassProduction: "玻璃生产", .carbonateUse: "碳酸盐使用", .ammoniaProduction: "合成氨生产",
        .co2Recovery: "二氧化碳回收", .nitricAcidProduction: "硝酸生产", .adipicAcidProduction: "己二酸生产",
        .carbideProduction: "碳化物生产", .hcfc22Production: "HCFC-22生产", .metalProduction: "金属冶炼",
        .sf6Equipment: "六氟化硫电气设备", .livestockPopulation: "畜禽饲养", .riceCultivation: "水稻种植",
        .nitrogenInput: "氮肥施用", .cropResidue: "秸秆还田", .ureaApplication: "尿素施用",
        .limeApplication: "石灰施用", .forestStock: "森林蓄积量", .forestGrowth: "活立木生长消耗",
        .forestArea: "森林面积", .woodRemovals: "木材采伐", .landConversion: "土地转化",
        .coastalWetland: "滨海湿地", .biologicalTreatment: "生物处理", .wasteIncineration: "废弃物焚烧",
        .openBurning: "露天焚烧", .solidWasteDisposal: "固体废弃物填埋", .methaneRecovery: "甲烷回收",
        .domesticWastewater: "生活污水", .industrialWastewater: "工业废水", .sludgeRemoval: "污泥清除",
    ]

    /// The kind a Chinese name stands for.
    public static let byName: [String: ActivityKind] = {
        var d: [String: ActivityKind] = [:]
        for (kind, name) in chineseNames {
            precondition(d[name] == nil, "two activity kinds named \(name)")
            d[name] = kind
        }
        return d
    }()
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
