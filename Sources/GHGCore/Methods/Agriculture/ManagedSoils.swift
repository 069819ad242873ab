/// Direct and indirect N2O from nitrogen applied to managed soils (IPCC 2006 Vol.4 Ch.11 Eq. 11.1, 11.9, 11.10).
///
/// Direct (3.C.4): `N2O = N × EF1 × 44/28` (EF1FR with technology `flooded_rice`; urine and dung deposited on pasture
/// `urine_dung_pasture` with `ef3_prp`, technology `cattle_poultry_pigs` or `sheep_other`). Indirect (3.C.5):
/// volatilisation `N × FracGas × EF4 × 44/28` and leaching `N × FracLeach × EF5 × 44/28`.
///
/// The value is nitrogen: a unit counting N (`t N`, `kg N`), or, for `synthetic_fertiliser` (氮肥 折纯量), a plain
/// mass; any other item given as product mass is converted with its `n_content`.
public struct NitrogenInput: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 3.C.4; a mass of N (or of product with `n_content`); a nitrogen source.
    public let spec = MethodSpec(.nitrogenInput, categories: ["3.C.4"], dimensions: [.mass], itemKinds: [.nitrogenSource],
                                 parameters: [.ef1, .ef3PRP, .fracGas, .fracLeach, .ef4, .ef5, .nContent])

    /// Items whose plain mass is nitrogen by definition.
    static let nitrogenByDefinition: Set<String> = ["synthetic_fertiliser"]

    static func makeFormulas(_ prefix: String, nTerms: [Expr], offset: Int) -> [Formula] {
        let n = Expr.named("N", unit: "t N", .product(nTerms), display: nTerms.count > 1 ? .expanded : .value)
        let direct = Formula("\(prefix)_direct", lhs: "N2O",
                             .product([n, .factor(slot: offset, label: "EF1"), .ratio(44, 28)]))
        let pasture = Formula("\(prefix)_pasture", lhs: "N2O",
                              .product([n, .factor(slot: offset, label: "EF3PRP"), .ratio(44, 28)]))
        let volatilisation = Formula("\(prefix)_volatilisation", lhs: "N2O",
                                     .product([n, .factor(slot: offset, label: "FracGas"),
                                               .factor(slot: offset + 1, label: "EF4"), .ratio(44, 28)]))
        let leaching = Formula("\(prefix)_leaching", lhs: "N2O",
                               .product([n, .factor(slot: offset, label: "FracLeach"),
                                         .factor(slot: offset + 1, label: "EF5"), .ratio(44, 28)]))
        return [direct, pasture, volatilisation, leaching]
    }

    /// The equations, for nitrogen given as N and as product mass × `n_content`.
    public let formulas: [Formula] = makeFormulas("nitrogen", nTerms: [.activityAs("N")], offset: 0)
        + makeFormulas("nitrogen_product", nTerms: [.activityAs("M"), .factor(slot: 0, label: "N_content")], offset: 1)

    static let fraction = UnitRequirement(.dimensionless, example: "a fraction, e.g. 0.01 (unit 1)")

    /// A unit counting another species than N is an error.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        if let sp = s.unit?.species, sp != .nitrogen {
            return [PlannedDiagnostic(.error, .unitDimension, .unit,
                "unit '\(s.unit!.symbol)' counts \(sp); expected nitrogen (t N, kg N) or a plain mass")]
        }
        return []
    }

    /// Direct and indirect lines.
    public func plan(_ p: inout RowPlanner) {
        var prefix = "nitrogen", nFactors: [ResolvedFactor] = []
        if p.unit.species != .nitrogen && !Self.nitrogenByDefinition.contains(p.item) {
            guard let nc = p.factor(.nContent, requirement: UnitRequirement(.dimensionless, species: .nitrogen,
                                        example: "N per mass of product, e.g. 0.15 (unit 1) or kg N/kg"))
            else {
                p.error(.missingFactor, .unit, "'\(p.item)' given as a product mass ('\(p.unit.symbol)') needs its "
                    + "'n_content' to give nitrogen; expected the value in t N (折纯量) or an n_content row for it")
                return
            }
            prefix = "nitrogen_product"
            nFactors = [nc]
        }
        let direct = CategoryCode("3.C.4")!, indirect = CategoryCode("3.C.5")!
        if p.item == "urine_dung_pasture" {
            if let ef = p.factor(.ef3PRP, requirement: Self.fraction) {
                p.line(formula("\(prefix)_pasture"), gas: .n2o, category: direct, factors: nFactors + [ef])
            }
        } else if let ef = p.factor(.ef1, requirement: Self.fraction) {
            p.line(formula("\(prefix)_direct"), gas: .n2o, category: direct, factors: nFactors + [ef])
        }
        if let frac = p.factor(.fracGas, requirement: Self.fraction), let ef4 = p.factor(.ef4, requirement: Self.fraction) {
            p.line(formula("\(prefix)_volatilisation"), gas: .n2o, category: indirect, factors: nFactors + [frac, ef4])
        }
        if let frac = p.factor(.fracLeach, requirement: Self.fraction), let ef5 = p.factor(.ef5, requirement: Self.fraction) {
            p.line(formula("\(prefix)_leaching"), gas: .n2o, category: indirect, factors: nFactors + [frac, ef5])
        }
    }
}

