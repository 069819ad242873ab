/// How a target compares the indicator with its value.
public enum TargetComparison: String, Hashable, Sendable {
    /// At least (以上, 不低于, 超过).
    case atLeast = "≥"
    /// At most (以下, 不超过).
    case atMost = "≤"
    /// About (左右): within the project's relative tolerance, or beyond it in the direction of travel.
    case about = "≈"
    /// A bare number: reached when the indicator gets there from where it started.
    case equal = "="

    /// Parses `≥ ≤ ≈ =` and the ASCII spellings `>=`, `<=`, `~`.
    public init?(parsing text: String) {
        switch text.trimmingSpaces {
        case "≥", ">=": self = .atLeast
        case "≤", "<=": self = .atMost
        case "≈", "~": self = .about
        case "=", "==": self = .equal
        default: return nil
        }
    }
}

/// One row of `targets.csv`.
public struct Target: Hashable, Sendable {
    /// Where the row is.
    public var location: InputLocation
    /// Region code.
    public var region: String
    /// Indicator key (the keys of `city-targets.csv` and `EmissionFactors/indicators.csv`).
    public var indicator: String
    /// Base year of a decline target, if stated.
    public var baseYear: Int?
    /// Target year, if stated.
    public var targetYear: Int?
    /// The comparison.
    public var comparison: TargetComparison
    /// The target value; nil while it is to be assigned from above (省下达).
    public var value: Double?
    /// Unit as written.
    public var unit: String
    /// The plan and article.
    public var source: String
    /// Notes.
    public var note: String

    /// Creates a target.
    public init(location: InputLocation, region: String, indicator: String, baseYear: Int?, targetYear: Int?,
                comparison: TargetComparison, value: Double?, unit: String, source: String, note: String) {
        self.location = location
        self.region = region
        self.indicator = indicator
        self.baseYear = baseYear
        self.targetYear = targetYear
        self.comparison = comparison
        self.value = value
        self.unit = unit
        self.source = source
        self.note = note
    }
}

/// The status of a target for the latest year with data.
public enum TargetStatus: String, Hashable, Sendable {
    /// The indicator satisfies the target.
    case met
    /// Not yet met, but at least as far along as the straight path from base to target.
    case onTrack = "on track"
    /// Behind the straight path, or the target year has passed without meeting it.
    case offTrack = "off track"
    /// The value is still to be assigned (省下达).
    case pending
    /// No indicator value to judge by.
    case noData = "no data"
}

/// A target with its status and the numbers behind it.
public struct TargetResult: Hashable, Sendable {
    /// The target.
    public var target: Target
    /// The status.
    public var status: TargetStatus
    /// The latest year with data.
    public var latestYear: Int?
    /// The indicator in that year.
    public var actual: Double?
    /// Where the straight path from base to target stands in that year.
    public var pathValue: Double?
    /// The start of the path: year and value.
    public var pathStart: (year: Int, value: Double)?
    /// How the status was reached.
    public var explanation: String
    /// The base year the target was judged against: the stated one, or the one assumed for a decline without one.
    public var baseYear: Int?
    /// The target value in the indicator's unit (the stated value converted), nil when to be assigned (省下达).
    public var targetValue: Double?
    /// The series the target was judged on, by year: the computed indicator (against ``baseYear`` for a decline)
    /// or the socio-economic series of the same name.
    public var series: [(year: Int, value: Double)] = []

    /// Compares every field.
    public static func == (a: Self, b: Self) -> Bool {
        a.target == b.target && a.status == b.status && a.latestYear == b.latestYear && a.actual == b.actual
            && a.pathValue == b.pathValue && a.pathStart?.year == b.pathStart?.year
            && a.pathStart?.value == b.pathStart?.value && a.explanation == b.explanation
            && a.baseYear == b.baseYear && a.targetValue == b.targetValue
            && a.series.map(\.year) == b.series.map(\.year) && a.series.map(\.value) == b.series.map(\.value)
    }

    /// Hashes the target and status.
    public func hash(into h: inout Hasher) { h.combine(target); h.combine(status) }
}

