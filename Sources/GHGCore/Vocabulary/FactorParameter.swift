/// A factor parameter: what a factor row's value is (`ncv`, `carbon_content`, `ef_ch4`, `doc`, ...).
///
/// An open code set in the manner of swift-system's `Errno`: every parameter a method may look up is a documented
/// static member, and ``FactorParameter/registry`` says which unit dimensions each accepts and which range its value
/// must lie in. The factor-set reader rejects a row whose parameter is unknown, whose unit has a dimension the
/// parameter does not accept, or whose value is out of range, at load, located at the row. The names are the
/// interface of users' factor sets (`methods.md`): keep them exactly.
public struct FactorParameter: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible,
                                ExpressibleByStringLiteral {
    /// The name as written in the `parameter` column.
    public let rawValue: String
    /// Creates a parameter.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a parameter.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// A parameter written as a literal (`"ncv"`).
    public init(stringLiteral value: String) { rawValue = value }
    /// The name.
    public var description: String { rawValue }
    /// Alphabetical order.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// What the parameter accepts: the unit dimensions (with species), the value range, and its meaning.
    public var spec: ParameterSpec? { Self.registry[self] }

    // MARK: Energy

    /// Net calorific value: energy per mass, volume or standard coal (`TJ/Gg`, `GJ/t`, `kJ/m3`).
    public static let ncv = FactorParameter("ncv")
    /// Carbon content per unit energy (`tC/TJ`).
    public static let carbonContent = FactorParameter("carbon_content")
    /// Carbon oxidation fraction (`1`, `%`).
    public static let oxidation = FactorParameter("oxidation")
    /// CO2 emission factor per unit of activity (energy, volume, mass of product).
    public static let efCO2 = FactorParameter("ef_co2")
    /// CH4 emission factor per unit of activity (energy, volume, mass, head, area; volume per mass for coal mining).
    public static let efCH4 = FactorParameter("ef_ch4")
    /// N2O emission factor per unit of activity (energy, volume, mass, head; N2O-N per N as a fraction).
    public static let efN2O = FactorParameter("ef_n2o")
    /// A plausibility range for implied CO2 emission factors (emissions ÷ activity): `low` and `high` are what the
    /// `implied_factor` check holds a category's implied factor against; never used to compute a line.
    public static let iefCO2 = FactorParameter("ief_co2")
    /// A plausibility range for implied CH4 emission factors (see ``iefCO2``).
    public static let iefCH4 = FactorParameter("ief_ch4")
    /// A plausibility range for implied N2O emission factors (see ``iefCO2``).
    public static let iefN2O = FactorParameter("ief_n2o")
    /// CF4 emission factor per mass of product (aluminium).
    public static let efCF4 = FactorParameter("ef_cf4")
    /// C2F6 emission factor per mass of product (aluminium).
    public static let efC2F6 = FactorParameter("ef_c2f6")
    /// HFC-23 emission factor per mass of HCFC-22 produced.
    public static let efHFC23 = FactorParameter("ef_hfc23")
    /// SF6 emission factor per mass of product.
    public static let efSF6 = FactorParameter("ef_sf6")
    /// Density of a substance (`kg/m3`): methane, to turn fugitive volumes into mass.
    public static let density = FactorParameter("density")
    /// Standard-coal coefficient per physical unit (`kgce/kg`, `kgce/m3`, `kgce/kWh`).
    public static let tceCoefficient = FactorParameter("tce_coefficient")
    /// Electricity CO2 factor (`tCO2/MWh`).
    public static let gridEF = FactorParameter("grid_ef")
    /// Heat CO2 factor (`tCO2/GJ`).
    public static let heatEF = FactorParameter("heat_ef")

    // MARK: Industrial processes

    /// CO2 per mass of clinker, CKD included (`tCO2/t`).
    public static let efClinker = FactorParameter("ef_clinker")
    /// CaO content of clinker (fraction).
    public static let caoContent = FactorParameter("cao_content")
    /// Cement kiln dust correction factor (≥ 1, dimensionless).
    public static let ckdCorrection = FactorParameter("ckd_correction")
    /// Clinker fraction of a cement type (fraction).
    public static let clinkerFraction = FactorParameter("clinker_fraction")
    /// Cullet ratio of glass production (fraction).
    public static let culletRatio = FactorParameter("cullet_ratio")
    /// Fraction of a carbonate calcined (fraction).
    public static let calcinationFraction = FactorParameter("calcination_fraction")
    /// Fuel requirement of ammonia production (`GJ/t`).
    public static let fuelRequirement = FactorParameter("fuel_requirement")
    /// N2O destruction factor of an abatement technology (fraction).
    public static let destructionFactor = FactorParameter("destruction_factor")
    /// Abatement system utilisation factor (fraction).
    public static let abatementUtilisation = FactorParameter("abatement_utilisation")
    /// Annual leak rate of SF6 from equipment (fraction per year).
    public static let leakRate = FactorParameter("leak_rate")

    // MARK: Agriculture

    /// Volatile solids excretion rate (`kg/t/d`: kg VS per 1000 kg animal mass per day).
    public static let vsRate = FactorParameter("vs_rate")
    /// Typical animal mass (`kg/head`).
    public static let animalMass = FactorParameter("animal_mass")
    /// Share of an animal's manure handled in a management system (fraction; technology = system).
    public static let manureSystemShare = FactorParameter("manure_system_share")
    /// CH4 per mass of volatile solids in a manure system (`g CH4/kg`).
    public static let efCH4VS = FactorParameter("ef_ch4_vs")
    /// Nitrogen excretion rate (`kg N/t/d`: kg N per 1000 kg animal mass per day).
    public static let nRate = FactorParameter("n_rate")
    /// Direct N2O-N per N of a manure management system (fraction, kg N2O-N/kg N).
    public static let ef3 = FactorParameter("ef3")
    /// Fraction of managed manure N volatilised, by system (fraction).
    public static let fracGasMS = FactorParameter("frac_gas_ms")
    /// Fraction of managed manure N leached, by system (fraction).
    public static let fracLeachMS = FactorParameter("frac_leach_ms")
    /// N2O-N per N volatilised and redeposited (fraction).
    public static let ef4 = FactorParameter("ef4")
    /// N2O-N per N leached or run off (fraction).
    public static let ef5 = FactorParameter("ef5")
    /// Direct N2O-N per N applied to managed soils (fraction; technology `flooded_rice` for EF1FR).
    public static let ef1 = FactorParameter("ef1")
    /// Direct N2O-N per N deposited by grazing animals (fraction).
    public static let ef3PRP = FactorParameter("ef3_prp")
    /// Fraction of applied N volatilised (fraction).
    public static let fracGas = FactorParameter("frac_gas")
    /// Fraction of applied N leached (fraction).
    public static let fracLeach = FactorParameter("frac_leach")
    /// Nitrogen content of a product mass (fraction).
    public static let nContent = FactorParameter("n_content")
    /// Rice CH4 per area and season, China route (`kg CH4/ha`).
    public static let efCH4Daily = FactorParameter("ef_ch4_daily")
    /// Rice cultivation period (`d`).
    public static let cultivationDays = FactorParameter("cultivation_days")
    /// Rice scaling factor for the water regime during cultivation.
    public static let sfWater = FactorParameter("sf_water")
    /// Rice scaling factor for the pre-season water regime.
    public static let sfPreseason = FactorParameter("sf_preseason")
    /// Rice scaling factor for organic amendments.
    public static let sfOrganic = FactorParameter("sf_organic")
    /// Rice: conversion factor of an organic amendment (CFOA, IPCC 2006 Vol.4 Table 5.14), by amendment
    /// (technology), for computing SFo from the amounts applied (Eq. 5.3).
    public static let cfoa = FactorParameter("cfoa")
    /// Dry-matter fraction of harvested crop (fraction).
    public static let dryMatterFraction = FactorParameter("dry_matter_fraction")
    /// Ratio of above-ground residue to harvested dry matter.
    public static let residueRatio = FactorParameter("residue_ratio")
    /// Fraction of area renewed annually (fraction).
    public static let fracRenew = FactorParameter("frac_renew")
    /// N content of above-ground residues (fraction).
    public static let nAboveGround = FactorParameter("n_above_ground")
    /// Fraction of above-ground residues removed (fraction).
    public static let fracRemove = FactorParameter("frac_remove")
    /// Fraction of area burnt (fraction).
    public static let fracBurnt = FactorParameter("frac_burnt")
    /// Combustion factor (fraction).
    public static let combustionFactor = FactorParameter("combustion_factor")
    /// Ratio of below-ground to above-ground biomass.
    public static let rootShootRatio = FactorParameter("root_shoot_ratio")
    /// N content of below-ground residues (fraction).
    public static let nBelowGround = FactorParameter("n_below_ground")
    /// Carbon fraction (t C per t of mass: urea, lime, dry matter, waste).
    public static let carbonFraction = FactorParameter("carbon_fraction")

    // MARK: Land use, land-use change and forestry

    /// Biomass conversion and expansion factor for growing stock (`t/m3`).
    public static let bcef = FactorParameter("bcef")
    /// Biomass conversion and expansion factor for removals (`t/m3`).
    public static let bcefRemovals = FactorParameter("bcef_removals")
    /// Basic wood density (`t/m3`).
    public static let woodDensity = FactorParameter("wood_density")
    /// Biomass expansion factor (dimensionless).
    public static let bef = FactorParameter("bef")
    /// Annual growth rate of growing stock (fraction per year).
    public static let growthRate = FactorParameter("growth_rate")
    /// Annual consumption rate of growing stock (fraction per year).
    public static let consumptionRate = FactorParameter("consumption_rate")
    /// Above-ground biomass growth (`t/ha/yr`, dry matter).
    public static let biomassGrowth = FactorParameter("biomass_growth")
    /// Biomass stock before a land conversion (`t/ha`, dry matter).
    public static let biomassBefore = FactorParameter("biomass_before")
    /// Biomass stock after a land conversion (`t/ha`, dry matter).
    public static let biomassAfter = FactorParameter("biomass_after")
    /// Soil carbon accumulation of a coastal wetland (`tC/ha/yr`).
    public static let carbonAccumulation = FactorParameter("carbon_accumulation")
    /// Soil carbon stock lost on extraction (`tC/ha`).
    public static let soilCarbonStock = FactorParameter("soil_carbon_stock")
    /// Soil carbon lost each year from drainage (`tC/ha/yr`).
    public static let drainageLoss = FactorParameter("drainage_loss")
    /// Carbon sequestered per area and year by an existing coastal wetland, for the separate
    /// `blue_carbon_sequestration` indicator (`tC/ha/yr`; HY/T 0349-2022 practice, never an inventory line).
    public static let blueCarbonSequestrationRate = FactorParameter("blue_carbon_sequestration_rate")

    // MARK: Waste

    /// Degradable organic carbon (fraction of wet waste).
    public static let doc = FactorParameter("doc")
    /// Fraction of DOC that decomposes (fraction).
    public static let docf = FactorParameter("docf")
    /// Methane correction factor (fraction; technology = site type or pathway).
    public static let mcf = FactorParameter("mcf")
    /// Fraction of CH4 in landfill gas (fraction).
    public static let methaneFraction = FactorParameter("methane_fraction")
    /// First-order decay rate (`1/yr`).
    public static let decayRate = FactorParameter("decay_rate")
    /// Share of a component in bulk waste (fraction; technology = component).
    public static let wasteComposition = FactorParameter("waste_composition")
    /// Dry-matter fraction of wet waste (fraction).
    public static let dryMatter = FactorParameter("dry_matter")
    /// Fossil fraction of total carbon (fraction).
    public static let fossilCarbonFraction = FactorParameter("fossil_carbon_fraction")
    /// Maximum CH4 producing capacity (`kg CH4/kg BOD` or `kg CH4/kg COD`).
    public static let bo = FactorParameter("bo")
    /// Fraction of organics removed before the effluent (fraction, 2019 Refinement).
    public static let towRemoval = FactorParameter("tow_removal")
    /// MCF of the effluent's receiving water (fraction, 2019 Refinement).
    public static let mcfEffluent = FactorParameter("mcf_effluent")
    /// Fraction of nitrogen removed in treatment (fraction, 2019 Refinement).
    public static let nRemoval = FactorParameter("n_removal")
    /// N2O-N per N in the effluent (fraction).
    public static let efN2OEffluent = FactorParameter("ef_n2o_effluent")
    /// Per-capita BOD (`g/person/d`).
    public static let bodPerCapita = FactorParameter("bod_per_capita")
    /// Industrial co-discharge factor (dimensionless).
    public static let codischargeFactor = FactorParameter("codischarge_factor")
    /// Per-capita protein consumption (`kg/person/yr`).
    public static let proteinPerCapita = FactorParameter("protein_per_capita")
    /// Nitrogen in protein (fraction, kg N/kg protein).
    public static let fNPR = FactorParameter("f_npr")
    /// Factor for non-consumed protein (dimensionless).
    public static let fNonCon = FactorParameter("f_non_con")
    /// Factor for industrial and commercial co-discharged protein (dimensionless).
    public static let fIndCom = FactorParameter("f_ind_com")
    /// Wastewater generated per mass of product (`m3/t`).
    public static let wastewaterPerProduct = FactorParameter("wastewater_per_product")
    /// COD concentration of wastewater (`kg/m3`).
    public static let codConcentration = FactorParameter("cod_concentration")
    /// Total nitrogen concentration of wastewater (`kg/m3`).
    public static let tnConcentration = FactorParameter("tn_concentration")
    /// N2O of advanced centralised wastewater treatment plants per person served (IPCC 2006 Vol.5 Ch.6 Eq. 6.9,
    /// EF_PLANT).
    public static let efN2OPlant = FactorParameter("ef_n2o_plant")
}

