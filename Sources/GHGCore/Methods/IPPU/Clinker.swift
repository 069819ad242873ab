/// The CO2 emission factor of clinker, found the way `fuel_combustion` finds its CO2 route: the first set in the
/// stack that has either `ef_clinker` (t CO2/t clinker, cement kiln dust included) or `cao_content` for item
/// `clinker` decides; a set with both gives its `ef_clinker`. The CaO route is
/// `EF_cl = CaO × 44.01/56.08 × CF_ckd` (IPCC 2006 Vol.3 Ch.2 Eq. 2.2/2.4; 0.65 × 0.785 × 1.02 = 0.5203). Every
/// cement method looks the factors up for item `clinker`, whatever the row's item.
enum ClinkerFactor {
    /// The route taken: its factors (one, or CaO and CF_ckd) and the formula name's suffix.
    struct Route {
        var factors: [ResolvedFactor]
        var name: String
    }

    /// `EF_cl` and `CaO × 44.01/56.08 × CF_ckd` as terms of a product, from a factor slot on.
    static func terms(_ route: String, slot: Int) -> [Expr] {
        route == "ef" ? [.factor(slot: slot, label: "EF_cl")]
            : [.factor(slot: slot, label: "CaO"), .ratio(44.01, 56.08), .factor(slot: slot + 1, label: "CF_ckd")]
    }

    /// Looks the route up; reports what was missing and returns nil.
    static func plan(_ p: inout RowPlanner) -> Route? {
        let ef = p.factor(.efClinker, item: "clinker", requirement: UnitRequirement(.mass / .mass, species: .co2,
                              example: "CO2 mass per mass of clinker, e.g. tCO2/t"), quiet: true)
        let cao = p.factor(.caoContent, item: "clinker", requirement: UnitRequirement(.dimensionless,
                               example: "a fraction, e.g. 0.65 (unit 1) or 65 (unit %)"), quiet: true)
        if let ef, cao == nil || ef.stackIndex <= cao!.stackIndex {
            return Route(factors: [ef], name: "ef")
        }
        if let cao {
            guard let ckd = p.factor(.ckdCorrection, item: "clinker", requirement: UnitRequirement(.dimensionless,
                                         example: "a factor ≥ 1, e.g. 1.02 (unit 1)")) else { return nil }
            return Route(factors: [cao, ckd], name: "cao")
        }
        var q = p.support.query(.efClinker)
        q.item = "clinker"
        p.error(.missingFactor, .item, "clinker CO2 needs 'ef_clinker' or 'cao_content' (with 'ckd_correction') "
            + "for item clinker: " + FactorLookupError.missing(q, stack: p.context.factors.stackIDs).message)
        return nil
    }
}

/// CO2 from clinker production, on clinker data (IPCC 2006 Vol.3 Ch.2 §2.2, Eq. 2.2 Tier 2 without the carbonate
/// split; China provincial guideline: 熟料产量 × 排放因子).
///
/// `CO2 = M_cl × EF_cl`, with `EF_cl` from ``ClinkerFactor``. The row's item is `clinker`.
public struct ClinkerProduction: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.A.1; a mass of clinker.
    public let spec = MethodSpec(.clinkerProduction, categories: ["2.A.1"], dimensions: [.mass], itemKinds: [.product],
                                 parameters: [], fixedItemParameters: [(.efClinker, "clinker"), (.caoContent, "clinker"),
                                                                       (.ckdCorrection, "clinker")])

    /// `CO2 = M_cl × EF_cl`, or with EF_cl from the CaO content.
    public let formulas = ["ef", "cao"].map { route in
        Formula("clinker_co2_\(route)", lhs: "CO2", .product([.activityAs("M_cl")] + ClinkerFactor.terms(route, slot: 0)))
    }

    /// The row's item must be clinker.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        s.item == "clinker" ? [] : [PlannedDiagnostic(.error, .itemKind, .item,
            "clinker_production reports clinker; expected item 'clinker', not '\(s.item)' (cement by type is "
                + "cement_production)")]
    }

    /// One CO2 line.
    public func plan(_ p: inout RowPlanner) {
        guard let route = ClinkerFactor.plan(&p) else { return }
        p.line(formula("clinker_co2_\(route.name)"), gas: .co2, factors: route.factors)
    }
}

