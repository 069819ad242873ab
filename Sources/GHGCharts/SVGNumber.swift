/// The one formatter of SVG coordinates and lengths.
enum SVGNumber {
    /// The largest magnitude written; coordinates are clamped to ±`limit`.
    static let limit = 1e9

    /// Formats a coordinate rounded to one decimal: no exponent, no locale, no "-0", no trailing ".0";
    /// a value that is not finite is written as "0".
    ///
    /// - Complexity: O(1).
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let clamped = min(max(value, -limit), limit)
        let tenths = Int((clamped * 10).rounded(.toNearestOrAwayFromZero))
        if tenths == 0 { return "0" }
        let magnitude = tenths.magnitude
        var text = tenths < 0 ? "-" : ""
        text += String(magnitude / 10)
        let fraction = magnitude % 10
        if fraction != 0 { text += "." + String(fraction) }
        return text
    }
}
