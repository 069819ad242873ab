/// The equations of wastewater treatment and discharge, 4.D (IPCC 2006 Vol.5 Ch.6, with the effluent terms of the
/// 2019 Refinement where the stack has their factors), shared by ``DomesticWastewater``, ``IndustrialWastewater``
/// and ``SludgeRemoval``.
///
/// A row is one load entering one treatment or discharge pathway (the technology: `centralised_aerobic`, `septic`,
/// `sea_river_lake`, …). The organic load TOW is given (t BOD or t COD, as the item says) or derived from the row:
///
///     persons served      TOW = P × BOD × I               (Eq. 6.3; BOD per person, I the co-discharge factor)
///     industrial product  TOW = P × W × COD               (Eq. 6.6; W wastewater per t, COD per m3)
///     wastewater volume   TOW = V × COD
///
/// and CH4 = TOW × Bo × MCF (Eq. 6.1, 6.2, 6.4, 6.5), with Bo looked up for the load's basis: 0.6 kg CH4/kg BOD or
/// 0.25 kg CH4/kg COD, and a factor of the other basis is an error, not a 2.4-fold error in the result. Sludge
/// removed (S) and CH4 recovered (R) are their own rows, subtracted as −S × Bo × MCF and −R. Where the stack has
/// `tow_removal` and `mcf_effluent` for the pathway, the effluent adds TOW × (1 − removal) × Bo × MCF_effluent.
///
/// Nitrogen N is given (t N) or derived (`P × Protein × F_NPR × F_NON-CON × F_IND-COM`, Eq. 6.8; `P × W × TN` for an
/// industry), and N2O = N × EF × 44/28 for the pathway's `ef_n2o` (kg N2O-N per kg N: the effluent factor of
/// Eq. 6.7 for a discharge pathway), or, for persons served by a centralised plant with no such factor,
/// N2O = P × F_IND-COM × EF_PLANT (Eq. 6.9); plus N × (1 − n_removal) × EF_effluent × 44/28 where the stack has
/// both.
public enum Wastewater {
    /// How a row gives its load.
    public enum Load: String, CaseIterable, Sendable {
        /// The load itself (t BOD, t COD, t N).
        case given
        /// Persons served.
        case persons
        /// An industry's product mass.
        case product
        /// An industry's wastewater volume.
        case volume

        /// The organic load (TOW) as an expression, and the number of factor slots it reads (from slot 0).
        var organics: (Expr, Int) {
            switch self {
            case .given: (.activityAs("TOW"), 0)
            case .persons: (.named("TOW", unit: "t", .product([.activityAs("P"), .factor(slot: 0, label: "BOD"),
                                                                 .factor(slot: 1, label: "I")]), display: .expanded), 2)
            case .product: (.named("TOW", unit: "t", .product([.activityAs("P"), .factor(slot: 0, label: "W"),
                                                                 .factor(slot: 1, label: "COD")]), display: .expanded), 2)
            case .volume: (.named("TOW", unit: "t", .product([.activityAs("V"), .factor(slot: 0, label: "COD")]),
                                  display: .expanded), 1)
            }
        }

        /// The nitrogen as an expression, and the number of factor slots it reads.
        var nitrogen: (Expr, Int) {
            switch self {
            case .given: (.activityAs("N"), 0)
            case .persons: (.named("N", unit: "t", .product([
                .activityAs("P"), .factor(slot: 0, label: "Protein"), .factor(slot: 1, label: "F_NPR"),
                .factor(slot: 2, label: "F_NON-CON"), .factor(slot: 3, label: "F_IND-COM")]), display: .expanded), 4)
            case .product: (.named("N", unit: "t", .product([.activityAs("P"), .factor(slot: 0, label: "W"),
                                                               .factor(slot: 1, label: "TN")]), display: .expanded), 2)
            case .volume: (.named("N", unit: "t", .product([.activityAs("V"), .factor(slot: 0, label: "TN")]),
                                  display: .expanded), 1)
            }
        }
    }

