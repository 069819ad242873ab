/// The energy content of one activity row, for energy accounting (energy intensity, non-fossil share, the
/// reference-approach check): energy in GJ from the NCV and standard coal from the `tce_coefficient` factor.
///
/// Standard coal is never derived from joules implicitly: the coefficient is a factor with a source, and for
/// electricity its caliber (calorific equivalent 当量值, or coal equivalent 等价值 at the year's thermal-power coal
/// rate) is chosen by the project (`factor_lookup.tce_coefficient.technology`). A missing coefficient is a warning,
/// since emissions do not depend on it.
public struct EnergyLine: Hashable, Sendable {
    /// The region code.
    public var region: String
    /// The year.
    public var year: Int
    /// The category.
    public var category: CategoryCode
    /// The activity kind.
    public var activity: ActivityKind
    /// The item.
    public var item: String
    /// The activity row.
    public var activityReference: ActivityReference
    /// Energy in GJ (nil for electricity, which is not thermal energy, or when no NCV applies).
    public var gigajoules: Double?
    /// Standard coal equivalent in tce (nil when no coefficient was found).
    public var tce: Double?
    /// The NCV factor used, if any.
    public var ncv: FactorReference?
    /// The standard-coal coefficient used, if any.
    public var tceCoefficient: FactorReference?

    /// Creates a line.
    public init(region: String, year: Int, category: CategoryCode, activity: ActivityKind, item: String,
                activityReference: ActivityReference, gigajoules: Double?, tce: Double?, ncv: FactorReference?,
                tceCoefficient: FactorReference?) {
        self.region = region
        self.year = year
        self.category = category
        self.activity = activity
        self.item = item
        self.activityReference = activityReference
        self.gigajoules = gigajoules
        self.tce = tce
        self.ncv = ncv
        self.tceCoefficient = tceCoefficient
    }
}

extension MethodSupport {
    /// The energy line of the row: `gigajoules` as computed by the method, and tce from the row itself (when given in
    /// standard coal) or from the `tce_coefficient` factor. A missing coefficient becomes a warning.
    mutating func energyLine(gigajoules: Double?, ncv: ResolvedFactor?) -> EnergyLine {
        var tce: Double?
        var coefficient: ResolvedFactor?
        if let unit = record.unit {
            if unit.dimension == .standardCoal {
                tce = baseAmount
            } else {
                coefficient = factor("tce_coefficient", requirement: UnitRequirement(.standardCoal / unit.dimension,
                                         example: "standard coal per \(unit.dimension), e.g. kgce/kg"),
                                     severity: .warning, consequence: "; tce not computed for energy.csv")
                tce = coefficient.map { baseAmount * $0.baseValue }
            }
        }
        return EnergyLine(region: record.region, year: record.year, category: record.category,
                          activity: record.activity, item: record.item, activityReference: activityReference(),
                          gigajoules: gigajoules, tce: tce, ncv: ncv.map(FactorReference.init),
                          tceCoefficient: coefficient.map(FactorReference.init))
    }
}