/// Judges targets against indicators (computed ones first, then socio-economic series of the same key).
public enum TargetTracker {
    /// Validates targets (known indicator, known region, a base year among the project's years) and judges each.
    public static func evaluate(_ targets: [Target], indicators: [IndicatorValue], socio: SocioEconomicData,
                                catalogue: [String: IndicatorInfo], regions: RegionTree, projectYears: [Int],
                                settings: IndicatorSettings, diagnostics: inout [Diagnostic]) -> [TargetResult] {
        // Index computed indicators by region, key, base year.
        var computed: [String: [Int: Double]] = [:]
        for v in indicators { computed["\(v.region)|\(v.key)|\(v.baseYear ?? 0)", default: [:]][v.year] = v.value }
        let customKeys = Set(settings.custom.flatMap { [$0.key, $0.key + "_decline"] })
        var results: [TargetResult] = []
        for t in targets {
            guard regions.contains(t.region) else {
                diagnostics.append(.error(.unknownRegion, at: t.location,
                    regions.unknownCodeMessage(t.region)))
                continue
            }
            guard catalogue[t.indicator] != nil || customKeys.contains(t.indicator) else {
                diagnostics.append(.error(.unknownIndicator, at: t.location,
                    "unknown indicator '\(t.indicator)'; expected a key of EmissionFactors/indicators.csv or a custom "
                        + "indicator of ghg-project.json (e.g. co2_intensity_decline, non_fossil_share, forest_stock)"))
                continue
            }
            if let b = t.baseYear, !projectYears.contains(b), socio.years(t.indicator, region: t.region).isEmpty {
                diagnostics.append(.error(.baseYearWithoutData, at: t.location,
                    "base year \(b) of target '\(t.indicator)' has no data: it is not an inventory year of the "
                        + "project; expected one of " + projectYears.map(String.init).joined(separator: ", ")))
                continue
            }
            let unit = customKeys.contains(t.indicator) ? (t.indicator.hasSuffix("_decline") ? "%" : nil)
                : catalogue[t.indicator].flatMap { $0.kind == "computed" ? $0.unit : nil }
            results.append(judge(t, computed: computed, socio: socio, settings: settings, indicatorUnit: unit,
                                 diagnostics: &diagnostics))
        }
        return results
    }

    /// The factor that turns a value in the target's unit into the indicator's unit, or an explanation of why the
    /// two cannot be compared. An empty target unit means the indicator's own unit.
    struct UnitMismatch: Error { let message: String }

    static func unitFactor(target: String, indicator: String) -> Result<Double, UnitMismatch> {
        let a = target.trimmingSpaces, b = indicator.trimmingSpaces
        if a.isEmpty || a == b { return .success(1) }
        guard let ua = try? UnitRegistry.parse(a), let ub = try? UnitRegistry.parse(b) else {
            return .failure(UnitMismatch(message: "target unit '\(a)' cannot be compared with the indicator's unit "
                + "'\(b)'; expected the same unit, or units the registry converts"))
        }
        do { return .success(try ua.convert(1, to: ub)) } catch {
            return .failure(UnitMismatch(message: "target unit '\(a)' cannot be compared with the indicator's unit '\(b)': "
                + error.description))
        }
    }