/// N2O from the nitrogen of crop residues returned to soils (IPCC 2006 Vol.4 Ch.11 Eq. 11.6, 11.10).
///
/// `F_CR = P × DRY × [R_AG × FracRenew × N_AG × (1 − FracRemove − FracBurnt × Cf) + (1 + R_AG) × RS × FracRenew × N_BG]`
/// (methods.md §3), then direct (3.C.4) `F_CR × EF1 × 44/28` (EF1FR with technology `flooded_rice`) and leaching
/// (3.C.5) `F_CR × FracLeach × EF5 × 44/28`. The residue-to-crop ratio (草谷比, as dry matter), the fractions removed
/// and burnt have no IPCC default and are project factors.
public struct CropResidue: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 3.C.4; a mass of crop (fresh weight); a crop.
    public let spec = MethodSpec(.cropResidue, categories: ["3.C.4"], dimensions: [.mass], itemKinds: [.crop],
                                 parameters: [.dryMatterFraction, .residueRatio, .fracRenew, .nAboveGround, .fracRemove,
                                              .fracBurnt, .combustionFactor, .rootShootRatio, .nBelowGround, .ef1,
                                              .fracLeach, .ef5])

    /// `F_CR`, with the factors in slots 0–8.
    static let fcr = Expr.named("F_CR", unit: "t N", .product([
        .activityAs("P"), .factor(slot: 0, label: "DRY"),
        .sum([
            .product([.factor(slot: 1, label: "R_AG"), .factor(slot: 2, label: "FracRenew"),
                      .factor(slot: 3, label: "N_AG"),
                      .difference(.oneMinus(.factor(slot: 4, label: "FracRemove")),
                                  .product([.factor(slot: 5, label: "FracBurnt"), .factor(slot: 6, label: "Cf")]))]),
            .product([.sum([.number(1, "1"), .factor(slot: 1, label: "R_AG")]), .factor(slot: 7, label: "RS"),
                      .factor(slot: 2, label: "FracRenew"), .factor(slot: 8, label: "N_BG")]),
        ]),
    ]), display: .expanded)

    /// Direct and leaching N2O.
    public let formulas = [
        Formula("crop_residue_direct", lhs: "N2O", .product([fcr, .factor(slot: 9, label: "EF1"), .ratio(44, 28)])),
        Formula("crop_residue_leaching", lhs: "N2O",
                .product([fcr, .factor(slot: 9, label: "FracLeach"), .factor(slot: 10, label: "EF5"), .ratio(44, 28)])),
    ]

    static let fraction = UnitRequirement(.dimensionless, example: "a fraction or ratio (unit 1)")
    static let nFraction = UnitRequirement(.dimensionless, species: .nitrogen, example: "N per dry matter, e.g. kg N/kg")

    /// Two N2O lines.
    public func plan(_ p: inout RowPlanner) {
        var f: [ResolvedFactor] = []
        for (parameter, req) in [(FactorParameter.dryMatterFraction, Self.fraction), (.residueRatio, Self.fraction),
                                 (.fracRenew, Self.fraction), (.nAboveGround, Self.nFraction),
                                 (.fracRemove, Self.fraction), (.fracBurnt, Self.fraction),
                                 (.combustionFactor, Self.fraction), (.rootShootRatio, Self.fraction),
                                 (.nBelowGround, Self.nFraction)] {
            guard let r = p.factor(parameter, requirement: req) else { return }
            f.append(r)
        }
        if let ef1 = p.factor(.ef1, requirement: Self.fraction) {
            p.line(formulas[0], gas: .n2o, factors: f + [ef1])
        }
        if let frac = p.factor(.fracLeach, requirement: Self.fraction), let ef5 = p.factor(.ef5, requirement: Self.fraction) {
            p.line(formulas[1], gas: .n2o, category: CategoryCode("3.C.5")!, factors: f + [frac, ef5])
        }
    }
}

/// CO2 from urea (3.C.3) and from limestone and dolomite applied to soils (3.C.2) (IPCC 2006 Vol.4 Ch.11 Eq. 11.12,
/// 11.13): `CO2 = M × C × 44/12`, with the carbon fraction of the material (urea 0.20, limestone 0.12, dolomite 0.13).
public struct CarbonApplication: CalculationMethod {
    /// The method for urea or for lime.
    public let spec: MethodSpec

    /// Urea applied, 3.C.3.
    public static let urea = CarbonApplication(MethodSpec(.ureaApplication, categories: ["3.C.3"], dimensions: [.mass],
                                                           itemKinds: [.nitrogenSource, .substance, .product],
                                                           parameters: [.carbonFraction]))
    /// Limestone or dolomite applied, 3.C.2.
    public static let lime = CarbonApplication(MethodSpec(.limeApplication, categories: ["3.C.2"], dimensions: [.mass],
                                                          itemKinds: [.carbonate], parameters: [.carbonFraction]))

    init(_ spec: MethodSpec) { self.spec = spec }

    /// `CO2 = M × C × 44/12`.
    public var formulas: [Formula] {
        [Formula(spec.activity == .ureaApplication ? "urea_co2" : "lime_application_co2", lhs: "CO2",
                 .product([.activityAs("M"), .factor(slot: 0, label: "C"), .ratio(44, 12)]))]
    }

    /// One CO2 line.
    public func plan(_ p: inout RowPlanner) {
        guard let c = p.factor(.carbonFraction, requirement: UnitRequirement(.dimensionless, species: .carbon,
                                   example: "carbon per mass, e.g. 0.20 tC/t")) else { return }
        p.line(formulas[0], gas: .co2, factors: [c])
    }
}