    /// Every wastewater formula.
    public static let formulas: [Formula] = {
        var out: [Formula] = []
        for load in Load.allCases {
            let (tow, k) = load.organics
            out.append(Formula("wastewater_ch4_\(load)", lhs: "CH4", .product([
                tow, .factor(slot: k, label: "Bo"), .factor(slot: k + 1, label: "MCF")])))
            out.append(Formula("wastewater_ch4_effluent_\(load)", lhs: "CH4", .product([
                tow, .oneMinus(.factor(slot: k, label: "removal")), .factor(slot: k + 1, label: "Bo"),
                .factor(slot: k + 2, label: "MCF_effluent")]), suffix: [.text(" (effluent)")]))
            let (n, m) = load.nitrogen
            out.append(Formula("wastewater_n2o_\(load)", lhs: "N2O", .product([
                n, .factor(slot: m, label: "EF"), .ratio(44, 28)])))
            out.append(Formula("wastewater_n2o_effluent_\(load)", lhs: "N2O", .product([
                n, .oneMinus(.factor(slot: m, label: "N_removal")), .factor(slot: m + 1, label: "EF_effluent"),
                .ratio(44, 28)]), suffix: [.text(" (effluent)")]))
        }
        out.append(Formula("wastewater_n2o_plant_persons", lhs: "N2O", .product([
            .activityAs("P"), .factor(slot: 0, label: "F_IND-COM"), .factor(slot: 1, label: "EF_PLANT")])))
        out.append(Formula("wastewater_sludge", lhs: "CH4", .product([
            .number(-1, "−1"), .activityAs("S"), .factor(slot: 0, label: "Bo"), .factor(slot: 1, label: "MCF")])))
        return out
    }()

    /// The formula of a name.
    static func formula(_ name: String) -> Formula {
        guard let f = formulas.first(where: { $0.name == name }) else { preconditionFailure("no formula \(name)") }
        return f
    }

    static let fraction = UnitRequirement(.dimensionless, example: "a fraction, e.g. 0.5 (unit 1)")

    /// The basis of an organics item: `bod` → BOD, `cod` → COD; nil for anything else.
    static func basis(_ item: String) -> Species? {
        item == "bod" ? .bod : item == "cod" ? .cod : nil
    }

    /// Bo for a basis; a factor of another basis is reported (at the row's item) as a basis error.
    static func bo(_ basis: Species, item: String? = nil, _ p: inout RowPlanner) -> ResolvedFactor? {
        let name = basis == .bod ? "BOD" : "COD"
        return p.factor(.bo, item: item ?? (basis == .bod ? "bod" : "cod"), requirement: UnitRequirement(
            .dimensionless, species: .ch4, perSpecies: basis,
            example: "CH4 per \(name), e.g. " + (basis == .bod ? "0.6 kg CH4/kg BOD" : "0.25 kg CH4/kg COD")
                + ", because the load is \(name); a Bo of the other basis would be wrong by a factor of 2.4"))
    }

    /// The pathway's MCF (or another fraction keyed by the pathway); a missing MCF names the pathways the stack has.
    static func mcf(_ p: inout RowPlanner, parameter: FactorParameter = .mcf) -> ResolvedFactor? {
        if let f = p.factor(parameter, requirement: fraction, quiet: true) { return f }
        let techs = p.context.factors.technologies(of: parameter, item: p.item)
        p.error(.missingFactor, .technology,
            "no '\(parameter)' for the pathway '\(p.technology ?? "")' of this \(p.activity) row (\(p.category)); "
                + "expected the treatment or discharge pathway in 'technology'"
                + (techs.isEmpty ? "" : ", one of " + techs.map { "'\($0)'" }.joined(separator: ", "))
                + ", or an '\(parameter)' row for it in the project's factors/ folder")
        return nil
    }

    /// The CH4 lines of an organic load: the pathway, then the effluent where the stack has its factors.
    static func organicsLines(_ p: inout RowPlanner, load: Load, loadFactors: [ResolvedFactor], basis: Species,
                              boItem: String? = nil) {
        guard let bo = bo(basis, item: boItem, &p), let mcf = mcf(&p) else { return }
        p.line(formula("wastewater_ch4_\(load)"), gas: .ch4, factors: loadFactors + [bo, mcf])
        if let removal = p.factor(.towRemoval, requirement: fraction, quiet: true),
           let effluent = p.factor(.mcfEffluent, requirement: fraction, quiet: true) {
            p.line(formula("wastewater_ch4_effluent_\(load)"), gas: .ch4, factors: loadFactors + [removal, bo, effluent])
        }
    }

