/// An SVG document being written: the root element, its `<title>`, a visible title, then the drawn elements
/// in the order they are added.
///
/// Every string passed in (text, tooltips, the title) is escaped here and nowhere else, and every number goes
/// through ``SVGNumber/format(_:)``, so the output is well-formed and byte-for-byte deterministic.
struct SVGCanvas {
    /// The text-anchor of a text element.
    enum Anchor: String {
        /// The text starts at x.
        case start
        /// The text is centred on x.
        case middle
        /// The text ends at x.
        case end
    }

    /// The font stack, preferring fonts that have the Chinese glyphs of the labels.
    static let fontFamily = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif"
    /// The default font size in pixels.
    static let fontSize = 11.0
    /// The font size of the visible title.
    static let titleFontSize = 13.0

    /// The width in pixels (and user units).
    let width: Double
    /// The height in pixels (and user units).
    let height: Double
    /// The caller's title, unescaped.
    let title: String
    /// The elements drawn so far.
    private var body = ""

    /// Starts a document of the given size; `height` is rounded up to a whole pixel.
    init(width: Double, height: Double, title: String) {
        self.width = width.rounded(.up)
        self.height = height.rounded(.up)
        self.title = title
        body.reserveCapacity(4096)
    }

    /// Adds a rectangle; its edges are snapped to tenths first, so that adjacent rectangles share edges exactly.
    ///
    /// A negative width or height is turned into a rectangle spanning the same edges. A `tooltip` becomes a
    /// `<title>` child (shown on hover in a browser).
    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, className: String,
                       tooltip: String? = nil) {
        let x0 = SVGCanvas.snap(min(x, x + width)), x1 = SVGCanvas.snap(max(x, x + width))
        let y0 = SVGCanvas.snap(min(y, y + height)), y1 = SVGCanvas.snap(max(y, y + height))
        element("rect", [("class", className), ("x", number(x0)), ("y", number(y0)),
                         ("width", number(x1 - x0)), ("height", number(y1 - y0)), ("fill", fill)],
                tooltip: tooltip)
    }

    /// Adds a straight line, dashed with the SVG dash pattern `dash` if given.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, strokeWidth: Double = 1,
                       dash: String? = nil, className: String) {
        var attributes = [("class", className), ("x1", number(x1)), ("y1", number(y1)), ("x2", number(x2)),
                          ("y2", number(y2)), ("stroke", stroke), ("stroke-width", number(strokeWidth))]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        element("line", attributes)
    }

    /// Adds a circle, with a 1-pixel outline if `stroke` is given.
    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, className: String,
                         tooltip: String? = nil) {
        var attributes = [("class", className), ("cx", number(cx)), ("cy", number(cy)), ("r", number(r)),
                          ("fill", fill)]
        if let stroke { attributes += [("stroke", stroke), ("stroke-width", "1")] }
        element("circle", attributes, tooltip: tooltip)
    }

    /// Adds a path through `points`: an open polyline stroked in `stroke`, or, when `fill` is given, a closed
    /// area filled with `fill` at `fillOpacity`.
    mutating func path(through points: [(x: Double, y: Double)], stroke: String? = nil, strokeWidth: Double = 1,
                       dash: String? = nil, fill: String? = nil, fillOpacity: Double = 1, className: String) {
        guard let first = points.first else { return }
        var data = "M" + number(first.x) + " " + number(first.y)
        for point in points.dropFirst() {
            data += " L" + number(point.x) + " " + number(point.y)
        }
        var attributes = [("class", className), ("d", data)]
        if let fill {
            data += " Z"
            attributes = [("class", className), ("d", data), ("fill", fill)]
            if fillOpacity != 1 { attributes.append(("fill-opacity", ValueFormat.fixed(fillOpacity, decimals: 2, grouping: false, trimZeros: true))) }
            attributes.append(("stroke", "none"))
        } else {
            attributes += [("fill", "none"), ("stroke", stroke ?? Palette.ink), ("stroke-width", number(strokeWidth)),
                           ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
            if let dash { attributes.append(("stroke-dasharray", dash)) }
        }
        element("path", attributes)
    }

    /// Adds one line of text with its baseline at `y`.
    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, fontSize: Double? = nil,
                       bold: Bool = false, fill: String = Palette.ink, className: String) {
        var attributes = [("class", className), ("x", number(x)), ("y", number(y))]
        if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        if let fontSize { attributes.append(("font-size", number(fontSize))) }
        if bold { attributes.append(("font-weight", "bold")) }
        attributes.append(("fill", fill))
        body += "<text"
        appendAttributes(attributes)
        body += ">" + XMLText.escape(content) + "</text>\n"
    }

    /// The complete `<svg>` element.
    ///
    /// - Complexity: O(n) in the length of the output.
    func render() -> String {
        let w = number(width), h = number(height), label = XMLText.escape(title)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\""
        out += " role=\"img\" aria-label=\"\(label)\" font-family=\"\(SVGCanvas.fontFamily)\""
        out += " font-size=\"\(number(SVGCanvas.fontSize))\">\n"
        out += "<title>\(label)</title>\n"
        out += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#FFFFFF\"/>\n"
        out += "<text class=\"title\" x=\"8\" y=\"20\" font-size=\"\(number(SVGCanvas.titleFontSize))\""
        out += " font-weight=\"bold\" fill=\"\(Palette.ink)\">\(label)</text>\n"
        out += body
        out += "</svg>"
        return out
    }

    /// Rounds a coordinate to the tenths ``SVGNumber/format(_:)`` writes.
    static func snap(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return (min(max(value, -SVGNumber.limit), SVGNumber.limit) * 10).rounded(.toNearestOrAwayFromZero) / 10
    }

    /// Formats a coordinate.
    private func number(_ value: Double) -> String { SVGNumber.format(value) }

    /// Writes an element with no content but an optional `<title>` child.
    private mutating func element(_ name: String, _ attributes: [(String, String)], tooltip: String? = nil) {
        body += "<" + name
        appendAttributes(attributes)
        if let tooltip {
            body += "><title>" + XMLText.escape(tooltip) + "</title></" + name + ">\n"
        } else {
            body += "/>\n"
        }
    }

    /// Writes ` name="value"` pairs, escaping every value.
    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            body += " " + name + "=\"" + XMLText.escape(value) + "\""
        }
    }
}
