/// The outcome of one quality check (DESIGN §9): a value, the threshold it was held against and a status.
public struct CheckResult: Hashable, Sendable {
    /// The check's id (`reference_vs_sectoral`).
    public var check: String
    /// Region code.
    public var region: String
    /// Year.
    public var year: Int
    /// The item checked, if the check is per item.
    public var item: String
    /// The compared values and their difference, named.
    public var values: [(String, Double)]
    /// `ok`, `explain` or `large`.
    public var status: String

    /// Compares by all fields.
    public static func == (a: Self, b: Self) -> Bool {
        a.check == b.check && a.region == b.region && a.year == b.year && a.item == b.item && a.status == b.status
            && a.values.map(\.0) == b.values.map(\.0) && a.values.map(\.1) == b.values.map(\.1)
    }

    /// Hashes the key fields.
    public func hash(into h: inout Hasher) {
        h.combine(check); h.combine(region); h.combine(year); h.combine(item)
    }
}

/// Quality checks over computed lines.
public enum QualityChecks {
    /// Reference approach against sectoral approach, per region, year and fuel (IPCC 2006 Vol.2 Ch.6;
    /// methodology.md §2.2): `diff% = (RA − SA) / SA × 100`, with SA the fuel's 1.A combustion CO2 (fossil and
    /// biomass memo alike, as the RA covers the fuel whole).
    ///
    /// Status `ok` within `explainAbove` percent, `explain` up to `largeAbove` (IPCC: differences are "in general
    /// relatively small (5 per cent or less)"), `large` beyond; a `large` difference also yields a warning.
    /// The 2 % explanation trigger is commonly cited but UNVERIFIED (methodology.md §2.2), hence a parameter.
    public static func referenceVsSectoral(_ lines: [EmissionLine], explainAbove: Double = 2, largeAbove: Double = 5)
        -> (results: [CheckResult], diagnostics: [Diagnostic])
    {
        struct Key: Hashable { var region: String; var year: Int; var item: String }
        var ra: [Key: (Double, InputLocation)] = [:]
        var sa: [Key: CompensatedSum] = [:]
        let energy = CategoryCode("1.A")!
        for l in lines where l.gas == .co2 {
            let k = Key(region: l.region, year: l.year, item: l.item)
            if l.scope == .referenceApproach {
                ra[k] = ((ra[k]?.0 ?? 0) + l.massTonnes, l.lineage.activity.location)
            } else if l.method == .fuelCombustion, energy.isPrefix(of: l.category),
                      l.scope == .total || l.scope == .memoBiomass {
                sa[k, default: CompensatedSum()].add(l.massTonnes)
            }
        }
        var results: [CheckResult] = []
        var diagnostics: [Diagnostic] = []
        for k in ra.keys.sorted(by: { ($0.region, $0.year, $0.item) < ($1.region, $1.year, $1.item) }) {
            let (r, loc) = ra[k]!
            let s = sa[k]?.value ?? 0
            guard let d = ReferenceApproach.difference(reference: r, sectoral: s) else {
                diagnostics.append(.warning(.missingFactor, at: loc,
                    "reference approach for '\(k.item)' in \(k.year) has no sectoral fuel_combustion CO2 to compare "
                        + "with; expected fuel_combustion rows for the same fuel"))
                continue
            }
            let status = abs(d) <= explainAbove ? "ok" : abs(d) <= largeAbove ? "explain" : "large"
            if status == "large" {
                diagnostics.append(.warning(.init("reference-vs-sectoral"), at: loc,
                    "reference approach CO2 for '\(k.item)' in \(k.year) differs from the sectoral approach by "
                        + "\(DecimalFormat.string(d))% (RA \(DecimalFormat.string(r)) t, SA \(DecimalFormat.string(s)) t); "
                        + "expected within ±\(DecimalFormat.string(largeAbove))% or an explanation"))
            }
            results.append(CheckResult(check: "reference_vs_sectoral", region: k.region, year: k.year, item: k.item,
                                       values: [("reference_t", r), ("sectoral_t", s), ("difference_pct", d)],
                                       status: status))
        }
        return (results, diagnostics)
    }
}