    static let n2oPerN = UnitRequirement(.dimensionless, species: .nitrogen,
                                         example: "N2O-N per N, e.g. 0.005 (unit 1; the method multiplies by 44/28)")

    /// The N2O lines of a nitrogen load. `persons` carries F_IND-COM for the per-person plant factor.
    static func nitrogenLines(_ p: inout RowPlanner, load: Load, loadFactors: [ResolvedFactor],
                              fIndCom: ResolvedFactor? = nil) {
        var any = false
        if let ef = p.factor(.efN2O, item: "nitrogen", requirement: n2oPerN, quiet: true) {
            p.line(formula("wastewater_n2o_\(load)"), gas: .n2o, factors: loadFactors + [ef])
            any = true
        } else if load == .persons, let f = fIndCom,
                  let plant = p.factor(.efN2OPlant, item: "nitrogen", requirement: UnitRequirement(
                      .mass / (.population * .time), species: .n2o, example: "N2O per person and year, e.g. 3.2 g/person/yr"),
                                       quiet: true) {
            p.line(formula("wastewater_n2o_plant_persons"), gas: .n2o, factors: [f, plant])
            any = true
        }
        if let removal = p.factor(.nRemoval, item: "nitrogen", requirement: fraction, quiet: true),
           let ef = p.factor(.efN2OEffluent, item: "nitrogen", requirement: n2oPerN, quiet: true) {
            p.line(formula("wastewater_n2o_effluent_\(load)"), gas: .n2o, factors: loadFactors + [removal, ef])
            any = true
        }
        if !any {
            let techs = p.context.factors.technologies(of: .efN2O, item: "nitrogen")
            p.error(.missingFactor, .technology,
                "no N2O factor for nitrogen through the pathway '\(p.technology ?? "")': looked for 'ef_n2o' (kg N2O-N per "
                    + "kg N) of item nitrogen for that pathway" + (load == .persons ? ", 'ef_n2o_plant' (per person)" : "")
                    + " and 'n_removal' with 'ef_n2o_effluent'; expected a pathway the stack has"
                    + (techs.isEmpty ? "" : " (" + techs.map { "'\($0)'" }.joined(separator: ", ") + ")")
                    + " or the factor in the project's factors/ folder")
        }
    }

    /// The basis a row's unit names, checked against the item's: `t COD` for item `bod` is an error.
    static func checkUnitBasis(_ s: SignatureValues) -> PlannedDiagnostic? {
        guard let sp = s.unit?.species else { return nil }
        let expected: Species? = s.item == "nitrogen" ? .nitrogen : basis(s.item)
        guard let expected, sp != expected else { return nil }
        return PlannedDiagnostic(.error, .loadBasis, .unit,
            "unit '\(s.unit!.symbol)' counts \(sp), but item '\(s.item)' is a \(expected) load; expected the unit of "
                + "the item's basis (t \(expected)), or the item of the unit's basis")
    }
}

