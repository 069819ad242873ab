/// A legend laid out in rows: a swatch and a name per item, wrapping to a new row at the available width.
struct Legend {
    /// How an item's colour is shown.
    enum Swatch {
        /// A filled square, for bars and areas.
        case square(String)
        /// A short line, dashed or not, for lines.
        case line(String, dashed: Bool)
        /// A dot with a white outline, for the net totals.
        case dot(String)
    }

    /// One entry: the caller's name (unescaped) and its swatch.
    struct Item {
        /// The name shown, truncated to the available width.
        let name: String
        /// The colour sample.
        let swatch: Swatch
    }

    /// The height of one row in pixels.
    static let rowHeight = 16.0

    /// The items with their x offset from the legend's left edge and their row.
    let placed: [(item: Item, x: Double, row: Int)]
    /// The number of rows.
    let rows: Int

    /// Lays out `items` left to right in rows no wider than `maxWidth`.
    ///
    /// - Complexity: O(n) in the total length of the names.
    init(items: [Item], maxWidth: Double) {
        var placed: [(item: Item, x: Double, row: Int)] = []
        var x = 0.0
        var row = 0
        for item in items {
            let name = TextMetrics.truncate(item.name, maxWidth: max(maxWidth - 20, 20), fontSize: SVGCanvas.fontSize)
            let itemWidth = 16 + TextMetrics.width(name, fontSize: SVGCanvas.fontSize)
            if x > 0 && x + itemWidth > maxWidth {
                row += 1
                x = 0
            }
            placed.append((Item(name: name, swatch: item.swatch), x, row))
            x += itemWidth + 16
        }
        self.placed = placed
        rows = items.isEmpty ? 0 : row + 1
    }

    /// The height of the legend in pixels.
    var height: Double { Double(rows) * Legend.rowHeight }

    /// Draws the legend with its top-left corner at (`x`, `top`).
    ///
    /// - Complexity: O(n) in the total length of the names.
    func draw(on canvas: inout SVGCanvas, x: Double, top: Double) {
        for entry in placed {
            let left = x + entry.x
            let rowTop = top + Double(entry.row) * Legend.rowHeight
            switch entry.item.swatch {
            case .square(let color):
                canvas.rect(x: left, y: rowTop + 2, width: 10, height: 10, fill: color, className: "legend-swatch")
            case .line(let color, let dashed):
                canvas.line(x1: left - 1, y1: rowTop + 7, x2: left + 11, y2: rowTop + 7, stroke: color, strokeWidth: 2,
                            dash: dashed ? "4 2" : nil, className: "legend-swatch")
            case .dot(let color):
                canvas.circle(cx: left + 5, cy: rowTop + 7, r: 3.5, fill: color, stroke: "#FFFFFF", className: "legend-swatch")
            }
            canvas.text(entry.item.name, x: left + 16, y: rowTop + 11, className: "legend")
        }
    }
}
