/// CH4 and N2O from composting and anaerobic digestion (IPCC 2006 Vol.5 Ch.4 Eq. 4.1-4.2, Table 4.1; methods.md §4,
/// `biological_treatment`).
///
///     CH4 = M × EF_CH4;   N2O = M × EF_N2O        (M: wet waste treated)
///
/// The row's technology is the treatment, `composting` or `anaerobic_digestion`. IPCC gives anaerobic digestion no
/// N2O default (assumed negligible): without a project factor its N2O is reported as not estimated (NE).
public struct BiologicalTreatment: CalculationMethod {
    /// Creates the method.
    public init() {}

    /// The treatments.
    public static let treatments = ["composting", "anaerobic_digestion"]

    /// Category 4.B; a mass; a waste.
    public let spec = MethodSpec(.biologicalTreatment, categories: ["4.B"], dimensions: [.mass],
                                 itemKinds: [.waste, .nitrogenSource], parameters: [.efCH4, .efN2O])

    /// `{gas} = M × EF`.
    public let formulas = [
        Formula("biological_treatment", lhs: "{gas}", .product([.activityAs("M"), .factor(slot: 0, label: "EF")])),
    ]

    /// The treatment must be named.
    public func validate(_ s: SignatureValues, _ context: PlanningContext) -> [PlannedDiagnostic] {
        Self.treatments.contains(s.technology ?? "") ? [] : [PlannedDiagnostic(.error, .emptyField, .technology,
            "biological_treatment needs the treatment in 'technology'; expected composting (堆肥) or "
                + "anaerobic_digestion (厌氧消化), not '\(s.technology ?? "")'")]
    }

    /// A CH4 line and an N2O line.
    public func plan(_ p: inout RowPlanner) {
        let perMass = { (species: Species, gas: String) in
            UnitRequirement(.mass / .mass, species: species, example: "\(gas) per wet waste, e.g. 4 g \(gas)/kg")
        }
        if let ch4 = p.factor(.efCH4, requirement: perMass(.ch4, "CH4")) {
            p.line(formulas[0], gas: .ch4, factors: [ch4])
        }
        let digestion = p.technology == "anaerobic_digestion"
        if let n2o = p.factor(.efN2O, requirement: perMass(.n2o, "N2O"), quiet: digestion) {
            p.line(formulas[0], gas: .n2o, factors: [n2o])
        } else if digestion {
            p.warning(.missingFactor, .technology,
                "N2O of anaerobic digestion of '\(p.item)' is not estimated (NE): IPCC 2006 Vol.5 Table 4.1 assumes it "
                    + "negligible and gives no default; expected an 'ef_n2o' row in the project's factors/ folder to "
                    + "estimate it")
        }
    }
}