/// CH4 and N2O of domestic wastewater, 4.D.1 (methods.md §4, `domestic_wastewater`; see ``Wastewater``).
///
/// Items `bod` and `cod` (organics, as t BOD/t COD, or persons served for `bod`) and `nitrogen` (t N, or persons
/// served).
public struct DomesticWastewater: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 4.D.1; a mass or persons served; a wastewater load.
    public let spec = MethodSpec(.domesticWastewater, categories: ["4.D.1"], dimensions: [.mass, .population],
                                 itemKinds: [.wastewater],
                                 parameters: [.bo, .mcf, .towRemoval, .mcfEffluent, .bodPerCapita, .codischargeFactor],
                                 fixedItemParameters: [(.efN2O, "nitrogen"), (.efN2OPlant, "nitrogen"),
                                                       (.nRemoval, "nitrogen"), (.efN2OEffluent, "nitrogen"),
                                                       (.proteinPerCapita, "nitrogen"), (.fNPR, "nitrogen"),
                                                       (.fNonCon, "nitrogen"), (.fIndCom, "nitrogen")])

    /// The wastewater formulas.
    public var formulas: [Formula] { Wastewater.formulas }

    /// Items `bod`, `cod`, `nitrogen`; a unit of the item's basis.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        var out: [PlannedDiagnostic] = []
        if Wastewater.basis(s.item) == nil, s.item != "nitrogen" {
            out.append(PlannedDiagnostic(.error, .itemKind, .item,
                "domestic_wastewater takes 'bod' or 'cod' (organics) or 'nitrogen', not '\(s.item)'; an industry's "
                    + "wastewater is industrial_wastewater (4.D.2)"))
        }
        if s.item == "cod", s.unit?.dimension == .population {
            out.append(PlannedDiagnostic(.error, .loadBasis, .unit,
                "persons served give a BOD load (IPCC 2006 Table 6.4 BOD per person); expected item 'bod' for "
                    + "persons, or the COD load itself in t COD"))
        }
        if let d = Wastewater.checkUnitBasis(s) { out.append(d) }
        return out
    }

    /// The pathway's CH4 or N2O lines.
    public func plan(_ p: inout RowPlanner) {
        let persons = p.unit.dimension == .population
        if let basis = Wastewater.basis(p.item) {
            var factors: [ResolvedFactor] = []
            if persons {
                guard let bod = p.factor(.bodPerCapita, requirement: UnitRequirement(
                          .mass / (.population * .time), species: .bod, example: "BOD per person and day, e.g. 40 g/person/d")),
                      let i = p.factor(.codischargeFactor, requirement: UnitRequirement(
                          .dimensionless, example: "a factor, e.g. 1.25 (unit 1)"))
                else { return }
                factors = [bod, i]
            }
            Wastewater.organicsLines(&p, load: persons ? .persons : .given, loadFactors: factors, basis: basis)
        } else {
            var factors: [ResolvedFactor] = []
            var fIndCom: ResolvedFactor?
            let one = UnitRequirement(.dimensionless, example: "a factor, e.g. 1.1 (unit 1)")
            // Persons served by a plant whose only N2O factor is per person (Eq. 6.9) need no protein figures.
            let perNitrogen = p.factor(.efN2O, item: "nitrogen", requirement: Wastewater.n2oPerN, quiet: true) != nil
                || (p.factor(.nRemoval, item: "nitrogen", requirement: Wastewater.fraction, quiet: true) != nil
                    && p.factor(.efN2OEffluent, item: "nitrogen", requirement: Wastewater.n2oPerN, quiet: true) != nil)
            if persons, !perNitrogen {
                guard let indCom = p.factor(.fIndCom, item: "nitrogen", requirement: one) else { return }
                fIndCom = indCom
            } else if persons {
                guard let protein = p.factor(.proteinPerCapita, item: "nitrogen", requirement: UnitRequirement(
                          .mass / (.population * .time), example: "protein per person and year, e.g. 36.5 kg/person/yr "
                              + "(FAO food balance, in the project's factors/ folder)")),
                      let npr = p.factor(.fNPR, item: "nitrogen", requirement: UnitRequirement(
                          .dimensionless, species: .nitrogen, example: "N per protein, e.g. 0.16 kg N/kg")),
                      let nonCon = p.factor(.fNonCon, item: "nitrogen", requirement: one),
                      let indCom = p.factor(.fIndCom, item: "nitrogen", requirement: one)
                else { return }
                factors = [protein, npr, nonCon, indCom]
                fIndCom = indCom
            }
            Wastewater.nitrogenLines(&p, load: persons ? .persons : .given, loadFactors: factors, fIndCom: fIndCom)
        }
    }
}