/// The range a parameter's value (in base units) must lie in.
public enum ParameterRange: Hashable, Sendable {
    /// Any finite value.
    case any
    /// Zero or more.
    case nonNegative
    /// A fraction in [0, 1].
    case fraction

    /// Whether `x` lies in the range.
    public func contains(_ x: Double) -> Bool {
        switch self {
        case .any: x.isFinite
        case .nonNegative: x.isFinite && x >= 0
        case .fraction: x.isFinite && x >= 0 && x <= 1
        }
    }

    /// The interval of the range, for truncating draws.
    public var bounds: ClosedRange<Double> {
        switch self {
        case .any: -Double.infinity ... Double.infinity
        case .nonNegative: 0 ... Double.infinity
        case .fraction: 0 ... 1
        }
    }

    /// `a fraction in [0, 1]`, `zero or more`.
    public var text: String {
        switch self {
        case .any: "a finite number"
        case .nonNegative: "zero or more"
        case .fraction: "a fraction in [0, 1] (e.g. 0.98 with unit 1, or 98 with unit %)"
        }
    }
}

/// What a factor parameter accepts.
public struct ParameterSpec: Hashable, Sendable {
    /// The unit requirements, any of which a row's unit may satisfy.
    public var units: [UnitRequirement]
    /// The range of the value in base units.
    public var range: ParameterRange
    /// What the value means, for messages and documentation.
    public var meaning: String

