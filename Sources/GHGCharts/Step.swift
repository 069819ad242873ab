/// One bar of a bridge (waterfall) chart: a label and a value in the chart's unit.
///
/// For the first and last bar the value is a total; for the bars between it is a change (positive or negative).
public struct Step: Sendable, Equatable {
    /// The label printed under the bar, e.g. "2005" or "能源活动 Energy".
    public var label: String
    /// The total (first and last bar) or the change (the bars between), in the chart's unit.
    public var value: Double

    /// Creates a step.
    ///
    /// - Parameters:
    ///   - label: The label printed under the bar.
    ///   - value: The total or the change, in the chart's unit.
    public init(label: String, value: Double) {
        self.label = label
        self.value = value
    }
}