/// CH4 and N2O of industrial wastewater, 4.D.2 (methods.md §4, `industrial_wastewater`; see ``Wastewater``).
///
/// The item is an industry (`pulp_paper`, `beer_malt`, …) with its product mass (TOW = P × W × COD) or its wastewater
/// volume (TOW = V × COD), or the load itself: `cod` (or `bod`) in t, `nitrogen` in t N. Bo is always looked up for
/// the basis of the load (`cod` for an industry).
public struct IndustrialWastewater: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 4.D.2; a mass (product or load) or a volume (wastewater); an industry or a load.
    public let spec = MethodSpec(.industrialWastewater, categories: ["4.D.2"], dimensions: [.mass, .volume],
                                 itemKinds: [.wastewater],
                                 parameters: [.bo, .mcf, .towRemoval, .mcfEffluent, .wastewaterPerProduct,
                                              .codConcentration, .tnConcentration],
                                 fixedItemParameters: [(.bo, "cod"), (.efN2O, "nitrogen"), (.nRemoval, "nitrogen"),
                                                       (.efN2OEffluent, "nitrogen")])

    /// The wastewater formulas.
    public var formulas: [Formula] { Wastewater.formulas }

    /// A load's unit names its basis; a load is a mass.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        var out: [PlannedDiagnostic] = []
        let isLoad = Wastewater.basis(s.item) != nil || s.item == "nitrogen"
        if isLoad, s.unit?.dimension == .volume {
            out.append(PlannedDiagnostic(.error, .unitDimension, .unit,
                "a '\(s.item)' load is a mass (t); a wastewater volume belongs to the industry's row (item "
                    + "'pulp_paper', 'beer_malt', …) whose COD concentration gives the load"))
        }
        if let d = Wastewater.checkUnitBasis(s) { out.append(d) }
        return out
    }

    /// The pathway's CH4 line(s), then N2O where the stack has the industry's nitrogen.
    public func plan(_ p: inout RowPlanner) {
        if let basis = Wastewater.basis(p.item) {
            Wastewater.organicsLines(&p, load: .given, loadFactors: [], basis: basis)
            return
        }
        if p.item == "nitrogen" {
            Wastewater.nitrogenLines(&p, load: .given, loadFactors: [])
            return
        }
        let volume = p.unit.dimension == .volume
        let perProduct = UnitRequirement(.volume / .mass, example: "wastewater per product, e.g. 162 m3/t")
        var w: [ResolvedFactor] = []
        if !volume {
            guard let f = p.factor(.wastewaterPerProduct, requirement: perProduct) else { return }
            w = [f]
        }
        guard let cod = p.factor(.codConcentration, requirement: UnitRequirement(
            .mass / .volume, species: .cod, example: "COD per wastewater volume, e.g. 9 kg COD/m3")) else { return }
        let load: Wastewater.Load = volume ? .volume : .product
        Wastewater.organicsLines(&p, load: load, loadFactors: w + [cod], basis: .cod, boItem: "cod")
        // Nitrogen of an industry's wastewater (2019 Refinement) where the stack has its concentration.
        if let tn = p.factor(.tnConcentration, requirement: UnitRequirement(
               .mass / .volume, species: .nitrogen, example: "N per wastewater volume, e.g. 0.1 kg N/m3"), quiet: true) {
            Wastewater.nitrogenLines(&p, load: load, loadFactors: w + [tn])
        }
    }
}

/// Organics removed as sludge from a wastewater pathway, 4.D.1 and 4.D.2 (methods.md §4, `sludge_removal`): S,
/// subtracted from the TOW of the same category, item and pathway as `CH4 = −1 × S × Bo × MCF`. More sludge than the
/// pathway's TOW is an error naming both (``SubtractionChecks``).
public struct SludgeRemoval: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Categories 4.D.1 and 4.D.2; a mass of BOD or COD.
    public let spec = MethodSpec(.sludgeRemoval, categories: ["4.D.1", "4.D.2"], dimensions: [.mass],
                                 itemKinds: [.wastewater], parameters: [.bo, .mcf])

    /// The wastewater formulas.
    public var formulas: [Formula] { Wastewater.formulas }

    /// Items `bod` and `cod`, in a unit of their basis.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        if Wastewater.basis(s.item) == nil {
            return [PlannedDiagnostic(.error, .itemKind, .item,
                "sludge_removal takes 'bod' or 'cod' (the organics removed as sludge), not '\(s.item)'")]
        }
        return Wastewater.checkUnitBasis(s).map { [$0] } ?? []
    }

    /// One negative line with the pathway's Bo and MCF.
    public func plan(_ p: inout RowPlanner) {
        guard let basis = Wastewater.basis(p.item), let bo = Wastewater.bo(basis, &p), let mcf = Wastewater.mcf(&p)
        else { return }
        p.line(Wastewater.formula("wastewater_sludge"), gas: .ch4, factors: [bo, mcf])
    }
}
