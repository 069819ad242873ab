extension Chart {
    /// Vertical stacked columns, one column per category (e.g. years), one segment per series (e.g. sectors).
    ///
    /// Positive values stack upward from zero and negative values (a land sink) stack downward, each in series
    /// order; a dark dot marks each column's net total (the sum of its values). A legend names the series when
    /// there is more than one; the unit is the caption of the value axis. Category labels that do not fit are
    /// wrapped onto two lines or, failing that, printed on every 2nd, 5th, 10th… column. Markers stand at the
    /// centre of their category's column; a marker whose category is not among `categories` is ignored.
    ///
    /// Series values are matched to `categories` by position; a `nil`, missing or non-finite value draws
    /// nothing. With no categories, no series or no value at all, the chart shows "no data".
    ///
    /// - Parameters:
    ///   - title: The chart title (also the accessible name).
    ///   - categories: The column labels, left to right.
    ///   - series: The segments of each column, bottom-up for positive and top-down for negative values.
    ///   - unit: The unit of the values, e.g. "kt CO₂e".
    ///   - markers: Labelled vertical markers at categories, e.g. base years.
    /// - Returns: One complete `<svg>` element.
    /// - Complexity: O(*n*), where *n* is the number of values (categories × series), plus the length of the text.
    public static func stackedColumns(title: String, categories: [String], series: [Series], unit: String,
                                      markers: [Marker] = []) -> String {
        let count = categories.count
        guard let (rows, positive, negative, filled) = stack(series, count: count) else {
            return noData(title: title, unit: unit)
        }
        let scale = NiceScale(low: negative.min() ?? 0, high: positive.max() ?? 0)
        let left = plotLeft(for: scale.labels)
        let right = width - 16
        let bottom = plotTop + plotHeight
        let band = (right - left) / Double(count)
        let barWidth = min(band * 0.62, 56)
        let labels = columnLabels(categories, band: band, maxWidth: right - left)
        let labelLines = labels.lines.map(\.count).max() ?? 1
        let labelsBottom = bottom + 8 + Double(labelLines) * lineHeight
        let legend: Legend? = series.count > 1
            ? Legend(items: series.enumerated().map { Legend.Item(name: $1.name, swatch: .square(Palette.color($0))) }
                + [Legend.Item(name: "Net total", swatch: .dot(Palette.ink))],
                maxWidth: width - 16)
            : nil
        let height = (legend.map { labelsBottom + 10 + $0.height } ?? labelsBottom) + 8

        var canvas = SVGCanvas(width: width, height: height, title: title)
        unitCaption(unit, on: &canvas)
        let y = LinearMap(domainStart: scale.lower, domainEnd: scale.upper, start: bottom, end: plotTop)
        drawVerticalAxis(scale, y, left: left, right: right, on: &canvas)
        for index in 0..<count where filled[index] {
            let centre = left + band * (Double(index) + 0.5)
            for (seriesIndex, value, from, to) in segments(rows, at: index) {
                let top = y(max(from, to))
                canvas.rect(x: centre - barWidth / 2, y: top, width: barWidth, height: y(min(from, to)) - top,
                            fill: Palette.color(seriesIndex), className: "segment",
                            tooltip: "\(series[seriesIndex].name) · \(categories[index]): \(ValueFormat.label(value)) \(unit)")
            }
        }
        canvas.line(x1: left, y1: y(0), x2: right, y2: y(0), stroke: Palette.ink, className: "zero")
        for index in 0..<count where filled[index] {
            let net = positive[index] + negative[index]
            canvas.circle(cx: left + band * (Double(index) + 0.5), cy: y(net), r: 3.5, fill: Palette.ink,
                          stroke: "#FFFFFF", className: "net",
                          tooltip: "\(categories[index]): \(ValueFormat.label(net)) \(unit)")
        }
        for (index, lines) in labels.lines.enumerated() where index % labels.stride == 0 {
            for (lineIndex, line) in lines.enumerated() {
                canvas.text(line, x: left + band * (Double(index) + 0.5), y: bottom + 16 + Double(lineIndex) * lineHeight,
                            anchor: .middle, className: "category")
            }
        }
        for marker in markers {
            guard let index = categories.firstIndex(of: marker.category) else { continue }
            drawMarker(at: left + band * (Double(index) + 0.5), label: marker.label, top: plotTop, bottom: bottom,
                       on: &canvas)
        }
        legend?.draw(on: &canvas, x: 8, top: labelsBottom + 10)
        return canvas.render()
    }
}
