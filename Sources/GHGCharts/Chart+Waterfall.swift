extension Chart {
    /// A bridge (waterfall) chart: a first bar `start` from zero, then one floating bar per step, each starting
    /// where the previous ended (increases and decreases in two different colours), then a final bar `end`
    /// from zero.
    ///
    /// Dashed connectors join the end of each bar to the start of the next. Each bar carries its value (totals
    /// as they are, steps with a sign, "+1,234"); labels under the bars wrap onto two lines and are cut with "…"
    /// when still too wide. `end` is drawn as given: when it equals `start.value` plus the sum of the steps, its
    /// top is level with the end of the last step. A legend names the three colours; the unit is the caption
    /// of the value axis. A step of zero is a bar of zero height; a non-finite value counts as zero.
    ///
    /// - Parameters:
    ///   - title: The chart title (also the accessible name).
    ///   - start: The first total, e.g. the base-year emissions.
    ///   - steps: The changes, left to right, e.g. per sector.
    ///   - end: The last total, e.g. the current-year emissions.
    ///   - unit: The unit of the values, e.g. "kt CO₂e".
    /// - Returns: One complete `<svg>` element.
    /// - Complexity: O(*n*), where *n* is the number of steps, plus the length of the text.
    public static func waterfall(title: String, start: Step, steps: [Step], end: Step, unit: String) -> String {
        var bars: [(label: String, value: Double, from: Double, to: Double, className: String)] = []
        let first = sanitize(start.value) ?? 0
        bars.append((start.label, first, 0, first, "total"))
        var level = first
        for step in steps {
            let change = sanitize(step.value) ?? 0
            let next = sanitize(level + change) ?? level
            bars.append((step.label, change, level, next, change < 0 ? "decrease" : "increase"))
            level = next
        }
        let last = sanitize(end.value) ?? 0
        bars.append((end.label, last, 0, last, "total"))
        let levels = bars.flatMap { [$0.from, $0.to] }
        let scale = NiceScale(low: min(0, levels.min() ?? 0), high: max(0, levels.max() ?? 0))
        let left = plotLeft(for: scale.labels)
        let right = width - 16
        let bottom = plotTop + plotHeight
        let band = (right - left) / Double(bars.count)
        let barWidth = min(band * 0.62, 64)
        let labels = bars.map {
            TextMetrics.wrap($0.label, maxWidth: max(band - 6, 12), fontSize: SVGCanvas.fontSize, maxLines: 2).lines
        }
        let labelsBottom = bottom + 8 + Double(labels.map(\.count).max() ?? 1) * lineHeight
        let legend = Legend(items: [Legend.Item(name: "Total", swatch: .square(Palette.total)),
                                    Legend.Item(name: "Increase", swatch: .square(Palette.increase)),
                                    Legend.Item(name: "Decrease", swatch: .square(Palette.decrease))],
                            maxWidth: width - 16)
        let height = labelsBottom + 10 + legend.height + 8

        var canvas = SVGCanvas(width: width, height: height, title: title)
        unitCaption(unit, on: &canvas)
        let y = LinearMap(domainStart: scale.lower, domainEnd: scale.upper, start: bottom, end: plotTop)
        drawVerticalAxis(scale, y, left: left, right: right, on: &canvas)
        func centre(_ index: Int) -> Double { left + band * (Double(index) + 0.5) }
        for (index, bar) in bars.enumerated() {
            let fill = bar.className == "total" ? Palette.total
                : bar.className == "decrease" ? Palette.decrease : Palette.increase
            let text = bar.className == "total" ? ValueFormat.label(bar.value) : ValueFormat.signedLabel(bar.value)
            let top = y(max(bar.from, bar.to))
            let base = y(min(bar.from, bar.to))
            canvas.rect(x: centre(index) - barWidth / 2, y: top, width: barWidth, height: base - top, fill: fill,
                        className: bar.className, tooltip: "\(bar.label): \(text) \(unit)")
            canvas.text(text, x: centre(index), y: bar.to >= bar.from ? top - 4 : base + 12, anchor: .middle,
                        className: "value")
        }
        for index in bars.indices.dropLast() {
            let at = y(bars[index].to)
            canvas.line(x1: centre(index) + barWidth / 2, y1: at, x2: centre(index + 1) - barWidth / 2, y2: at,
                        stroke: Palette.muted, dash: "2 2", className: "connector")
        }
        canvas.line(x1: left, y1: y(0), x2: right, y2: y(0), stroke: Palette.ink, className: "zero")
        for (index, lines) in labels.enumerated() {
            for (lineIndex, line) in lines.enumerated() {
                canvas.text(line, x: centre(index), y: bottom + 16 + Double(lineIndex) * lineHeight, anchor: .middle,
                            className: "category")
            }
        }
        legend.draw(on: &canvas, x: 8, top: labelsBottom + 10)
        return canvas.render()
    }
}
