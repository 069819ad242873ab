/// Dependency-free SVG charts for the HTML report: each function returns one complete, self-contained
/// `<svg>` element (inline, no scripts, no external resources) sized for an A4 page.
///
/// The output is well-formed XML: all caller text (titles, units, names, categories, labels) is escaped, and
/// every number is written by one locale-free formatter, so the same input always gives byte-identical output.
/// Colours come from the Okabe–Ito colour-blind-friendly palette, cycled by series index (see ``seriesColor(_:)``).
///
/// Values that are `nil` or not finite draw nothing; magnitudes beyond 10^15 are clamped. A chart with nothing
/// to draw is an `<svg>` with the title and the text "no data".
public enum Chart {
    /// The colour of series (or line) `index` in every chart, e.g. for a matching key in an HTML table.
    ///
    /// - Parameter index: The series index; the eight colours repeat from index 8 on.
    /// - Returns: A colour such as "#0072B2".
    /// - Complexity: O(1).
    public static func seriesColor(_ index: Int) -> String {
        Palette.color(index)
    }

    /// The width of every chart in pixels.
    static let width = 720.0
    /// The top of the plot area of the charts with a vertical value axis.
    static let plotTop = 56.0
    /// The height of the plot area of the charts with a vertical value axis.
    static let plotHeight = 220.0
    /// The row height of the horizontal bar charts.
    static let rowHeight = 22.0
    /// The bar thickness of the horizontal bar charts.
    static let barThickness = 14.0
    /// The line height of multi-line labels.
    static let lineHeight = 13.0
    /// The dash pattern of markers.
    static let markerDash = "4 3"

    /// A value that can be drawn: `nil` for `nil` or non-finite, clamped to ±``ValueFormat/limit``.
    static func sanitize(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return min(max(value, -ValueFormat.limit), ValueFormat.limit)
    }

    /// The chart for empty input: the title, the unit and the text "no data".
    static func noData(title: String, unit: String) -> String {
        var canvas = SVGCanvas(width: width, height: 120, title: title)
        unitCaption(unit, on: &canvas)
        canvas.text("no data", x: width / 2, y: 78, anchor: .middle, fill: Palette.muted, className: "no-data")
        return canvas.render()
    }

    /// Writes the unit as the caption of the value axis, under the title.
    static func unitCaption(_ unit: String, on canvas: inout SVGCanvas) {
        canvas.text(TextMetrics.truncate(unit, maxWidth: width - 16, fontSize: SVGCanvas.fontSize),
                    x: 8, y: 38, fill: Palette.muted, className: "unit")
    }

    /// The left edge of a plot whose y tick labels are `labels`.
    static func plotLeft(for labels: [String]) -> Double {
        16 + max(24, labels.map { TextMetrics.width($0, fontSize: SVGCanvas.fontSize) }.max() ?? 0)
    }

    /// Draws horizontal grid lines and the tick labels of a vertical value axis.
    static func drawVerticalAxis(_ scale: NiceScale, _ y: LinearMap, left: Double, right: Double,
                                 on canvas: inout SVGCanvas) {
        for (tick, label) in zip(scale.ticks, scale.labels) {
            canvas.line(x1: left, y1: y(tick), x2: right, y2: y(tick), stroke: Palette.grid, className: "grid")
            canvas.text(label, x: left - 6, y: y(tick) + 4, anchor: .end, fill: Palette.muted, className: "tick")
        }
    }

    /// Draws vertical grid lines and the tick labels (under `bottom`) of a horizontal value axis.
    static func drawHorizontalAxis(_ scale: NiceScale, _ x: LinearMap, top: Double, bottom: Double,
                                   on canvas: inout SVGCanvas) {
        for (tick, label) in zip(scale.ticks, scale.labels) {
            canvas.line(x1: x(tick), y1: top, x2: x(tick), y2: bottom, stroke: Palette.grid, className: "grid")
            canvas.text(label, x: x(tick), y: bottom + 14, anchor: .middle, fill: Palette.muted, className: "tick")
        }
    }

    /// A vertical marker line from `top` to `bottom` at `x` with its label centred above `top`.
    static func drawMarker(at x: Double, label: String, top: Double, bottom: Double, on canvas: inout SVGCanvas) {
        canvas.line(x1: x, y1: top - 2, x2: x, y2: bottom, stroke: Palette.muted, dash: markerDash, className: "marker")
        let text = TextMetrics.truncate(label, maxWidth: 160, fontSize: 10)
        let half = TextMetrics.width(text, fontSize: 10) / 2
        let centre = min(max(x, 8 + half), width - 8 - half)
        canvas.text(text, x: centre, y: top - 6, anchor: .middle, fontSize: 10, fill: Palette.muted,
                    className: "marker-label")
    }

