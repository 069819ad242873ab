import GHGCore

/// How the report shows numbers: one formatter, no locale. Tables show tonnes rounded to whole tonnes with
/// thousands separators (`9,939,406`), small masses to six significant digits (`12.3456`), percentages to two
/// decimals. Every shown number carries its full-precision value (``DecimalFormat/string(_:)``, the form of the CSV
/// files) in a `data-value` attribute, so a reader or a test can check it against the CSV outputs.
enum ReportFormat {
    /// Tonnes for reading.
    static func tonnes(_ x: Double) -> String {
        guard x.isFinite else { return DecimalFormat.string(x) }
        if abs(x) >= 100 { return grouped(x.rounded()) }
        return DecimalFormat.readable(x)
    }

    /// A percentage to two decimals (`28.88`).
    static func percent(_ x: Double) -> String {
        guard x.isFinite else { return DecimalFormat.string(x) }
        return DecimalFormat.string((x * 100).rounded() / 100)
    }

    /// A value of any unit for reading: tonnes-sized values grouped, small ones to six significant digits.
    static func number(_ x: Double) -> String { tonnes(x) }

    /// A whole number with comma thousands separators.
    static func grouped(_ x: Double) -> String {
        let s = DecimalFormat.string(x == 0 ? 0 : x)
        var digits = Substring(s), sign = ""
        if digits.hasPrefix("-") { sign = "-"; digits = digits.dropFirst() }
        if let dot = digits.firstIndex(of: ".") { digits = digits[..<dot] }
        guard digits.allSatisfy(\.isNumber) else { return s }
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return sign + out
    }
}