    /// Creates a spec.
    public init(_ units: [UnitRequirement], range: ParameterRange = .nonNegative, _ meaning: String) {
        self.units = units
        self.range = range
        self.meaning = meaning
    }

    /// Whether a unit satisfies one of the requirements.
    public func accepts(_ unit: MeasurementUnit) -> Bool { units.contains { $0.accepts(unit) } }

    /// The examples of the requirements, for messages: `energy per mass, e.g. GJ/t; …`.
    public var expected: String { units.map(\.example).joined(separator: "; or ") }
}

/// What a factor's unit must be: a dimension and the species its masses may name.
public struct UnitRequirement: Hashable, Sendable {
    /// The dimension.
    public var dimension: PhysicalDimension
    /// The species the numerator mass may name (nil: none may be named).
    public var species: Species?
    /// Whether a unit that names no numerator species is acceptable.
    public var allowsNone: Bool
    /// The species a denominator mass must name, if any (`kg CH4/kg BOD`).
    public var perSpecies: Species?
    /// What to show the user (`carbon mass per energy, e.g. tC/TJ`).
    public var example: String

    /// Creates a requirement.
    public init(_ dimension: PhysicalDimension, species: Species? = nil, allowsNone: Bool = true,
                perSpecies: Species? = nil, example: String) {
        self.dimension = dimension
        self.species = species
        self.allowsNone = allowsNone
        self.perSpecies = perSpecies
        self.example = example
    }