/// CO2 from cement production, on cement data by type (IPCC 2006 Vol.3 Ch.2 Eq. 2.1, Tier 1).
///
/// `CO2 = M_c × C_cl × EF_cl`: the cement type's clinker fraction (`clinker_fraction` of the row's item: 0.95 for
/// Portland cement, 0.75 for cement of unknown type) times the clinker factor (``ClinkerFactor``). Clinker traded is
/// corrected by `clinker_trade` rows.
public struct CementProduction: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.A.1; a mass of cement; a product (the cement type).
    public let spec = MethodSpec(.cementProduction, categories: ["2.A.1"], dimensions: [.mass], itemKinds: [.product],
                                 parameters: [.clinkerFraction],
                                 fixedItemParameters: [(.efClinker, "clinker"), (.caoContent, "clinker"),
                                                       (.ckdCorrection, "clinker")])

    /// `CO2 = M_c × C_cl × EF_cl`, or with EF_cl from the CaO content.
    public let formulas = ["ef", "cao"].map { route in
        Formula("cement_co2_\(route)", lhs: "CO2",
                .product([.activityAs("M_c"), .factor(slot: 0, label: "C_cl")] + ClinkerFactor.terms(route, slot: 1)))
    }

    /// One CO2 line.
    public func plan(_ p: inout RowPlanner) {
        guard let fraction = p.factor(.clinkerFraction, requirement: UnitRequirement(.dimensionless,
                                          example: "a fraction, e.g. 0.75 (unit 1) or 75 (unit %)")),
              let route = ClinkerFactor.plan(&p) else { return }
        p.line(formula("cement_co2_\(route.name)"), gas: .co2, factors: [fraction] + route.factors)
    }
}

/// The clinker trade correction of Tier 1 (IPCC 2006 Vol.3 Ch.2 Eq. 2.1): cement data count the clinker in the
/// cement, so clinker imported is subtracted (`CO2 = −Im × EF_cl`) and clinker exported added (`CO2 = Ex × EF_cl`).
/// The row's technology says which: `import` or `export`.
public struct ClinkerTrade: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Category 2.A.1; a mass of clinker.
    public let spec = MethodSpec(.clinkerTrade, categories: ["2.A.1"], dimensions: [.mass], itemKinds: [.product],
                                 parameters: [], fixedItemParameters: [(.efClinker, "clinker"), (.caoContent, "clinker"),
                                                                       (.ckdCorrection, "clinker")],
                                 directions: ["import", "export"])

    /// `CO2 = −1 × Im × EF_cl` and `CO2 = Ex × EF_cl`, each by either clinker route.
    public let formulas: [Formula] = ["ef", "cao"].flatMap { route in [
        Formula("clinker_import_co2_\(route)", lhs: "CO2",
                .product([.number(-1, "−1"), .activityAs("Im")] + ClinkerFactor.terms(route, slot: 0)),
                suffix: [.text(" (clinker imported: its CO2 is in the cement data, not emitted here)")]),
        Formula("clinker_export_co2_\(route)", lhs: "CO2",
                .product([.activityAs("Ex")] + ClinkerFactor.terms(route, slot: 0)),
                suffix: [.text(" (clinker exported: emitted here, not in the cement data)")]),
    ] }

    /// The item must be clinker and the technology `import` or `export`.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        var out: [PlannedDiagnostic] = []
        if s.item != "clinker" {
            out.append(PlannedDiagnostic(.error, .itemKind, .item,
                "clinker_trade reports clinker; expected item 'clinker', not '\(s.item)'"))
        }
        if s.technology != "import" && s.technology != "export" {
            out.append(PlannedDiagnostic(.error, .categoryMismatch, .technology,
                "clinker_trade needs the direction in 'technology'; expected import or export, not "
                    + (s.technology.map { "'\($0)'" } ?? "an empty field")))
        }
        return out
    }

    /// One CO2 line, negative for imports.
    public func plan(_ p: inout RowPlanner) {
        guard let route = ClinkerFactor.plan(&p) else { return }
        let direction = p.direction == "import" ? "import" : "export"
        p.line(formula("clinker_\(direction)_co2_\(route.name)"), gas: .co2, factors: route.factors)
    }
}
