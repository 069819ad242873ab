extension Chart {
    /// Horizontal stacked bars, one bar per label (e.g. counties), top to bottom, one segment per series
    /// (e.g. sectors).
    ///
    /// Positive values stack right from a zero axis and negative values stack left, each in series order.
    /// When any value is negative, a dark dot marks each bar's net total. A legend names the series when there
    /// is more than one; the unit is the caption of the value axis. The height grows with the number of labels
    /// (22 pixels a row); labels wider than 40% of the chart are cut with "…".
    ///
    /// Series values are matched to `labels` by position; a `nil`, missing or non-finite value draws nothing.
    /// With no labels, no series or no value at all, the chart shows "no data".
    ///
    /// - Parameters:
    ///   - title: The chart title (also the accessible name).
    ///   - labels: The bar labels, top to bottom.
    ///   - series: The segments of each bar.
    ///   - unit: The unit of the values, e.g. "kt CO₂e".
    /// - Returns: One complete `<svg>` element.
    /// - Complexity: O(*n*), where *n* is the number of values (labels × series), plus the length of the text.
    public static func stackedBars(title: String, labels: [String], series: [Series], unit: String) -> String {
        let count = labels.count
        guard let (rows, positive, negative, filled) = stack(series, count: count) else {
            return noData(title: title, unit: unit)
        }
        let anyNegative = negative.contains { $0 < 0 }
        let rowLabels = rowLabels(labels)
        let labelRight = 8 + rowLabels.width
        let left = labelRight + 10
        let right = width - 24
        let scale = NiceScale(low: negative.min() ?? 0, high: positive.max() ?? 0,
                              targetTicks: tickTarget(for: right - left))
        let top = plotTop - 8
        let bottom = top + Double(count) * rowHeight
        var items = series.enumerated().map { Legend.Item(name: $1.name, swatch: .square(Palette.color($0))) }
        if anyNegative { items.append(Legend.Item(name: "Net total", swatch: .dot(Palette.ink))) }
        let legend: Legend? = series.count > 1 ? Legend(items: items, maxWidth: width - 16) : nil
        let height = bottom + 26 + (legend.map { $0.height + 6 } ?? 0)

        var canvas = SVGCanvas(width: width, height: height, title: title)
        unitCaption(unit, on: &canvas)
        let x = LinearMap(domainStart: scale.lower, domainEnd: scale.upper, start: left, end: right)
        drawHorizontalAxis(scale, x, top: top, bottom: bottom, on: &canvas)
        for index in 0..<count {
            let middle = top + rowHeight * (Double(index) + 0.5)
            canvas.text(rowLabels.texts[index], x: labelRight, y: middle + 4, anchor: .end, className: "label")
            for (seriesIndex, value, from, to) in segments(rows, at: index) {
                canvas.rect(x: x(from), y: middle - barThickness / 2, width: x(to) - x(from), height: barThickness,
                            fill: Palette.color(seriesIndex), className: "segment",
                            tooltip: "\(series[seriesIndex].name) · \(labels[index]): \(ValueFormat.label(value)) \(unit)")
            }
        }
        canvas.line(x1: x(0), y1: top, x2: x(0), y2: bottom, stroke: Palette.ink, className: "zero")
        if anyNegative {
            for index in 0..<count where filled[index] {
                let net = positive[index] + negative[index]
                canvas.circle(cx: x(net), cy: top + rowHeight * (Double(index) + 0.5), r: 3.5, fill: Palette.ink,
                              stroke: "#FFFFFF", className: "net",
                              tooltip: "\(labels[index]): \(ValueFormat.label(net)) \(unit)")
            }
        }
        legend?.draw(on: &canvas, x: 8, top: bottom + 26)
        return canvas.render()
    }
}
