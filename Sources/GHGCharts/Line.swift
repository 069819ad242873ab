/// One named line of a line chart, optionally with a translucent band (e.g. an uncertainty range) behind it.
///
/// Points are joined in the order given, so pass them sorted by `x`; the band is drawn as one closed area,
/// along the `high` edges in the order given and back along the `low` edges.
public struct Line: Sendable, Equatable {
    /// How the line is stroked.
    public enum Style: Sendable, Equatable {
        /// A continuous line, e.g. an inventory time series.
        case solid
        /// A dashed line, e.g. a projection or a target path.
        case dashed
    }

    /// The name shown in the legend when the chart has more than one line.
    public var name: String
    /// The points of the line, joined in this order; each is also drawn as a small circle.
    public var points: [Point]
    /// How the line is stroked.
    public var style: Style
    /// A band drawn as a translucent area behind the line when not empty.
    public var band: [BandPoint]

    /// Creates a line.
    ///
    /// - Parameters:
    ///   - name: The name shown in the legend.
    ///   - points: The points, joined in this order (sort them by `x`).
    ///   - style: How the line is stroked; solid unless given.
    ///   - band: A band drawn behind the line; none unless given.
    public init(name: String, points: [Point], style: Style = .solid, band: [BandPoint] = []) {
        self.name = name
        self.points = points
        self.style = style
        self.band = band
    }
}