    static func judge(_ t: Target, computed: [String: [Int: Double]], socio: SocioEconomicData,
                      settings: IndicatorSettings, indicatorUnit: String?,
                      diagnostics: inout [Diagnostic]) -> TargetResult {
        var result = TargetResult(target: t, status: .noData, latestYear: nil, actual: nil, pathValue: nil,
                                  pathStart: nil, explanation: "")
        let isDecline = t.indicator.hasSuffix("_decline")
        var assumption = ""
        var base = t.baseYear
        if isDecline && base == nil && t.value != nil {
            base = settings.baseYears.filter { $0 < (t.targetYear ?? Int.max) }.max()
            if let b = base { assumption = "base year not stated; \(b) assumed (latest project base year before the target year). " }
        }
        // The series of the indicator: computed (declines per base year), else the socio-economic series.
        var series = computed["\(t.region)|\(t.indicator)|\(isDecline ? base ?? 0 : 0)"] ?? [:]
        var origin = "computed"
        var unit = indicatorUnit ?? t.unit
        if series.isEmpty {
            for y in socio.years(t.indicator, region: t.region) {
                let r = socio.record(t.indicator, region: t.region, year: y)!
                series[y] = r.value
                unit = r.unitText
            }
            origin = "socio-economic series '\(t.indicator)'"
        }
        result.baseYear = isDecline ? base : t.baseYear
        result.series = series.keys.sorted().map { ($0, series[$0]!) }
        var targetValue = t.value
        if let v = t.value, !series.isEmpty {
            switch unitFactor(target: t.unit, indicator: unit) {
            case let .success(f): targetValue = v * f
            case let .failure(mismatch):
                diagnostics.append(.error(.unitDimension, at: t.location, mismatch.message))
                result.explanation = mismatch.message
                return result
            }
        }
        result.targetValue = targetValue
        guard let value = targetValue else {
            result.status = .pending
            result.explanation = assumption + "value to be assigned from above (省下达); " + describe(series)
            if let latest = series.keys.max() { result.latestYear = latest; result.actual = series[latest] }
            return result
        }
        guard let latest = series.keys.max(), let actual = series[latest] else {
            result.explanation = assumption + "no data for '\(t.indicator)'"
                + (isDecline ? " against base year \(base.map(String.init) ?? "?")" : "")
            return result
        }
        result.latestYear = latest
        result.actual = actual
        // The straight path: a decline starts at 0 in its base year; a level starts at its value in the base year,
        // or else at the first year with data.
        var start: (year: Int, value: Double)?
        if isDecline, let b = base { start = (b, 0) }
        else if let b = base, let v = series[b] { start = (b, v) }
        else if base == nil, let b = settings.baseYears.filter({ $0 < latest && series[$0] != nil }).max() {
            start = (b, series[b]!)
            assumption += "base year not stated; the path starts at \(b), the latest project base year with data. "
        } else if let first = series.keys.min(), first < latest {
            start = (first, series[first]!)
            assumption += "base year not stated; the path starts at \(first), the first year with data. "
        }
        result.pathStart = start
        let direction: Double = start.map { value >= $0.value ? 1 : -1 } ?? 1
        let satisfied: Bool
        switch t.comparison {
        case .atLeast: satisfied = actual >= value
        case .atMost: satisfied = actual <= value
        case .about:
            // 左右: within the tolerance, or past the value in the direction of travel.
            satisfied = abs(actual - value) <= settings.approxTolerance * abs(value)
                || (start != nil && (actual - value) * direction >= 0)
        case .equal: satisfied = start == nil ? actual == value : (actual - value) * direction >= 0
        }
        let numbers = "\(origin) \(latest): \(DecimalFormat.string(actual)) vs target \(t.comparison.rawValue) "
            + "\(DecimalFormat.string(value)) \(unit) by \(t.targetYear.map(String.init) ?? "(no year)")"
        if satisfied {
            result.status = .met
            result.explanation = assumption + numbers
            return result
        }
        guard let T = t.targetYear else {
            result.status = .offTrack
            result.explanation = assumption + numbers + "; no target year, so no path to be on"
            return result
        }
        if latest >= T {
            result.status = .offTrack
            result.explanation = assumption + numbers + "; target year reached without meeting it"
            return result
        }
        guard let s = start, T > s.year else {
            result.status = .noData
            result.explanation = assumption + numbers + "; only one year of data, so progress cannot be judged"
            return result
        }
        let path = s.value + (value - s.value) * Double(latest - s.year) / Double(T - s.year)
        result.pathValue = path
        // ≥ is on track at or above the path, ≤ at or below it (whichever way the path runs); ≈ and = by direction.
        let onTrack: Bool = switch t.comparison {
        case .atLeast: actual >= path
        case .atMost: actual <= path
        case .about, .equal: (actual - path) * direction >= 0
        }
        result.status = onTrack ? .onTrack : .offTrack
        result.explanation = assumption + numbers + "; straight path from \(s.year) (\(DecimalFormat.string(s.value))) "
            + "to \(T) stands at \(DecimalFormat.string(path)) in \(latest)"
        return result
    }

    private static func describe(_ series: [Int: Double]) -> String {
        guard let latest = series.keys.max() else { return "no data yet" }
        return "latest \(latest): \(DecimalFormat.string(series[latest]!))"
    }
}
