extension Chart {
    /// A line chart over a numeric x (usually years).
    ///
    /// Each line is drawn in its palette colour, solid or dashed (`stroke-dasharray`), over its band if it has
    /// one (a translucent closed area along the `high` edges and back along the `low` edges); every point is
    /// also a small circle, so a one-point line is a dot. The value axis always includes zero, which is drawn
    /// as a line, and the unit is its caption. When every x is a whole number the x ticks are whole numbers
    /// 1, 2, 5, 10, 20… apart, printed without separators or decimals ("2005", not "2,005"); otherwise they
    /// are nice decimal ticks. A legend names the lines when there is more than one. Each x marker is a dashed
    /// vertical line with its label on top; markers outside the range of the data, or not finite, are ignored.
    ///
    /// Points and band points with a non-finite coordinate are left out. With no point and no band point at
    /// all, the chart shows "no data".
    ///
    /// - Parameters:
    ///   - title: The chart title (also the accessible name).
    ///   - lines: The lines, drawn in this order (later lines on top).
    ///   - unit: The unit of the values, e.g. "kt CO₂e".
    ///   - xMarkers: Labelled vertical markers at x values, e.g. base or target years.
    /// - Returns: One complete `<svg>` element.
    /// - Complexity: O(*n*), where *n* is the number of points and band points, plus the length of the text.
    public static func lineChart(title: String, lines: [Line], unit: String,
                                 xMarkers: [(x: Double, label: String)] = []) -> String {
        let cleaned: [(points: [Point], band: [BandPoint])] = lines.map { line in
            let points = line.points.compactMap { point -> Point? in
                guard let x = sanitize(point.x), let y = sanitize(point.y) else { return nil }
                return Point(x: x, y: y)
            }
            let band = line.band.compactMap { point -> BandPoint? in
                guard let x = sanitize(point.x), let low = sanitize(point.low), let high = sanitize(point.high) else {
                    return nil
                }
                return BandPoint(x: x, low: low, high: high)
            }
            return (points, band)
        }
        let xs = cleaned.flatMap { $0.points.map(\.x) + $0.band.map(\.x) }
        let ys = cleaned.flatMap { $0.points.map(\.y) + $0.band.flatMap { [$0.low, $0.high] } }
        guard let xMin = xs.min(), let xMax = xs.max(), let yMin = ys.min(), let yMax = ys.max() else {
            return noData(title: title, unit: unit)
        }
        let yScale = NiceScale(low: min(0, yMin), high: max(0, yMax))
        let left = plotLeft(for: yScale.labels)
        let right = width - 28
        let bottom = plotTop + plotHeight

        // The x axis: whole-number ticks without separators for years, nice decimal ticks otherwise.
        let integral = xs.allSatisfy { $0 == $0.rounded() }
        var domain: (low: Double, high: Double)
        var xTicks: [(value: Double, label: String)] = []
        if integral {
            domain = xMin == xMax ? (xMin - 1, xMax + 1) : (xMin, xMax)
            let raw = (domain.high - domain.low) / Double(max(2, min(10, Int((right - left) / 60))))
            var step = 1.0
            var next = [2.0, 5.0, 10.0]
            while step < raw {
                let grow = next.removeFirst()
                next.append(grow * 10)
                step = grow
            }
            let first = (domain.low / step).rounded(.up)
            var index = 0.0
            while (first + index) * step <= domain.high {
                let tick = (first + index) * step
                xTicks.append((tick, String(Int(tick))))
                index += 1
            }
        } else {
            let scale = NiceScale(low: xMin, high: xMax, targetTicks: tickTarget(for: right - left))
            domain = (scale.lower, scale.upper)
            xTicks = Array(zip(scale.ticks, scale.labels))
        }
        func xLabel(_ value: Double) -> String { integral ? String(Int(value)) : ValueFormat.label(value) }

        let legend: Legend? = lines.count > 1
            ? Legend(items: lines.enumerated().map {
                Legend.Item(name: $1.name, swatch: .line(Palette.color($0), dashed: $1.style == .dashed))
            }, maxWidth: width - 16)
            : nil
        let ticksBottom = bottom + 8 + lineHeight
        let height = (legend.map { ticksBottom + 10 + $0.height } ?? ticksBottom) + 8

        var canvas = SVGCanvas(width: width, height: height, title: title)
        unitCaption(unit, on: &canvas)
        let x = LinearMap(domainStart: domain.low, domainEnd: domain.high, start: left, end: right)
        let y = LinearMap(domainStart: yScale.lower, domainEnd: yScale.upper, start: bottom, end: plotTop)
        drawVerticalAxis(yScale, y, left: left, right: right, on: &canvas)
        for tick in xTicks {
            canvas.line(x1: x(tick.value), y1: bottom, x2: x(tick.value), y2: bottom + 4, stroke: Palette.muted,
                        className: "x-tick-mark")
            canvas.text(tick.label, x: x(tick.value), y: bottom + 16, anchor: .middle, fill: Palette.muted,
                        className: "x-tick")
        }
        for (index, line) in cleaned.enumerated() where !line.band.isEmpty {
            let outline = line.band.map { (x: x($0.x), y: y($0.high)) } + line.band.reversed().map { (x: x($0.x), y: y($0.low)) }
            canvas.path(through: outline, fill: Palette.color(index), fillOpacity: 0.18, className: "band")
        }
        canvas.line(x1: left, y1: y(0), x2: right, y2: y(0), stroke: Palette.ink, className: "zero")
        for (index, line) in cleaned.enumerated() where line.points.count > 1 {
            canvas.path(through: line.points.map { (x: x($0.x), y: y($0.y)) }, stroke: Palette.color(index),
                        strokeWidth: 2, dash: lines[index].style == .dashed ? "6 4" : nil, className: "line")
        }
        for (index, line) in cleaned.enumerated() {
            for point in line.points {
                canvas.circle(cx: x(point.x), cy: y(point.y), r: 2.5, fill: Palette.color(index), className: "point",
                              tooltip: "\(lines[index].name) · \(xLabel(point.x)): \(ValueFormat.label(point.y)) \(unit)")
            }
        }
        for marker in xMarkers where marker.x.isFinite && marker.x >= domain.low && marker.x <= domain.high {
            drawMarker(at: x(marker.x), label: marker.label, top: plotTop, bottom: bottom, on: &canvas)
        }
        legend?.draw(on: &canvas, x: 8, top: ticksBottom + 10)
        return canvas.render()
    }
}
