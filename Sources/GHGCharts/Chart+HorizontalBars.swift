extension Chart {
    /// Horizontal bars, one per label, top to bottom, with the value printed at the bar end.
    ///
    /// Positive values extend right and negative values left of a zero axis; the value axis is labelled under
    /// the bars and the unit is its caption. The height grows with the number of labels (22 pixels a row).
    /// Labels wider than 40% of the chart are cut with "…".
    ///
    /// Values are matched to `labels` by position; a missing or non-finite value draws no bar. With no labels
    /// or no value at all, the chart shows "no data".
    ///
    /// - Parameters:
    ///   - title: The chart title (also the accessible name).
    ///   - labels: The bar labels, top to bottom.
    ///   - values: One value per label.
    ///   - unit: The unit of the values, e.g. "kt CO₂e".
    /// - Returns: One complete `<svg>` element.
    /// - Complexity: O(*n*), where *n* is the number of values, plus the length of the text.
    public static func horizontalBars(title: String, labels: [String], values: [Double], unit: String) -> String {
        let count = labels.count
        let bars: [Double?] = (0..<count).map { index in index < values.count ? sanitize(values[index]) : nil }
        let present = bars.compactMap { $0 }
        guard count > 0, let smallest = present.min(), let largest = present.max() else {
            return noData(title: title, unit: unit)
        }
        let valueTexts = bars.map { $0.map(ValueFormat.label) }
        func widest(_ keep: (Double) -> Bool) -> Double {
            zip(bars, valueTexts).compactMap { value, text in
                guard let value, let text, keep(value) else { return nil }
                return TextMetrics.width(text, fontSize: SVGCanvas.fontSize)
            }.max() ?? 0
        }
        let rowLabels = rowLabels(labels)
        let labelRight = 8 + rowLabels.width
        let negativePad = smallest < 0 ? widest { $0 < 0 } + 8 : 0
        let left = labelRight + 10 + negativePad
        let right = width - 12 - (widest { $0 >= 0 } + 8)
        let scale = NiceScale(low: min(0, smallest), high: max(0, largest), targetTicks: tickTarget(for: right - left))
        let top = plotTop - 8
        let bottom = top + Double(count) * rowHeight
        let height = bottom + 26

        var canvas = SVGCanvas(width: width, height: height, title: title)
        unitCaption(unit, on: &canvas)
        let x = LinearMap(domainStart: scale.lower, domainEnd: scale.upper, start: left, end: right)
        drawHorizontalAxis(scale, x, top: top, bottom: bottom, on: &canvas)
        for index in 0..<count {
            let middle = top + rowHeight * (Double(index) + 0.5)
            canvas.text(rowLabels.texts[index], x: labelRight, y: middle + 4, anchor: .end, className: "label")
            guard let value = bars[index], let text = valueTexts[index] else { continue }
            canvas.rect(x: x(0), y: middle - barThickness / 2, width: x(value) - x(0), height: barThickness,
                        fill: Palette.color(0), className: "bar", tooltip: "\(labels[index]): \(text) \(unit)")
            canvas.text(text, x: value < 0 ? x(value) - 4 : x(value) + 4, y: middle + 4,
                        anchor: value < 0 ? .end : .start, className: "value")
        }
        canvas.line(x1: x(0), y1: top, x2: x(0), y2: bottom, stroke: Palette.ink, className: "zero")
        return canvas.render()
    }
}
