/// The reference approach for CO2 from fuel combustion (IPCC 2006 Vol.2 Ch.6, Eq. 6.1–6.2): a top-down check on
/// the sectoral approach from each fuel's supply balance.
///
/// Rows are `fuel_supply` under category `1.A`, one per flow, the flow named in `technology`: `production`,
/// `imports`, `exports`, `international_bunkers`, `stock_change` (positive = stock build) and, optionally,
/// `non_energy_use` (fuel whose carbon is stored in products: the excluded carbon). For each region, year and fuel:
///
///     apparent consumption = production + imports − exports − international bunkers − stock change
///     CO2 = (apparent × NCV × CC − excluded C) × COF × 44/12,   excluded C = non-energy use × NCV × CC
///
/// NCV, CC (`carbon_content`) and COF (`oxidation`) come from the factor stack. The line is in scope
/// `reference_approach` under `1.A` and never counts in a total; ``ReferenceApproach/difference(reference:sectoral:)``
/// compares it with the sectoral approach.
public struct ReferenceApproach: CalculationMethod {
    /// The flows a `fuel_supply` row may name, with their sign in apparent consumption.
    public static let flows: [String: Double] = [
        "production": 1, "imports": 1, "exports": -1, "international_bunkers": -1, "stock_change": -1,
        "non_energy_use": 0,
    ]

    /// Creates the method.
    public init() {}
    /// `fuel_supply`.
    public var activity: ActivityKind { .fuelSupply }
    /// Mass, volume or energy.
    public var acceptedDimensions: [PhysicalDimension] { [.mass, .volume, .energy] }

    /// Checks category 1.A, a fuel, the flow name and the sign (only a stock change may be negative).
    public func validate(_ record: ActivityRecord, context: CalculationContext) -> [Diagnostic] {
        var out = MethodSupport.check(record, context, categoryPrefixes: ["1.A"], dimensions: acceptedDimensions,
                                      itemKinds: [.fuel], allowsNegative: record.technology == "stock_change")
        if record.category.description != "1.A" {
            out.append(.error(.categoryMismatch, at: record.location(of: "category"),
                "category '\(record.category)' for fuel_supply; expected 1.A (the reference approach covers all fuel "
                    + "combustion)"))
        }
        if Self.flows[record.technology ?? ""] == nil {
            out.append(.error(.categoryMismatch, at: record.location(of: "technology"),
                "fuel_supply flow '\(record.technology ?? "")' in 'technology'; expected one of "
                    + Self.flows.keys.sorted().joined(separator: ", ")))
        }
        return out
    }

    /// One reference-approach CO2 line per year and fuel.
    public func calculate(_ records: [ActivityRecord], context: CalculationContext) -> MethodOutput {
        var out = MethodOutput()
        var groups: [String: [ActivityRecord]] = [:]
        for r in records { groups["\(r.year)|\(r.item)", default: []].append(r) }
        for key in groups.keys.sorted() {
            let rows = groups[key]!.sorted { $0.location < $1.location }
            var s = MethodSupport(rows[0], context)
            defer { out.diagnostics += s.diagnostics }
            // All flows of a fuel must share a dimension, so that one NCV converts them.
            guard let dimension = rows[0].unit?.dimension,
                  rows.allSatisfy({ $0.unit?.dimension == dimension }) else {
                s.diagnostics.append(.error(.unitDimension, at: rows[0].location(of: "unit"),
                    "fuel_supply flows of '\(rows[0].item)' in \(rows[0].year) use units of different dimensions; "
                        + "expected one dimension for all flows of a fuel"))
                continue
            }
            var apparent = 0.0, excluded = 0.0
            var terms: [String] = []
            for r in rows {
                let v = MethodSupport(r, context).baseAmount
                let flow = r.technology ?? ""
                if flow == "non_energy_use" { excluded += v } else { apparent += (Self.flows[flow] ?? 0) * v }
                terms.append("\(flow) \(MethodSupport.show(v, r.unit?.baseSymbol ?? ""))")
            }
            var ncv: ResolvedFactor?
            if dimension != .energy {
                ncv = s.factor("ncv", requirement: UnitRequirement(.energy / dimension,
                                                                   example: "energy per \(dimension), e.g. TJ/Gg"))
                if ncv == nil { continue }
            }
            guard let cc = s.factor("carbon_content", requirement: UnitRequirement(.mass / .energy, species: .carbon,
                                        allowsNone: false, example: "carbon mass per energy, e.g. tC/TJ")),
                  let cof = s.factor("oxidation", requirement: UnitRequirement(.dimensionless,
                                         example: "a fraction, e.g. 1")) else { continue }
            let toGJ = ncv?.baseValue ?? 1
            let carbon = apparent * toGJ * cc.baseValue
            let excludedC = excluded * toGJ * cc.baseValue
            let mass = (carbon - excludedC) * cof.baseValue * 44.0 / 12.0
            let unit = rows[0].unit?.baseSymbol ?? ""
            let formula = "apparent consumption = " + terms.joined(separator: ", ") + " → "
                + MethodSupport.show(apparent, unit) + "; CO2 = (apparent × "
                + (ncv.map { MethodSupport.show("NCV", $0) + " × " } ?? "")
                + "\(MethodSupport.show("CC", cc)) − excluded C \(DecimalFormat.string(excludedC)) tC) × "
                + "\(MethodSupport.show("COF", cof)) × 44/12 = \(DecimalFormat.string(mass)) t "
                + "(reference approach: a check, not in totals)"
            var line = s.line(gas: .co2, scope: .referenceApproach, mass: mass, factors: [ncv, cc, cof].compactMap { $0 },
                              formula: formula)
            line.lineage.otherActivities = rows.dropFirst().map { MethodSupport($0, context).activityReference() }
            out.lines.append(line)
        }
        return out
    }

    /// The relative difference between reference and sectoral approach, in percent:
    /// `(RA − SA) / SA × 100` (IPCC 2006 Vol.2 Ch.6; methodology.md §2.2). Nil when SA is zero.
    public static func difference(reference: Double, sectoral: Double) -> Double? {
        sectoral == 0 ? nil : (reference - sectoral) / sectoral * 100
    }
}
