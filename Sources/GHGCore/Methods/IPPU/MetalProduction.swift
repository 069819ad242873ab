/// Process emissions of the metal industry (IPCC 2006 Vol.3 Ch.4, Tier 1): each gas the category emits is
/// `P × EF_gas` for the product or intermediate of the row (steel by process, pig iron, DRI, sinter, pellets;
/// ferroalloys; primary aluminium; magnesium; lead; zinc).
///
/// | category | gases |
/// |---|---|
/// | 2.C.1 iron and steel, 2.C.2 ferroalloys | CO2; CH4 of sinter, pig iron, DRI and silicon alloys (IPCC Eq. 4.12–4.14, Table 4.7), a warning that it is not estimated where the stack has no factor; CH4 of other products only from a project factor |
/// | 2.C.3 aluminium | CO2, CF4 and C2F6: the cell technology (`cwpb`, `swpb`, `vss`, `hss`) is needed for the PFCs |
/// | 2.C.4 magnesium | CO2 (primary production, technology = raw material) or SF6 (technology `casting`) |
/// | 2.C.5 lead, 2.C.6 zinc | CO2 |
///
/// The carbon of coke and coal used as reductants is in these factors: such fuel is `fuel_nonenergy_use`, not
/// combustion (EmissionFactors/README.md, "Energy / IPPU boundary").
public struct MetalProduction: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// Categories 2.C.1–2.C.6; a mass of product; a product.
    public let spec = MethodSpec(.metalProduction, categories: ["2.C.1", "2.C.2", "2.C.3", "2.C.4", "2.C.5", "2.C.6"],
                                 dimensions: [.mass], itemKinds: [.product],
                                 parameters: [.efCO2, .efCH4, .efCF4, .efC2F6, .efSF6])

    /// `gas = P × EF`.
    public let formulas = [ProductFactor.formula("metal")]

    /// What a category's rows must and may emit: `required` gases are errors when missing, `optional` ones warnings
    /// (not estimated), and for `anyOf` at least one must be found.
    struct Gases {
        var required: [Gas] = []
        var optional: [Gas] = []
        var anyOf: [Gas] = []
    }

    /// The products whose CH4 the IPCC estimates (sinter, pig iron and DRI, Eq. 4.12–4.14; silicon alloys, Table
    /// 4.7): without a factor their CH4 is reported as not estimated. Other products emit none at Tier 1.
    static let emitsCH4: Set<String> = ["sinter", "pig_iron", "dri", "ferrosilicon_45", "ferrosilicon_65",
                                        "ferrosilicon_75", "ferrosilicon_90", "silicon_metal"]

    static func gases(_ c: CategoryCode) -> Gases {
        let s = c.description
        if s.hasPrefix("2.C.1") || s.hasPrefix("2.C.2") { return Gases(required: [.co2], optional: [.ch4]) }
        if s.hasPrefix("2.C.3") { return Gases(required: [.co2, .cf4, .c2f6]) }
        if s.hasPrefix("2.C.4") { return Gases(anyOf: [.co2, .sf6]) }
        return Gases(required: [.co2])
    }

    /// One line per gas found.
    public func plan(_ p: inout RowPlanner) {
        let g = Self.gases(p.category)
        for gas in g.required {
            if gas != .co2, p.category.description.hasPrefix("2.C.3"), p.technology == nil
                || !["cwpb", "swpb", "vss", "hss"].contains(p.technology!) {
                // PFCs need the cell type; CO2 alone is found for prebake/soderberg.
                if ProductFactor.factor(gas, &p, quiet: true) == nil {
                    p.error(.missingFactor, .technology,
                        "\(gas) of primary aluminium needs the cell technology; expected technology cwpb, swpb, vss "
                            + "or hss, not " + (p.technology.map { "'\($0)'" } ?? "an empty field")
                            + " (prebake and soderberg give CO2 only)")
                    continue
                }
            }
            guard let ef = ProductFactor.factor(gas, &p) else { continue }
            p.line(formulas[0], gas: gas, factors: [ef])
        }
        for gas in g.optional {
            if let ef = ProductFactor.factor(gas, &p, quiet: true) {
                p.line(formulas[0], gas: gas, factors: [ef])
            } else if Self.emitsCH4.contains(p.item) {
                p.warning(.missingFactor, .item,
                    "\(gas) of '\(p.item)' is not estimated (NE): no '\(ProductFactor.parameter[gas]!)' for it in the "
                        + "stack [\(p.context.factors.stackIDs.joined(separator: ", "))]; expected a row in the project's "
                        + "factors/ folder if the plant emits it")
            }
        }
        if !g.anyOf.isEmpty {
            var found = 0
            for gas in g.anyOf {
                guard let ef = ProductFactor.factor(gas, &p, quiet: true) else { continue }
                p.line(formulas[0], gas: gas, factors: [ef])
                found += 1
            }
            if found == 0 {
                let q = p.support.query(ProductFactor.parameter[g.anyOf[0]]!)
                p.error(.missingFactor, .item, "no " + g.anyOf.map { "'\(ProductFactor.parameter[$0]!)'" }
                    .joined(separator: " or ") + " for the row: "
                    + FactorLookupError.missing(q, stack: p.context.factors.stackIDs).message)
            }
        }
    }
}