    /// Whether a unit satisfies the requirement.
    public func accepts(_ unit: MeasurementUnit) -> Bool {
        guard unit.dimension == dimension else { return false }
        if let p = unit.perSpecies, p != perSpecies { return false }
        if unit.perSpecies == nil, perSpecies != nil { return false }
        if let s = unit.species { return s == species }
        return allowsNone
    }
}

extension FactorParameter {
    private static func u(_ d: PhysicalDimension, _ sp: Species, none: Bool = true, per: Species? = nil,
                          _ example: String) -> UnitRequirement {
        UnitRequirement(d, species: sp, allowsNone: none, perSpecies: per, example: example)
    }
    private static func u(_ d: PhysicalDimension, _ example: String) -> UnitRequirement {
        UnitRequirement(d, example: example)
    }
    private static let fraction = [u(.dimensionless, "a fraction (unit 1 or %)")]
    private static let dimensionless = [u(.dimensionless, "a dimensionless number (unit 1)")]
    private static let perYear = [u(.dimensionless, "a fraction per year (unit 1 or %)"),
                                  u(.dimensionless / .time, "a rate per year, e.g. 1/yr")]
    private static func gasFactor(_ sp: Species, _ gas: String) -> [UnitRequirement] {
        [u(.mass / .energy, sp, "\(gas) mass per energy, e.g. kg/TJ"),
         u(.mass / .volume, sp, "\(gas) mass per volume, e.g. Gg/10^6 m3"),
         u(.mass / .mass, sp, "\(gas) mass per mass, e.g. t/t or kg/Gg"),
         u(.mass / (.headCount * .time), sp, "\(gas) mass per head and year, e.g. kg/head/yr"),
         u(.mass / .area, sp, "\(gas) mass per area, e.g. kg/ha"),
         u(.mass / .standardCoal, sp, "\(gas) mass per standard coal, e.g. t/tce")]
    }

