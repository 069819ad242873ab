/// A labelled vertical marker at one category of a column chart, e.g. the base years 2005 and 2020.
public struct Marker: Sendable, Equatable {
    /// The category the marker stands at; it must equal one of the chart's categories, else the marker is ignored.
    public var category: String
    /// The text printed at the top of the marker, e.g. "base year".
    public var label: String

    /// Creates a marker at a category.
    ///
    /// - Parameters:
    ///   - category: One of the chart's categories (compared exactly); other values are ignored.
    ///   - label: The text printed at the top of the marker.
    public init(category: String, label: String) {
        self.category = category
        self.label = label
    }
}
