/// A value axis with "nice" ticks: a step of 1, 2 or 5 × 10^k and bounds on whole steps that enclose the data.
struct NiceScale {
    /// The step's leading digit: 1, 2 or 5.
    let mantissa: Int
    /// The step's power of ten, k in mantissa × 10^k.
    let exponent: Int
    /// The index of the first tick (the lower bound is `firstIndex` × step).
    let firstIndex: Int
    /// The index of the last tick (the upper bound is `lastIndex` × step).
    let lastIndex: Int

    /// Creates a scale enclosing `low...high` with about `targetTicks` intervals.
    ///
    /// Bounds that are equal are widened (0 becomes 0...1); bounds that are not finite are treated as 0 and 1.
    ///
    /// - Complexity: O(|k|) for a step of m × 10^k, plus O(1).
    init(low: Double, high: Double, targetTicks: Int = 5) {
        var low = low.isFinite ? min(max(low, -ValueFormat.limit), ValueFormat.limit) : 0
        var high = high.isFinite ? min(max(high, -ValueFormat.limit), ValueFormat.limit) : 1
        if low > high { swap(&low, &high) }
        if low == high {
            if low == 0 {
                high = 1
            } else {
                let pad = low.magnitude * 0.1
                low -= pad
                high += pad
            }
        }
        let raw = (high - low) / Double(max(targetTicks, 1))
        var exponent = 0
        var unit = 1.0
        if raw >= 1 {
            while unit * 10 <= raw && exponent < 300 {
                unit *= 10
                exponent += 1
            }
        } else {
            var inverse = 1.0
            while unit > raw && exponent > -300 {
                inverse *= 10
                unit = 1 / inverse
                exponent -= 1
            }
        }
        let fraction = raw / unit
        var mantissa: Int
        if fraction <= 1.000_000_001 {
            mantissa = 1
        } else if fraction <= 2.000_000_001 {
            mantissa = 2
        } else if fraction <= 5.000_000_001 {
            mantissa = 5
        } else {
            mantissa = 1
            exponent += 1
        }
        self.mantissa = mantissa
        self.exponent = exponent
        let step = NiceScale.value(index: 1, mantissa: mantissa, exponent: exponent)
        firstIndex = Int((low / step + 1e-9).rounded(.down))
        lastIndex = max(Int((high / step - 1e-9).rounded(.up)), firstIndex + 1)
    }

    /// The lower bound of the axis (the first tick).
    var lower: Double { tick(firstIndex) }
    /// The upper bound of the axis (the last tick).
    var upper: Double { tick(lastIndex) }
    /// The number of decimals a tick label needs.
    var decimals: Int { max(0, -exponent) }
    /// The tick values from `lower` to `upper`.
    ///
    /// - Complexity: O(number of ticks).
    var ticks: [Double] { (firstIndex...lastIndex).map(tick) }
    /// The tick labels, all with ``decimals`` decimals and thousands separators.
    ///
    /// - Complexity: O(number of ticks).
    var labels: [String] { ticks.map { ValueFormat.fixed($0, decimals: decimals) } }

    /// The tick with index `index`, computed exactly from integers (no accumulated rounding).
    func tick(_ index: Int) -> Double {
        NiceScale.value(index: index, mantissa: mantissa, exponent: exponent)
    }

    /// index × mantissa × 10^exponent, dividing by an exact power of ten for a negative exponent.
    private static func value(index: Int, mantissa: Int, exponent: Int) -> Double {
        var power = 1.0
        for _ in 0..<exponent.magnitude { power *= 10 }
        let units = Double(index) * Double(mantissa)
        return exponent >= 0 ? units * power : units / power
    }
}
