/// One coloured series of a stacked chart: a name for the legend and one value per category or label.
///
/// The values are matched to the chart's categories (or labels) by position. A `nil` value, a missing value
/// (the array is shorter than the categories) and a value that is not finite all draw nothing; values beyond
/// the categories are ignored.
public struct Series: Sendable, Equatable {
    /// The name shown in the legend and in the segment tooltips, e.g. "能源活动 Energy".
    public var name: String
    /// One value per category or label, in the chart's unit; `nil` means "no value" and draws nothing.
    public var values: [Double?]

    /// Creates a series from its legend name and its values, one per category or label.
    ///
    /// - Parameters:
    ///   - name: The name shown in the legend.
    ///   - values: One value per category or label; `nil` draws nothing.
    public init(name: String, values: [Double?]) {
        self.name = name
        self.values = values
    }
}