    /// Lays out category labels under columns `band` pixels apart: on one line if they all fit, else on two
    /// lines if that fits; else sequence-like labels (years: digits, "-", "/", ".") go on one line on every
    /// `stride`-th column (stride 1, 2, 5, 10, 20, …) and other labels stay on two lines, cut with "…".
    ///
    /// - Complexity: O(n) in the total length of the labels.
    static func columnLabels(_ labels: [String], band: Double, maxWidth: Double) -> (lines: [[String]], stride: Int) {
        let room = max(band - 6, 12)
        let widths = labels.map { TextMetrics.width($0, fontSize: SVGCanvas.fontSize) }
        let widest = widths.max() ?? 0
        if widest <= room { return (labels.map { [$0] }, 1) }
        let wrapped = labels.map { TextMetrics.wrap($0, maxWidth: room, fontSize: SVGCanvas.fontSize, maxLines: 2) }
        let sequence = labels.allSatisfy { $0.unicodeScalars.allSatisfy { "0123456789-/. ".unicodeScalars.contains($0) } }
        if !sequence || !wrapped.contains(where: \.truncated) { return (wrapped.map(\.lines), 1) }
        var stride = 1
        var next = [2, 5, 10]
        while band * Double(stride) - 6 < widest && stride < labels.count {
            let grow = next.removeFirst()
            next.append(grow * 10)
            stride = grow
        }
        let available = min(band * Double(stride) - 6, maxWidth)
        return (labels.map { [TextMetrics.truncate($0, maxWidth: available, fontSize: SVGCanvas.fontSize)] }, stride)
    }

    /// The label column of a horizontal bar chart: the labels cut to at most 40% of the width, and its width.
    static func rowLabels(_ labels: [String]) -> (texts: [String], width: Double) {
        let limit = width * 0.4
        let texts = labels.map { TextMetrics.truncate($0, maxWidth: limit, fontSize: SVGCanvas.fontSize) }
        let widest = texts.map { TextMetrics.width($0, fontSize: SVGCanvas.fontSize) }.max() ?? 0
        return (texts, max(widest, 24))
    }

    /// A number of axis intervals that leaves about 80 pixels per tick label.
    static func tickTarget(for length: Double) -> Int {
        max(2, min(6, Int(length / 80)))
    }
}

extension Chart {
    /// The series of a stacked chart as rows of sanitised values (one per category, nil for none), with the sums of
    /// the positive and of the negative values of each category and whether it has any value; nil when there is no
    /// category or no value at all.
    ///
    /// - Complexity: O(*n*) in the number of values.
    static func stack(_ series: [Series], count: Int)
        -> (rows: [[Double?]], positive: [Double], negative: [Double], filled: [Bool])? {
        let rows = series.map { item in
            (0..<count).map { index in index < item.values.count ? sanitize(item.values[index]) : nil }
        }
        guard count > 0, rows.contains(where: { $0.contains { $0 != nil } }) else { return nil }
        var positive = Array(repeating: 0.0, count: count)
        var negative = Array(repeating: 0.0, count: count)
        var filled = Array(repeating: false, count: count)
        for row in rows {
            for (index, value) in row.enumerated() {
                guard let value else { continue }
                filled[index] = true
                if value > 0 { positive[index] += value } else { negative[index] += value }
            }
        }
        return (rows, positive, negative, filled)
    }

    /// The segments of one stacked bar or column (index `index` of `rows`), series by series: positive values
    /// stacked up from zero, negative ones down, zeros and gaps skipped.
    ///
    /// - Complexity: O(number of series).
    static func segments(_ rows: [[Double?]], at index: Int)
        -> [(series: Int, value: Double, from: Double, to: Double)] {
        var up = 0.0
        var down = 0.0
        var out: [(series: Int, value: Double, from: Double, to: Double)] = []
        for (seriesIndex, row) in rows.enumerated() {
            guard let value = row[index], value != 0 else { continue }
            let from = value > 0 ? up : down
            let to = from + value
            if value > 0 { up = to } else { down = to }
            out.append((seriesIndex, value, from, to))
        }
        return out
    }
}