    /// The parameters that convert an item's physical amount into energy or standard coal, whose rows may come in
    /// calibers (technologies such as `oilfield_gas` and `gasfield_gas` of `natural_gas`) that a project chooses per
    /// item (``ProjectConfig/calibers``).
    public static let caliberParameters: Set<FactorParameter> = [.ncv, .tceCoefficient]

    /// Every parameter the methods look up, with its units and range.
    public static let registry: [FactorParameter: ParameterSpec] = {
        var r: [FactorParameter: ParameterSpec] = [:]
        // Energy.
        r[.ncv] = ParameterSpec([u(.energy / .mass, "energy per mass, e.g. GJ/t or TJ/Gg"),
                                 u(.energy / .volume, "energy per volume, e.g. kJ/m3 or GJ/10^4 m3"),
                                 u(.energy / .standardCoal, "energy per standard coal, e.g. GJ/tce")],
                                "net calorific value")
        r[.carbonContent] = ParameterSpec([u(.mass / .energy, .carbon, none: false,
                                             "carbon mass per energy, e.g. tC/TJ")], "carbon content per energy")
        r[.oxidation] = ParameterSpec(fraction, range: .fraction, "carbon oxidation fraction")
        r[.efCO2] = ParameterSpec(gasFactor(.co2, "CO2"), "CO2 emission factor")
        r[.iefCO2] = ParameterSpec(gasFactor(.co2, "CO2"), "plausible implied CO2 emission factor (a range)")
        r[.iefCH4] = ParameterSpec(gasFactor(.ch4, "CH4"), "plausible implied CH4 emission factor (a range)")
        r[.iefN2O] = ParameterSpec(gasFactor(.n2o, "N2O"), "plausible implied N2O emission factor (a range)")
        r[.efCH4] = ParameterSpec(gasFactor(.ch4, "CH4") + [u(.volume / .mass, "CH4 volume per mass, e.g. m3/t")],
                                  "CH4 emission factor")
        r[.efN2O] = ParameterSpec(gasFactor(.n2o, "N2O")
                                  + [u(.dimensionless, "N2O-N per N as a fraction (unit 1)"),
                                     u(.mass / (.population * .time), .n2o, "N2O mass per person and year, e.g. g/person/yr")],
                                  "N2O emission factor")
        r[.efCF4] = ParameterSpec(gasFactor(.cf4, "CF4"), "CF4 emission factor")
        r[.efC2F6] = ParameterSpec(gasFactor(.c2f6, "C2F6"), "C2F6 emission factor")
        r[.efHFC23] = ParameterSpec(gasFactor(.hfc23, "HFC-23"), "HFC-23 emission factor")
        r[.efSF6] = ParameterSpec(gasFactor(.sf6, "SF6"), "SF6 emission factor")
        r[.density] = ParameterSpec([u(.mass / .volume, .ch4, "mass per volume, e.g. kg/m3")], "density")
        r[.tceCoefficient] = ParameterSpec([u(.standardCoal / .mass, "standard coal per mass, e.g. kgce/kg"),
                                            u(.standardCoal / .volume, "standard coal per volume, e.g. kgce/m3"),
                                            u(.standardCoal / .electricity, "standard coal per electricity, e.g. kgce/kWh"),
                                            u(.standardCoal / .energy, "standard coal per energy, e.g. kgce/MJ")],
                                           "standard-coal coefficient")
        r[.gridEF] = ParameterSpec([u(.mass / .electricity, .co2, "CO2 mass per electricity, e.g. tCO2/MWh")],
                                   "electricity CO2 factor")
        r[.heatEF] = ParameterSpec([u(.mass / .energy, .co2, "CO2 mass per energy, e.g. tCO2/GJ")], "heat CO2 factor")
        // Industrial processes.
        r[.efClinker] = ParameterSpec([u(.dimensionless, .co2, "CO2 per mass of clinker, e.g. tCO2/t")],
                                      "CO2 per clinker")
        r[.caoContent] = ParameterSpec(fraction, range: .fraction, "CaO content of clinker")
        r[.ckdCorrection] = ParameterSpec(dimensionless, "CKD correction factor")
        r[.clinkerFraction] = ParameterSpec(fraction, range: .fraction, "clinker fraction of cement")
        r[.culletRatio] = ParameterSpec(fraction, range: .fraction, "cullet ratio")
        r[.calcinationFraction] = ParameterSpec(fraction, range: .fraction, "fraction calcined")
        r[.fuelRequirement] = ParameterSpec([u(.energy / .mass, "energy per mass of product, e.g. GJ/t")],
                                            "fuel requirement")
        r[.destructionFactor] = ParameterSpec(fraction, range: .fraction, "N2O destruction factor")
        r[.abatementUtilisation] = ParameterSpec(fraction, range: .fraction, "abatement utilisation factor")
        r[.leakRate] = ParameterSpec(perYear, range: .fraction, "annual leak rate")
        // Agriculture.
        r[.vsRate] = ParameterSpec([u(.dimensionless / .time, "VS per animal mass per day, e.g. kg/t/d")], "VS rate")
        r[.animalMass] = ParameterSpec([u(.mass / .headCount, "mass per head, e.g. kg/head")], "animal mass")
        r[.manureSystemShare] = ParameterSpec(fraction, range: .fraction, "manure management system share")
        r[.efCH4VS] = ParameterSpec([u(.dimensionless, .ch4, "CH4 per mass of VS, e.g. g CH4/kg")], "CH4 per VS")
        r[.nRate] = ParameterSpec([u(.dimensionless / .time, .nitrogen, "N per animal mass per day, e.g. kg N/t/d")],
                                  "N excretion rate")
        for p in [FactorParameter.ef3, .fracGasMS, .fracLeachMS, .ef4, .ef5, .ef1, .ef3PRP, .fracGas, .fracLeach,
                  .dryMatterFraction, .fracRenew, .fracRemove, .fracBurnt, .combustionFactor] {
            r[p] = ParameterSpec(fraction, range: .fraction, p.rawValue)
        }
        for p in [FactorParameter.nContent, .nAboveGround, .nBelowGround] {
            r[p] = ParameterSpec([u(.dimensionless, .nitrogen, "N per mass as a fraction, e.g. kg N/kg or 1")],
                                 range: .fraction, p.rawValue)
        }
        r[.efCH4Daily] = ParameterSpec([u(.mass / (.area * .time), .ch4, "CH4 per area and day, e.g. kg CH4/ha/d")],
                                       "rice CH4 per area and day")
        r[.cultivationDays] = ParameterSpec([u(.time, "days, e.g. 120 d")], "cultivation period")
        for p in [FactorParameter.sfWater, .sfPreseason, .sfOrganic, .cfoa, .residueRatio, .rootShootRatio, .bef] {
            r[p] = ParameterSpec(dimensionless, p.rawValue)
        }
        r[.carbonFraction] = ParameterSpec([u(.dimensionless, .carbon, "carbon per mass, e.g. tC/t or 1")],
                                           range: .fraction, "carbon fraction")
        // LULUCF.
        for p in [FactorParameter.bcef, .bcefRemovals, .woodDensity] {
            r[p] = ParameterSpec([u(.mass / .volume, "dry matter per volume, e.g. t/m3")], p.rawValue)
        }
        r[.growthRate] = ParameterSpec(perYear, range: .fraction, "growth rate of growing stock")
        r[.consumptionRate] = ParameterSpec(perYear, range: .fraction, "consumption rate of growing stock")
        r[.biomassGrowth] = ParameterSpec([u(.mass / (.area * .time), "dry matter per area and year, e.g. t/ha/yr")],
                                          "biomass growth")
        for p in [FactorParameter.biomassBefore, .biomassAfter] {
            r[p] = ParameterSpec([u(.mass / .area, "dry matter per area, e.g. t/ha"),
                                  u(.mass / .area, .carbon, none: false, "carbon per area, e.g. tC/ha")], p.rawValue)
        }
        r[.carbonAccumulation] = ParameterSpec([u(.mass / (.area * .time), .carbon, "carbon per area and year, e.g. tC/ha/yr")],
                                               "soil carbon accumulation")
        r[.soilCarbonStock] = ParameterSpec([u(.mass / .area, .carbon, "carbon per area, e.g. tC/ha")],
                                            "soil carbon stock")
        r[.drainageLoss] = ParameterSpec([u(.mass / (.area * .time), .carbon, "carbon per area and year, e.g. tC/ha/yr")],
                                         "soil carbon lost by drainage")
        r[.blueCarbonSequestrationRate] = ParameterSpec(
            [u(.mass / (.area * .time), .carbon, "carbon per area and year, e.g. tC/ha/yr")],
            "blue-carbon sequestration rate (indicator only)")
        // Waste.
        r[.doc] = ParameterSpec([u(.dimensionless, .carbon, "carbon per wet mass, e.g. tC/t or 1")], range: .fraction,
                                "degradable organic carbon")
        for p in [FactorParameter.docf, .mcf, .methaneFraction, .wasteComposition, .dryMatter,
                  .fossilCarbonFraction, .towRemoval, .mcfEffluent, .nRemoval, .efN2OEffluent] {
            r[p] = ParameterSpec(fraction, range: .fraction, p.rawValue)
        }
        r[.decayRate] = ParameterSpec([u(.dimensionless / .time, "a rate, e.g. 0.185 1/yr")], "decay rate")
        r[.bo] = ParameterSpec([u(.dimensionless, .ch4, per: .bod, "CH4 per BOD, e.g. kg CH4/kg BOD"),
                                u(.dimensionless, .ch4, per: .cod, "CH4 per COD, e.g. kg CH4/kg COD")],
                               "maximum CH4 producing capacity")
        r[.bodPerCapita] = ParameterSpec([u(.mass / (.population * .time), .bod, "BOD per person and day, e.g. g/person/d")],
                                         "BOD per person")
        r[.proteinPerCapita] = ParameterSpec([u(.mass / (.population * .time), "protein per person and year, e.g. kg/person/yr")],
                                             "protein per person")
        r[.fNPR] = ParameterSpec([u(.dimensionless, .nitrogen, "N per protein, e.g. kg N/kg")], range: .fraction,
                                 "nitrogen in protein")
        for p in [FactorParameter.codischargeFactor, .fNonCon, .fIndCom] {
            r[p] = ParameterSpec(dimensionless, p.rawValue)
        }
        r[.wastewaterPerProduct] = ParameterSpec([u(.volume / .mass, "volume per mass, e.g. m3/t")], "wastewater per product")
        r[.codConcentration] = ParameterSpec([u(.mass / .volume, .cod, "COD per volume, e.g. kg COD/m3")], "COD concentration")
        r[.tnConcentration] = ParameterSpec([u(.mass / .volume, .nitrogen, "N per volume, e.g. kg N/m3")], "TN concentration")
        r[.efN2OPlant] = ParameterSpec([u(.mass / (.population * .time), .n2o, "N2O per person and year, e.g. g/person/yr")],
                                       "N2O of centralised plants per person")
        return r
    }()
}
