/// Formatting of values for tick and value labels: thousands separated by commas, no exponent, no locale, no "-0".
enum ValueFormat {
    /// The largest magnitude of a value drawn or printed; chart values are clamped to ±`limit`.
    static let limit = 1e15

    /// Returns `value` with exactly `decimals` decimals (0...12), thousands separated by "," when `grouping`.
    ///
    /// With `trimZeros`, trailing zero decimals (and then a trailing ".") are removed. A value that is not
    /// finite is written as "0"; magnitudes beyond ``limit`` are clamped.
    ///
    /// - Complexity: O(number of digits).
    static func fixed(_ value: Double, decimals: Int, grouping: Bool = true, trimZeros: Bool = false) -> String {
        guard value.isFinite else { return "0" }
        let clamped = min(max(value, -limit), limit)
        var places = min(max(decimals, 0), 12)
        while places > 0 && clamped.magnitude * power(places) >= 9e18 { places -= 1 }
        let units = UInt64((clamped.magnitude * power(places)).rounded(.toNearestOrAwayFromZero))
        if units == 0 {
            return places == 0 || trimZeros ? "0" : "0." + String(repeating: "0", count: places)
        }
        var divisor: UInt64 = 1
        for _ in 0..<places { divisor *= 10 }
        let integer = String(units / divisor)
        var text = clamped < 0 ? "-" : ""
        if grouping {
            for (offset, digit) in integer.enumerated() {
                if offset > 0 && (integer.count - offset) % 3 == 0 { text += "," }
                text.append(digit)
            }
        } else {
            text += integer
        }
        guard places > 0 else { return text }
        var fraction = String(units % divisor)
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        if trimZeros {
            while fraction.last == "0" { fraction.removeLast() }
            if fraction.isEmpty { return text }
        }
        return text + "." + fraction
    }

    /// Returns a value label with as many decimals as its size deserves: none from 100 up, one from 10,
    /// two from 1, and two significant digits below 1 ("0.012"); trailing zero decimals are removed.
    ///
    /// - Complexity: O(number of digits).
    static func label(_ value: Double) -> String {
        fixed(value, decimals: decimals(for: value), trimZeros: true)
    }

    /// Returns ``label(_:)`` with a leading "+" for a positive value, for the changes of a bridge chart.
    ///
    /// - Complexity: O(number of digits).
    static func signedLabel(_ value: Double) -> String {
        let text = label(value)
        return value > 0 && text != "0" ? "+" + text : text
    }

    /// The number of decimals ``label(_:)`` uses for `value`.
    ///
    /// - Complexity: O(1) (at most 12 steps).
    static func decimals(for value: Double) -> Int {
        let magnitude = value.magnitude
        guard magnitude.isFinite, magnitude != 0, magnitude < 100 else { return 0 }
        if magnitude >= 10 { return 1 }
        if magnitude >= 1 { return 2 }
        var places = 1
        var scaled = magnitude * 10
        while scaled < 1 && places < 11 {
            scaled *= 10
            places += 1
        }
        return places + 1
    }

    /// 10 to the power `exponent` for a small non-negative exponent.
    private static func power(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
