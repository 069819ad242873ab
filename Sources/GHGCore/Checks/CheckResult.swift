/// One finding of a quality check (DESIGN §9; IPCC 2006 Vol.1 Ch.6): what was checked, where, the numbers, and what
/// a reviewer should look at. Every check writes its findings as values of this type; `checks.csv` renders them in one
/// place (``InventoryChecks`` runs them in a fixed order).
public struct CheckResult: Hashable, Sendable {
    /// The check's id: `reference_vs_sectoral`, `rollup_residual`, `year_on_year`, `completeness`, `implied_factor`,
    /// `overlapping_rows`, `measured_vs_calculated`, `biomass_as_fossil`, `coarse_category`, `factor_year`.
    public var check: String
    /// The stable code of the kind of finding, shared with the diagnostic of the same problem where there is one.
    public var code: DiagnosticCode
    /// Region code: the region the finding is about (for a finding over several regions, the smallest region that
    /// holds them all).
    public var region: String
    /// Year.
    public var year: Int
    /// What was compared: a fuel, a category and gas, a factor parameter and item.
    public var subject: String
    /// The input the finding points at (an activity row, a factor row, a region's row in regions.csv), if any.
    public var location: InputLocation?
    /// The value checked (the reference approach; a region's own total; an implied factor).
    public var value: Double
    /// What it is held against (the sectoral approach; the sum of the sub-regions; the year before; a bound of a
    /// range).
    public var reference: Double
    /// `(value − reference) / reference × 100`, nil when the reference is zero or the comparison is not a ratio.
    public var differencePct: Double?
    /// `ok`, `explain`, `large`, `missing`, `outside`, `review`.
    public var status: String
    /// `warning` for a finding a reviewer must look at, `info` otherwise.
    public var severity: String
    /// What lies behind a finding, for a person to read: the rows, the range, the fix.
    public var detail: String

    /// Creates a result. Without `severity`, a `large` status is a warning and anything else is information.
    public init(check: String, code: DiagnosticCode, region: String, year: Int, subject: String,
                location: InputLocation? = nil, value: Double, reference: Double, differencePct: Double?,
                status: String, severity: String? = nil, detail: String = "") {
        self.check = check
        self.code = code
        self.region = region
        self.year = year
        self.subject = subject
        self.location = location
        self.value = value
        self.reference = reference
        self.differencePct = differencePct
        self.status = status
        self.severity = severity ?? (status == "large" ? "warning" : "info")
        self.detail = detail
    }
}
