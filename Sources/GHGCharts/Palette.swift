/// The fixed colours of the charts: the Okabe–Ito colour-blind-friendly palette and a few greys.
enum Palette {
    /// The series colours, cycled by series index.
    static let series = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
    /// The colour of series `index`, cycling through ``series``.
    static func color(_ index: Int) -> String {
        series[((index % series.count) + series.count) % series.count]
    }
    /// Totals of a bridge chart.
    static let total = "#0072B2"
    /// Increases of a bridge chart.
    static let increase = "#D55E00"
    /// Decreases of a bridge chart.
    static let decrease = "#009E73"
    /// Text, the net-total dots and the zero line.
    static let ink = "#222222"
    /// Secondary text: units, tick labels, markers.
    static let muted = "#555555"
    /// Grid lines.
    static let grid = "#DDDDDD"
}
