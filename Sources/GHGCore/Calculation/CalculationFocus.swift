/// The region and year a calculation is asked about (`explain`): every row is still read, checked and planned, so
/// errors anywhere are found and lines keep their canonical numbers, but only the lines that count in the region
/// (its own and its sub-regions', ``RegionTree/subtree(of:)``) in that year are laid out, evaluated and aggregated.
public struct CalculationFocus: Hashable, Sendable {
    /// The region code.
    public var region: String
    /// The year.
    public var year: Int

    /// Creates a focus.
    public init(region: String, year: Int) {
        self.region = region
        self.year = year
    }
}
