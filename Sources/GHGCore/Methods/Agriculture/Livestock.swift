/// Livestock: enteric fermentation (3.A.1), manure management CH4 and N2O (3.A.2), indirect manure N2O (3.C.6) and
/// the N of manure left on pasture (3.C.4, 3.C.5), from one average annual population row per animal
/// (IPCC 2006 Vol.4 Ch.10 Tier 1; 2019 Refinement VS route).
///
/// The animal (the row's item) knows its sub-categories (`items.csv` `categories`: dairy cattle 3.A.1.a.i and
/// 3.A.2.a.i). A row under 3.A yields both parts; under 3.A.1 or 3.A.2 only that part.
///
/// - Enteric: `CH4 = N × EF` (`ef_ch4` under 3.A.1).
/// - Manure CH4, per-head route: `CH4 = N × EF` (`ef_ch4` under 3.A.2, by the region's climate); VS route (2019
///   Refinement): per manure system S, `CH4 = N × VS × W × MS_S × EF_S` (`vs_rate`, `animal_mass`,
///   `manure_system_share`, `ef_ch4_vs`). The first set in the stack with either key parameter decides.
/// - Manure N2O, per-head route: `N2O = N × EF` (`ef_n2o` under 3.A.2); N-excretion route with
///   `Nex = n_rate × animal_mass` (per year): per system S, direct `N × Nex × MS_S × EF3_S × 44/28` (3.A.2), indirect
///   `N × Nex × MS_S × FracGasMS_S × EF4 × 44/28` and `… × FracLeachMS_S × EF5 × 44/28` (3.C.6); manure on pasture
///   goes to 3.C.4 with `ef3_prp` and to 3.C.5 with `frac_gas`/`frac_leach` of `urine_dung_pasture`; dung burned for
///   fuel has no N2O here (it is energy).
///
/// The system shares are a distribution taken whole from the first set that has any for the animal; shares that do
/// not sum to 1 are a warning naming the animal.
public struct LivestockPopulation: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 3.A (or 3.A.1 / 3.A.2 for one part); a head count; an animal.
    public let spec = MethodSpec(.livestockPopulation, categories: ["3.A"], dimensions: [.headCount],
                                 itemKinds: [.animal],
                                 parameters: [.efCH4, .efN2O, .vsRate, .animalMass, .manureSystemShare, .efCH4VS,
                                              .nRate, .ef3, .fracGasMS, .fracLeachMS, .ef3PRP],
                                 fixedItemParameters: [(.fracGas, "urine_dung_pasture"), (.fracLeach, ""),
                                                       (.ef4, ""), (.ef5, "")])

    static let ratioN2O = Expr.ratio(44, 28)
    static let nex = Expr.named("Nex", unit: "t N/head", .product([.factor(slot: 0, label: "N_rate"),
                                                                    .factor(slot: 1, label: "W")]), display: .expanded)

    /// The equations.
    public let formulas: [Formula] = [
        Formula("livestock_enteric_ch4", lhs: "CH4", .product([.activityAs("N"), .factor(slot: 0, label: "EF")])),
        Formula("livestock_manure_ch4", lhs: "CH4", .product([.activityAs("N"), .factor(slot: 0, label: "EF")])),
        Formula("livestock_manure_ch4_vs", lhs: "CH4",
                .product([.activityAs("N"), .factor(slot: 0, label: "VS"), .factor(slot: 1, label: "W"),
                          .factor(slot: 2, label: "MS"), .factor(slot: 3, label: "EF")]),
                suffix: [.text(" (manure system share and factor: "), .category, .text(")")]),
        Formula("livestock_manure_n2o", lhs: "N2O", .product([.activityAs("N"), .factor(slot: 0, label: "EF")])),
        Formula("livestock_manure_n2o_direct", lhs: "N2O",
                .product([.activityAs("N"), nex, .factor(slot: 2, label: "MS"), .factor(slot: 3, label: "EF3"),
                          ratioN2O])),
        Formula("livestock_manure_n2o_volatilisation", lhs: "N2O",
                .product([.activityAs("N"), nex, .factor(slot: 2, label: "MS"), .factor(slot: 3, label: "FracGasMS"),
                          .factor(slot: 4, label: "EF4"), ratioN2O])),
        Formula("livestock_manure_n2o_leaching", lhs: "N2O",
                .product([.activityAs("N"), nex, .factor(slot: 2, label: "MS"), .factor(slot: 3, label: "FracLeachMS"),
                          .factor(slot: 4, label: "EF5"), ratioN2O])),
        Formula("livestock_pasture_n2o_direct", lhs: "N2O",
                .product([.activityAs("N"), nex, .factor(slot: 2, label: "MS"), .factor(slot: 3, label: "EF3PRP"),
                          ratioN2O])),
        Formula("livestock_pasture_n2o_volatilisation", lhs: "N2O",
                .product([.activityAs("N"), nex, .factor(slot: 2, label: "MS"), .factor(slot: 3, label: "FracGas"),
                          .factor(slot: 4, label: "EF4"), ratioN2O])),
        Formula("livestock_pasture_n2o_leaching", lhs: "N2O",
                .product([.activityAs("N"), nex, .factor(slot: 2, label: "MS"), .factor(slot: 3, label: "FracLeach"),
                          .factor(slot: 4, label: "EF5"), ratioN2O])),
    ]

    /// The animal's enteric and manure sub-categories.
    static func parts(_ item: Item?) -> (enteric: CategoryCode?, manure: CategoryCode?) {
        let cats = item?.categories ?? []
        return (cats.first { $0.description.hasPrefix("3.A.1") }, cats.first { $0.description.hasPrefix("3.A.2") })
    }

    /// The row's category must be 3.A, or lie on the animal's enteric or manure branch.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        let (enteric, manure) = Self.parts(context.items[s.item])
        guard enteric != nil || manure != nil else {
            return [PlannedDiagnostic(.error, .itemKind, .item,
                "animal '\(s.item)' names no 3.A sub-category in items.csv ('categories'); expected e.g. "
                    + "3.A.1.a.i 3.A.2.a.i")]
        }
        let c = s.category
        let fits = c.description == "3.A" || [enteric, manure].contains { part in
            part.map { c.isPrefix(of: $0) || $0.isPrefix(of: c) } ?? false }
        return fits ? [] : [PlannedDiagnostic(.error, .categoryMismatch, .category,
            "category '\(c)' is not a category of '\(s.item)'; expected 3.A (both parts)"
                + (enteric.map { ", \($0) (enteric)" } ?? "") + (manure.map { " or \($0) (manure)" } ?? ""))]
    }

    /// The lines of the parts the row's category covers.
    public func plan(_ p: inout RowPlanner) {
        let (enteric, manure) = Self.parts(p.context.items[p.item])
        let c = p.category
        if let enteric, c.description == "3.A" || enteric.isPrefix(of: c) || c.isPrefix(of: enteric) {
            if let ef = p.factor(.efCH4, category: enteric, requirement: Self.perHead(.ch4)) {
                p.line(formula("livestock_enteric_ch4"), gas: .ch4, category: enteric, factors: [ef])
            }
        }
        if let manure, c.description == "3.A" || manure.isPrefix(of: c) || c.isPrefix(of: manure) {
            planManureCH4(&p, manure)
            planManureN2O(&p, manure)
        }
    }

    static func perHead(_ sp: Species) -> UnitRequirement {
        UnitRequirement(.mass / (.headCount * .time), species: sp, example: "\(sp) mass per head and year, e.g. kg/head/yr")
    }

    static let fraction = UnitRequirement(.dimensionless, example: "a fraction, e.g. 0.3 (unit 1)")
    static let rate = UnitRequirement(.dimensionless / .time, example: "mass per animal mass per day, e.g. kg/t/d")
    static let nRate = UnitRequirement(.dimensionless / .time, species: .nitrogen,
                                       example: "N per animal mass per day, e.g. kg N/t/d")
    static let mass = UnitRequirement(.mass / .headCount, example: "mass per head, e.g. kg/head")
    static let efVS = UnitRequirement(.dimensionless, species: .ch4, example: "CH4 per mass of VS, e.g. g CH4/kg")

    /// The manure system shares of the animal: the whole distribution from the first set with any, in system order.
    static func shares(_ p: inout RowPlanner) -> [(system: String, share: ResolvedFactor)]? {
        var found: [(system: String, share: ResolvedFactor)] = []
        for s in p.context.factors.technologies(of: .manureSystemShare, item: p.item) {
            if let f = p.factor(.manureSystemShare, requirement: fraction, quiet: true, technology: s),
               f.row.technology == s {
                found.append((s, f))
            }
        }
        guard let first = found.map(\.share.stackIndex).min() else {
            p.error(.missingFactor, .item, "no 'manure_system_share' for '\(p.item)' in the stack ["
                + p.context.factors.stackIDs.joined(separator: ", ") + "]; expected the shares of its manure "
                + "management systems (technology = system) in the project's factors/ folder, or a 2019 set in the stack")
            return nil
        }
        let chosen = found.filter { $0.share.stackIndex == first }
        let total = chosen.reduce(0.0) { $0 + $1.share.row.baseValue }
        if abs(total - 1) > 1e-6 {
            p.warning(.missingFactor, .item, "the manure system shares of '\(p.item)' (set \(chosen[0].share.set.id)) "
                + "sum to \(DecimalFormat.string(total)), not 1; expected shares of all its systems that add up to 1")
        }
        return chosen.filter { $0.share.row.baseValue > 0 }
    }

    func planManureCH4(_ p: inout RowPlanner, _ manure: CategoryCode) {
        let perHead = p.factor(.efCH4, category: manure, requirement: Self.perHead(.ch4), quiet: true)
        let vs = p.factor(.vsRate, requirement: Self.rate, quiet: true)
        if let perHead, vs == nil || perHead.stackIndex <= vs!.stackIndex {
            p.line(formula("livestock_manure_ch4"), gas: .ch4, category: manure, factors: [perHead])
            return
        }
        guard let vs else {
            let q = p.support.query(.efCH4)
            p.error(.missingFactor, .item, "manure CH4 of '\(p.item)' needs 'ef_ch4' under \(manure) (per head, by "
                + "climate: map the region to a climate code such as mat_17c in the project's region-membership.csv) "
                + "or the VS route ('vs_rate', 'animal_mass', 'manure_system_share', 'ef_ch4_vs'): "
                + FactorLookupError.missing(q, stack: p.context.factors.stackIDs).message)
            return
        }
        guard let w = p.factor(.animalMass, requirement: Self.mass), let shares = Self.shares(&p) else { return }
        for (system, share) in shares {
            guard let ef = p.factor(.efCH4VS, requirement: Self.efVS, technology: system) else { continue }
            p.line(formula("livestock_manure_ch4_vs"), gas: .ch4, category: manure, factors: [vs, w, share, ef])
        }
    }

    func planManureN2O(_ p: inout RowPlanner, _ manure: CategoryCode) {
        let perHead = p.factor(.efN2O, category: manure, requirement: Self.perHead(.n2o), quiet: true)
        let nRate = p.factor(.nRate, requirement: Self.nRate, quiet: true)
        if let perHead, nRate == nil || perHead.stackIndex <= nRate!.stackIndex {
            p.line(formula("livestock_manure_n2o"), gas: .n2o, category: manure, factors: [perHead])
            return
        }
        guard let nRate else {
            let q = p.support.query(.nRate)
            p.error(.missingFactor, .item, "manure N2O of '\(p.item)' needs 'ef_n2o' under \(manure) (per head) or "
                + "'n_rate' with 'animal_mass' and 'manure_system_share': "
                + FactorLookupError.missing(q, stack: p.context.factors.stackIDs).message)
            return
        }
        guard let w = p.factor(.animalMass, requirement: Self.mass), let shares = Self.shares(&p) else { return }
        let indirect = CategoryCode("3.C.6")!, pastureDirect = CategoryCode("3.C.4")!, pastureIndirect = CategoryCode("3.C.5")!
        for (system, share) in shares {
            switch system {
            case "burned_for_fuel":
                continue    // dung burned as fuel: its N2O belongs to energy (1.A.4)
            case "pasture":
                if let ef = p.factor(.ef3PRP, requirement: Self.fraction) {
                    p.line(formula("livestock_pasture_n2o_direct"), gas: .n2o, category: pastureDirect,
                           factors: [nRate, w, share, ef])
                }
                if let frac = p.factor(.fracGas, item: "urine_dung_pasture", requirement: Self.fraction),
                   let ef4 = p.factor(.ef4, requirement: Self.fraction) {
                    p.line(formula("livestock_pasture_n2o_volatilisation"), gas: .n2o, category: pastureIndirect,
                           factors: [nRate, w, share, frac, ef4])
                }
                if let frac = p.factor(.fracLeach, requirement: Self.fraction),
                   let ef5 = p.factor(.ef5, requirement: Self.fraction) {
                    p.line(formula("livestock_pasture_n2o_leaching"), gas: .n2o, category: pastureIndirect,
                           factors: [nRate, w, share, frac, ef5])
                }
            default:
                if let ef3 = p.factor(.ef3, requirement: Self.fraction, technology: system) {
                    p.line(formula("livestock_manure_n2o_direct"), gas: .n2o, category: manure,
                           factors: [nRate, w, share, ef3])
                }
                if let frac = p.factor(.fracGasMS, requirement: Self.fraction, technology: system),
                   let ef4 = p.factor(.ef4, requirement: Self.fraction) {
                    p.line(formula("livestock_manure_n2o_volatilisation"), gas: .n2o, category: indirect,
                           factors: [nRate, w, share, frac, ef4])
                }
                if let frac = p.factor(.fracLeachMS, requirement: Self.fraction, quiet: true, technology: system) {
                    if let ef5 = p.factor(.ef5, requirement: Self.fraction) {
                        p.line(formula("livestock_manure_n2o_leaching"), gas: .n2o, category: indirect,
                               factors: [nRate, w, share, frac, ef5])
                    }
                } else {
                    p.warning(.missingFactor, .item, "N2O from leaching of '\(p.item)' manure in '\(system)' is not "
                        + "estimated (NE): no 'frac_leach_ms' in the stack (IPCC 2006 gives no default); expected a "
                        + "row (technology \(system)) in the project's factors/ folder where leaching occurs")
                }
            }
        }
    }
}
